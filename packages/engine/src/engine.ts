import type { ConnectorCreateInput, ConnectorUpdateInput, PaymentCreateRequest } from '@pay-box/contract';
import { agentBalance, agentReport } from './agents/agent-reports.js';
import { topUpFloat } from './agents/top-up.js';
import { booksHealth, checkBooks } from './audit/check-books.js';
import { authenticate, createApiKey, listApiKeys, revokeApiKey, type KeyRequest } from './auth/api-keys.js';
import { pbkdf2PasswordHasher, type PasswordHasher } from './auth/passwords.js';
import type { Principal, PublishablePrincipal, TerminalPrincipal } from './auth/principal.js';
import { CardOperations } from './checkout/card-operations.js';
import { createCheckoutSession, type CheckoutSessionInput } from './checkout/create-checkout-session.js';
import { getCheckoutReceipt, getCheckoutSession } from './checkout/get-checkout-session.js';
import { recordCardNotification } from './checkout/record-card-notification.js';
import { CatalogueCache } from './catalogue/catalogue.js';
import { listServices } from './catalogue/list-services.js';
import { defaultDispatchOptions, type DispatchOptions, type EngineContext, type Settings } from './context.js';
import { lookupCredits, type LookupQuery } from './credits/lookup-credits.js';
import { applyDemo, planDemo, seedDemo, type DemoOptions, type DemoPlan } from './demo/seed.js';
import { EventBus } from './events/event-bus.js';
import { floatBalance } from './ledger/ledger.js';
import { listPoints } from './points/list-points.js';
import type { CardAcquirer } from './ports/card-acquirer.js';
import { getPayment } from './payments/get-payment.js';
import { payCredit } from './payments/pay-credit.js';
import { payUnexpectedCredit, type UnexpectedCreditInput } from './payments/pay-unexpected-credit.js';
import { TransferWaits } from './payments/transfer-waits.js';
import { systemClock, type Clock } from './ports/clock.js';
import { randomIds, type IdSource } from './ports/ids.js';
import { webCryptoSha256, type Sha256 } from './ports/hashing.js';
import { silentLogger, type Logger } from './ports/logger.js';
import type { EventChannel } from './ports/event-channel.js';
import type { Store } from './ports/store.js';
import type { RailAnswer, TransferRail } from './ports/transfer-rail.js';
import { getReceipt, verifyReceipt } from './receipts/receipts.js';
import { listStaffActions } from './staff/staff-actions.js';
import { requireComuneRole, type StaffPrincipal } from './staff/staff-principal.js';
import { authenticateSession, describeSession, logIn, logOut } from './staff/sessions.js';
import { createPublishableKey, importComuneServices, listPublishableKeys, revokePublishableKey } from './staff/comune-settings.js';
import { createStaffUser, listStaffUsers, updateStaffUser } from './staff/staff-users.js';
import { createAgent, floatHistory, listAgents as listComuneAgents, setAgentSuspended, topUpAgent } from './platform/agents.js';
import { createComune, getComune, listComuni } from './platform/comuni.js';
import { importServices } from './platform/import-services.js';
import { auditActor, type PlatformActor } from './platform/platform-actor.js';
import { createPlatformUser, platformActorByEmail } from './platform/platform-users.js';
import { applyDueSettingChanges, approveSettingChange, cancelSettingChange, listSettingChanges, requestSettingChange } from './platform/setting-changes.js';
import { createPairingCode, listTerminals, pairTerminal, revokeTerminal, type PairingRequester } from './platform/terminals.js';
import { cancelAdminCredit, createAdminCredit, getAdminCredit, listAdminCredits, listAdminServices, updateAdminCredit } from './gestionale/credits.js';
import { exportCredits, importCredits } from './gestionale/credit-files.js';
import { exportUnexpectedCredits, listUnexpectedCredits, registerUnexpectedCredits } from './gestionale/unexpected-credits.js';
import { TransferDispatcher } from './transfers/dispatcher.js';
import { OutboxWorker, defaultOutboxWorkerOptions, type OutboxWorkerOptions } from './transfers/outbox-worker.js';
import { recordBankAnswer } from './transfers/record-bank-answer.js';
import { followEvents, type FollowOptions } from './live/event-feed.js';
import { listAgents as listShopTotals, overview } from './live/overview.js';
import { exportPayments, getPaymentDetail, getPaymentReceipt, listPayments, searchPayments, type PaymentQuery } from './live/payments.js';
import { listTransfers, resolveTransfer, retryTransfer, type TransferQuery } from './live/transfers.js';
import { dailyClosing } from './reconciliation/daily-closing.js';
import { importStatement } from './reconciliation/import-statement.js';
import { getReconciliation, getStatement, listStatements, runReconciliation } from './reconciliation/reconciliation-use-cases.js';
import { createEndpoint, deleteEndpoint, listDeliveries, listEndpoints, redeliver, rotateEndpointSecret, updateEndpoint, type EndpointChange, type EndpointInput } from './webhooks/webhook-endpoints.js';
import { defaultWebhookOptions, type WebhookOptions } from './webhooks/webhook-rules.js';
import { defaultConnectorOptions, type ConnectorOptions } from './connectors/connector-rules.js';
import { createConnector, listConnectors, updateConnector } from './connectors/connector-settings.js';
import { listDeadLetters, redeliverDeadLetter } from './outbox/dead-letters.js';

export interface EngineDependencies {
  store: Store;
  rail: TransferRail;
  /** The card acquirer of the web channel (its hosted page takes the card); without one, checkout sessions are refused. */
  acquirer?: CardAcquirer;
  settings: Settings;
  clock?: Clock;
  ids?: IdSource;
  log?: Logger;
  passwords?: PasswordHasher;
  /** SHA-256 for API keys and request fingerprints; Web Crypto by default. */
  sha256?: Sha256;
  dispatch?: Partial<DispatchOptions>;
  /** Webhooks: the server's HTTP transport and URL guard, and the retry policy (tests shorten it). */
  webhooks?: Partial<WebhookOptions>;
  /** Connectors: the server's HTTP clients for the comunes' systems, and the write-back's retry policy (tests shorten it). */
  connectors?: Partial<ConnectorOptions>;
  /** Where the store is shared with other processes: how their events reach this one (and this one's reach them). */
  eventChannel?: EventChannel;
}

/** On a shared store, how often a request waiting for its bank reference asks the store, in case an event is lost. */
const SHARED_STORE_POLL_MS = 500;

/**
 * The use cases and the money rules of Pay-Box, once: the reference server serves them over HTTP on
 * SQLite or PostgreSQL, and the SDK's mock runs them in memory. Named like the API's resources.
 */
export function createEngine(dependencies: EngineDependencies) {
  const events = new EventBus();
  const shared: Omit<EngineContext, 'dispatcher' | 'cardOperations'> = {
    store: dependencies.store,
    rail: dependencies.rail,
    acquirer: dependencies.acquirer,
    clock: dependencies.clock ?? systemClock,
    ids: dependencies.ids ?? randomIds,
    log: dependencies.log ?? silentLogger,
    passwords: dependencies.passwords ?? pbkdf2PasswordHasher(),
    sha256: dependencies.sha256 ?? webCryptoSha256,
    events,
    settings: dependencies.settings,
    dispatch: { ...defaultDispatchOptions, ...dependencies.dispatch },
    webhooks: { ...defaultWebhookOptions, ...dependencies.webhooks },
    connectors: { ...defaultConnectorOptions, ...dependencies.connectors },
    catalogue: new CatalogueCache(dependencies.store),
    transferWaits: new TransferWaits(events, dependencies.store.shared ? SHARED_STORE_POLL_MS : undefined),
    runningRequests: new Set(),
  };
  const ctx: EngineContext = { ...shared, dispatcher: new TransferDispatcher(shared), cardOperations: new CardOperations(shared) };
  // Answers the bank sends on its own (after a time-out, a processing answer, or twice) are recorded like any other.
  const stopListening = ctx.rail.onAnswer((endToEndId, answer) => void ctx.dispatcher.applyAnswer(endToEndId, answer, 'notification'));
  const idle = async () => void (await Promise.all([ctx.dispatcher.idle(), ctx.cardOperations.idle()]));
  const disconnect = dependencies.eventChannel ? events.connect(dependencies.eventChannel, ctx.ids.id('ins'), ctx.log) : () => {};

  return {
    context: ctx,
    settings: ctx.settings,
    credits: {
      lookup: (principal: Principal, query: LookupQuery) => lookupCredits(ctx, principal, query),
    },
    payments: {
      create: (principal: TerminalPrincipal, request: PaymentCreateRequest, idempotencyKey: string) => payCredit(ctx, principal, request, idempotencyKey),
      get: (principal: TerminalPrincipal, paymentId: string) => getPayment(ctx, principal, paymentId),
    },
    unexpectedCredits: {
      create: (principal: TerminalPrincipal, request: UnexpectedCreditInput, idempotencyKey: string) => payUnexpectedCredit(ctx, principal, request, idempotencyKey),
    },
    checkoutSessions: {
      create: (principal: PublishablePrincipal, input: CheckoutSessionInput) => createCheckoutSession(ctx, principal, input),
      get: (principal: PublishablePrincipal, sessionId: string) => getCheckoutSession(ctx, principal, sessionId),
      receipt: (principal: PublishablePrincipal, sessionId: string) => getCheckoutReceipt(ctx, principal, sessionId),
      /** A notification the card acquirer posted: its raw body and headers. */
      recordNotification: (body: string, headers: Headers) => recordCardNotification(ctx, body, headers),
    },
    points: {
      list: (principal: Principal) => listPoints(ctx, principal),
    },
    receipts: {
      get: (principal: TerminalPrincipal, receiptId: string) => getReceipt(ctx, principal, receiptId),
      verify: (code: string) => verifyReceipt(ctx, code),
    },
    services: {
      list: (principal: Principal) => listServices(ctx, principal),
    },
    agents: {
      balance: (principal: TerminalPrincipal) => agentBalance(ctx, principal),
      report: (principal: TerminalPrincipal, date: string) => agentReport(ctx, principal, date),
      topUp: (agentId: string, amount: number) => topUpFloat(ctx, agentId, amount),
      floatBalance: (agentId: string) => ctx.store.read((tx) => floatBalance(tx, agentId)),
    },
    keys: {
      create: (request: KeyRequest) => createApiKey(ctx, request),
      authenticate: (secret: string) => authenticate(ctx, secret),
      list: (comuneId?: string) => listApiKeys(ctx, comuneId),
      revoke: (keyId: string) => revokeApiKey(ctx, keyId),
    },
    transfers: {
      /** Applies a bank answer as the dispatcher would (tests and operators' tools). */
      recordAnswer: async (endToEndId: string, answer: RailAnswer) => (await recordBankAnswer(ctx, endToEndId, answer)).effect,
      /** Frees every outbox lease: only for the one process that owns its store (not a shared one), at its start. */
      releaseAllLeases: () => ctx.store.transaction((tx) => tx.outbox.releaseAllLeases()),
      /** Resolves once no transfer is being sent or answered, and no card captured or voided, in this process. */
      idle,
      /** The loop that sends what the payment path could not (time-outs, crashes); started by the server. */
      worker: (options: Partial<OutboxWorkerOptions> = {}) => new OutboxWorker(ctx, { ...defaultOutboxWorkerOptions, ...options }),
    },
    staff: {
      logIn: (credentials: { email: string; password: string }) => logIn(ctx, credentials),
      /** The principal of a session cookie's token, or undefined when it is unknown, ended or expired. */
      authenticate: (token: string) => authenticateSession(ctx, token),
      session: (principal: StaffPrincipal) => describeSession(ctx, principal),
      logOut: (principal: StaffPrincipal) => logOut(ctx, principal),
      users: {
        list: (principal: StaffPrincipal) => listStaffUsers(ctx, principal),
        create: (principal: StaffPrincipal, input: Parameters<typeof createStaffUser>[2]) => createStaffUser(ctx, principal, input),
        update: (principal: StaffPrincipal, userId: string, change: Parameters<typeof updateStaffUser>[3]) => updateStaffUser(ctx, principal, userId, change),
      },
      /** What a comune's admin sets up alone: services from a file, the site's publishable keys. */
      settings: {
        importServices: (principal: StaffPrincipal, file: string) => importComuneServices(ctx, principal, file),
        publishableKeys: (principal: StaffPrincipal) => listPublishableKeys(ctx, principal),
        createPublishableKey: (principal: StaffPrincipal, allowedOrigins: string[]) => createPublishableKey(ctx, principal, allowedOrigins),
        revokePublishableKey: (principal: StaffPrincipal, keyId: string) => revokePublishableKey(ctx, principal, keyId),
      },
      actions: {
        list: (principal: StaffPrincipal, page: { cursor?: string | undefined; limit: number }) => listStaffActions(ctx, principal, page),
      },
    },
    /** Onboarding, by the payment institution's staff (API under /v1/platform, and the CLI). */
    platform: {
      actorByEmail: (email: string) => platformActorByEmail(ctx, email),
      users: {
        create: (actor: PlatformActor, input: { email: string; name: string; password: string }) => createPlatformUser(ctx, actor, input),
      },
      comuni: {
        create: (actor: PlatformActor, input: Parameters<typeof createComune>[2]) => createComune(ctx, actor, input),
        list: () => listComuni(ctx),
        get: (comuneId: string) => getComune(ctx, comuneId),
        importServices: (actor: PlatformActor, comuneId: string, file: string) => importServices(ctx, { audit: auditActor(actor), mayImportFees: true }, comuneId, file),
      },
      connectors: {
        list: (comuneId: string) => listConnectors(ctx, comuneId),
        create: (actor: PlatformActor, comuneId: string, input: ConnectorCreateInput) => createConnector(ctx, { ...actor, comuneId }, input),
        update: (actor: PlatformActor, comuneId: string, id: string, change: ConnectorUpdateInput) => updateConnector(ctx, { ...actor, comuneId }, id, change),
      },
      agents: {
        create: (actor: PlatformActor, comuneId: string, input: Parameters<typeof createAgent>[3]) => createAgent(ctx, actor, comuneId, input),
        list: (comuneId: string) => listComuneAgents(ctx, comuneId),
        suspend: (actor: PlatformActor, agentId: string, reason: string) => setAgentSuspended(ctx, actor, agentId, { reason }),
        reactivate: (actor: PlatformActor, agentId: string) => setAgentSuspended(ctx, actor, agentId, null),
        topUp: (actor: PlatformActor, agentId: string, input: { amount: number; reference: string }) => topUpAgent(ctx, actor, agentId, input),
        floatHistory: (agentId: string) => floatHistory(ctx, agentId),
      },
      terminals: {
        pairingCode: (requester: PairingRequester, agentId: string, label: string) => createPairingCode(ctx, requester, agentId, label),
        list: (agentId: string) => listTerminals(ctx, agentId),
        revoke: (actor: PlatformActor, terminalId: string) => revokeTerminal(ctx, actor, terminalId),
      },
      settingChanges: {
        request: (actor: PlatformActor, comuneId: string, input: Parameters<typeof requestSettingChange>[3]) => requestSettingChange(ctx, actor, comuneId, input),
        approve: (actor: PlatformActor, changeId: string) => approveSettingChange(ctx, actor, changeId),
        cancel: (actor: PlatformActor, changeId: string) => cancelSettingChange(ctx, actor, changeId),
        list: (comuneId: string | null) => listSettingChanges(ctx, comuneId),
        /** Applies approved changes whose time has come; the server calls it every few seconds. */
        applyDue: () => applyDueSettingChanges(ctx),
      },
    },
    terminals: {
      /** A new terminal exchanges its one-time pairing code for its key. */
      pair: (code: string) => pairTerminal(ctx, code),
    },
    /** The gestionale standard of the cruscotto: the comune's credits, their CSV files, and unexpected credits to book. */
    gestionale: {
      services: (principal: StaffPrincipal) => listAdminServices(ctx, principal),
      credits: {
        list: (principal: StaffPrincipal, query: Parameters<typeof listAdminCredits>[2]) => listAdminCredits(ctx, principal, query),
        get: (principal: StaffPrincipal, id: string) => getAdminCredit(ctx, principal, id),
        create: (principal: StaffPrincipal, input: Parameters<typeof createAdminCredit>[2]) => createAdminCredit(ctx, principal, input),
        update: (principal: StaffPrincipal, id: string, change: Parameters<typeof updateAdminCredit>[3]) => updateAdminCredit(ctx, principal, id, change),
        cancel: (principal: StaffPrincipal, id: string, reason: string) => cancelAdminCredit(ctx, principal, id, reason),
        import: (principal: StaffPrincipal, csv: string, mode: Parameters<typeof importCredits>[3]) => importCredits(ctx, principal, csv, mode),
        export: (principal: StaffPrincipal, filter: Parameters<typeof exportCredits>[2]) => exportCredits(ctx, principal, filter),
      },
      unexpectedCredits: {
        list: (principal: StaffPrincipal, query: Parameters<typeof listUnexpectedCredits>[2]) => listUnexpectedCredits(ctx, principal, query),
        register: (principal: StaffPrincipal, request: Parameters<typeof registerUnexpectedCredits>[2]) => registerUnexpectedCredits(ctx, principal, request),
        export: (principal: StaffPrincipal, registered: boolean | undefined) => exportUnexpectedCredits(ctx, principal, registered),
      },
    },
    reconciliation: {
      importStatement: (principal: StaffPrincipal, content: string) => importStatement(ctx, principal, content),
      listStatements: (principal: StaffPrincipal, page: { cursor?: string | undefined; limit: number }) => listStatements(ctx, principal, page),
      getStatement: (principal: StaffPrincipal, id: string) => getStatement(ctx, principal, id),
      run: (principal: StaffPrincipal) => runReconciliation(ctx, principal),
      current: (principal: StaffPrincipal) => getReconciliation(ctx, principal),
      dailyClosing: (principal: StaffPrincipal, date: string) => dailyClosing(ctx, principal, date),
    },
    /** The cruscotto's live part: overview, feed, payments, transfers, shops, support search (a comune's staff). */
    live: {
      overview: (principal: StaffPrincipal) => overview(ctx, principal),
      events: (principal: StaffPrincipal, options: FollowOptions) => followEvents(ctx, principal, options),
      payments: {
        list: (principal: StaffPrincipal, query: PaymentQuery) => listPayments(ctx, principal, query),
        export: (principal: StaffPrincipal, filter: Parameters<typeof exportPayments>[2]) => exportPayments(ctx, principal, filter),
        get: (principal: StaffPrincipal, paymentId: string) => getPaymentDetail(ctx, principal, paymentId),
        receipt: (principal: StaffPrincipal, paymentId: string) => getPaymentReceipt(ctx, principal, paymentId),
        search: (principal: StaffPrincipal, q: string) => searchPayments(ctx, principal, q),
      },
      transfers: {
        list: (principal: StaffPrincipal, query: TransferQuery) => listTransfers(ctx, principal, query),
        retry: (principal: StaffPrincipal, transferId: string) => retryTransfer(ctx, principal, transferId),
        resolve: (principal: StaffPrincipal, transferId: string, input: { note: string; bankReference?: string | undefined }) => resolveTransfer(ctx, principal, transferId, input),
      },
      agents: (principal: StaffPrincipal) => listShopTotals(ctx, principal),
    },
    /** A comune's webhook endpoints and their delivery log (its admins). */
    webhooks: {
      list: (principal: StaffPrincipal) => listEndpoints(ctx, principal),
      create: (principal: StaffPrincipal, input: EndpointInput) => createEndpoint(ctx, principal, input),
      update: (principal: StaffPrincipal, id: string, change: EndpointChange) => updateEndpoint(ctx, principal, id, change),
      rotateSecret: (principal: StaffPrincipal, id: string) => rotateEndpointSecret(ctx, principal, id),
      delete: (principal: StaffPrincipal, id: string) => deleteEndpoint(ctx, principal, id),
      deliveries: (principal: StaffPrincipal, endpointId: string) => listDeliveries(ctx, principal, endpointId),
      redeliver: (principal: StaffPrincipal, deliveryId: string) => redeliver(ctx, principal, deliveryId),
    },
    /** Where a comune's credits live (connectors to its own systems), and the outbox work that gave up. */
    connectors: {
      list: (principal: StaffPrincipal) => listConnectors(ctx, requireComuneRole(principal, 'admin').comuneId),
      create: (principal: StaffPrincipal, input: ConnectorCreateInput) => createConnector(ctx, requireComuneRole(principal, 'admin'), input),
      update: (principal: StaffPrincipal, id: string, change: ConnectorUpdateInput) => updateConnector(ctx, requireComuneRole(principal, 'admin'), id, change),
    },
    deadLetters: {
      list: (principal: StaffPrincipal) => listDeadLetters(ctx, principal),
      redeliver: (principal: StaffPrincipal, id: string) => redeliverDeadLetter(ctx, principal, id),
    },
    demo: {
      plan: (options: DemoOptions): DemoPlan => planDemo(ctx.ids, ctx.clock.now(), options),
      apply: (plan: DemoPlan) => applyDemo(ctx, plan),
      seed: (options: DemoOptions) => seedDemo(ctx, options),
    },
    books: {
      check: () => checkBooks(ctx),
      health: () => booksHealth(ctx),
      isEmpty: async () => (await ctx.store.read((tx) => tx.comuni.count())) === 0,
    },
    /** Stops listening to the bank and the other instances, and waits for the transfers and card operations under way; the store and rail stay open. */
    async close(): Promise<void> {
      stopListening();
      disconnect();
      await idle();
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
