/**
 * @pay-box/engine: the use cases and the money rules of Pay-Box, runtime-neutral (no `node:` module,
 * no database driver: Web Crypto for randomness and hashing). It speaks to storage through the
 * storage port (ports/store.ts) and to the bank through the rail port (ports/transfer-rail.ts).
 */
export { createEngine, type Engine, type EngineDependencies } from './engine.js';
export { defaultDispatchOptions, type DispatchOptions, type EngineContext, type Settings } from './context.js';
export { DomainError, LedgerInvariantError, UnitOfWorkError } from './errors.js';
export type { Principal, PublishablePrincipal, TerminalPrincipal } from './auth/principal.js';
export type { CheckoutSessionInput } from './checkout/create-checkout-session.js';
export { CHECKOUT_SESSION_TTL_MS, RETURN_PARAMETER } from './checkout/create-checkout-session.js';
export type { NotificationEffect } from './checkout/record-card-notification.js';
export type { CreatedKey, KeyRequest } from './auth/api-keys.js';
export { constantTimeEqual, pbkdf2PasswordHasher, type PasswordHasher } from './auth/passwords.js';
export { requireComuneRole, requirePlatform, type ComuneStaffPrincipal, type StaffPrincipal } from './staff/staff-principal.js';
export { recordStaffAction, type StaffActionInput } from './staff/staff-actions.js';
export { platformActorOf, type PlatformActor } from './platform/platform-actor.js';
export { PAIRING_CODE_TTL_MS, type PairingRequester } from './platform/terminals.js';
export { bankNameOf } from './platform/bank-names.js';
export { LOGIN_FAILURE_LIMIT, SESSION_IDLE_MS, type LoginResult } from './staff/sessions.js';
export { STALE_TRANSFER_MS } from './views/admin-payment-view.js';
export { PAYMENT_EXPORT_COLUMNS } from './live/payments.js';
export { endToEndIdOf, paymentIdOf } from './transfers/end-to-end-id.js';
export type { FeedEvent } from './live/event-feed.js';
export type { LookupQuery } from './credits/lookup-credits.js';
export type { UnexpectedCreditInput } from './payments/pay-unexpected-credit.js';
export type { PaymentOutcome } from './payments/respond-with-payment.js';
export type { BankAnswerEffect } from './transfers/record-bank-answer.js';
export { defaultOutboxWorkerOptions, type OutboxWorker, type OutboxWorkerOptions } from './transfers/outbox-worker.js';
export type { BooksHealth } from './audit/check-books.js';
export type { DemoOptions, DemoPlan } from './demo/seed.js';
export { accountId, accounts, type AccountRef } from './ledger/accounts.js';
export type { Posting } from './ledger/ledger.js';
export type { PayBoxEvents } from './events/event-bus.js';

// Ports: what a store, a rail, a clock and an id source must provide.
export type * from './ports/store.js';
export { tablePrimaryKeys } from './ports/tables.js';
export type * from './ports/rows.js';
export type * from './ports/reconciliation.js';
export type * from './ports/live.js';
export type * from './ports/gestionale.js';
export * from './ports/webhooks.js';
export * from './ports/credit-connectors.js';
export { isPublicAddress, literalUrlRefusal, WEBHOOK_AUTO_DISABLE_AFTER_FAILURES, WEBHOOK_AUTO_DISABLE_AFTER_MS, defaultWebhookOptions, type WebhookOptions } from './webhooks/webhook-rules.js';
export { defaultConnectorOptions, type ConnectorOptions } from './connectors/connector-rules.js';
export type { ConnectorActor } from './connectors/connector-settings.js';
export { systemClock, type Clock } from './ports/clock.js';
export { randomIds, BASE62, CROCKFORD32, groupedCode, type IdSource } from './ports/ids.js';
export { silentLogger, type Logger } from './ports/logger.js';
export type { EventChannel } from './ports/event-channel.js';
export { webCryptoSha256, type Sha256 } from './ports/hashing.js';
export { AcquirerError, type CardAcquirer, type CardNotification, type HostedPaymentOrder } from './ports/card-acquirer.js';
export { RailTimeoutError, type RailAnswer, type RailProcessing, type RailStatus, type TransferOrder, type TransferRail } from './ports/transfer-rail.js';

// The in-memory store and the sandbox bank: the SDK's mock, and the server's sandbox rail on its own book.
export { MemoryStore } from './stores/memory/memory-store.js';
export { SandboxBank, sandboxBankReference, type SandboxBankOptions } from './sandbox/sandbox-bank.js';
export { MemoryBankBook } from './sandbox/memory-bank-book.js';
export {
  SandboxAcquirer,
  sandboxTestCards,
  ACQUIRER_NOTIFICATION_PATH,
  SANDBOX_SIGNATURE_HEADER,
  type CardAttemptResult,
  type CardEntry,
  type CardField,
  type SandboxAcquirerOptions,
} from './sandbox/sandbox-acquirer.js';
export { bookedTransfer, type BankBook, type BookedState, type BookedTransfer, type Booking } from './sandbox/bank-book.js';
export { faultNames, faultPlanFromEnv, type FaultName, type FaultPlan } from './sandbox/fault-plan.js';
export type { Rejection } from './sandbox/transfer-validation.js';
export { sepaRemittance } from './transfers/remittance.js';
export { dailyClosingCsv } from './reconciliation/daily-closing.js';

// The ledger's primitives, for operators' tools and tests: every posting still passes the ledger's checks.
export { post as postLedgerTransaction, floatBalance, assertLedgerConsistent } from './ledger/ledger.js';
