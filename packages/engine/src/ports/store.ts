import type { TransferStatus } from '@pay-box/contract';
import type {
  AccountRow,
  AgentPaymentLine,
  AgentRow,
  ApiKeyRow,
  Channel,
  ComuneRow,
  CreditRow,
  FeeSchedule,
  IdempotencyRow,
  LedgerTransactionKind,
  OutboxKind,
  DeadLetterRow,
  NewServiceRow,
  OutboxRow,
  PaymentRow,
  ReceiptRow,
  ServiceRow,
  StaffUserRow,
  StaffSessionRow,
  LoginFailureRow,
  StaffActionRow,
  TerminalRow,
  TransferRow,
  AccountKind,
  CardAuthorizationRow,
  CheckoutSessionRow,
  ComuneProfile,
  SettingChangeRow,
  SupportContacts,
  TerminalListing,
  TerminalPairingRow,
} from './rows.js';
import type { ReconciliationRepository } from './reconciliation.js';
import type { GestionaleRepository } from './gestionale.js';
import type { EventRepository, LiveRepository } from './live.js';
import type { WebhookRepository } from './webhooks.js';
import type { ConnectorRepository } from './credit-connectors.js';

/**
 * The storage port. The engine speaks to storage only through these interfaces; the stores behind
 * them are in memory (here, for the SDK's mock and fast tests), SQLite and PostgreSQL (the server).
 *
 * The rule of a unit of work: `store.transaction(async (tx) => ...)` awaits nothing but `tx`. A bank
 * call or a connector lookup happens before or after it, never inside, so that a unit of work holds
 * its locks for microseconds and SQLite can commit many of them together (group commit). A store may
 * run a unit again after rolling it back (PostgreSQL after a deadlock, SQLite when another unit of its
 * batch failed): its only effects are through `tx` and its result.
 */
export interface Store {
  /** Runs `work` as one atomic unit: all of its writes commit together, or none does if it throws. */
  transaction<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T>;
  /**
   * How many times this process discarded what a unit of work wrote: a unit that threw, a batch
   * rolled back to run again, a commit that failed. A cache filled from inside a unit of work holds
   * only while this is unchanged: what the unit read may never have committed, and a version number
   * it saw may come back with other contents.
   */
  readonly discards: number;
  /** Reads committed data outside any unit of work (each read sees the latest commit; writes are refused). */
  read<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T>;
  /** Reads in one consistent snapshot, without holding up writers: audits that compare one table with another. */
  snapshot<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T>;
  /** Row counts and full contents of every table: for operators' checks and tests' "nothing was written". */
  readonly diagnostics: StoreDiagnostics;
  /**
   * True when other processes run engines on the same data (PostgreSQL behind several instances):
   * an outbox lease may then be another live instance's, and events must travel between processes.
   * False for a store one process owns (memory, an embedded SQLite file).
   */
  readonly shared: boolean;
  /**
   * Runs `work` while no other process runs work under the same name on this data: instances that
   * start together on an empty database seed the demo once. A store one process owns just runs it.
   */
  exclusively<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Waits for units of work under way, then refuses new ones and releases the storage. */
  close(): Promise<void>;
}

export interface StoreDiagnostics {
  rowCounts(): Promise<Record<string, number>>;
  snapshot(): Promise<Record<string, unknown[]>>;
}

/** Everything a unit of work can touch. Reads return undefined, never throw, for a missing row. */
export interface UnitOfWork {
  comuni: ComuneRepository;
  services: ServiceRepository;
  fees: FeeRepository;
  agents: AgentRepository;
  terminals: TerminalRepository;
  staffUsers: StaffUserRepository;
  staffSessions: StaffSessionRepository;
  loginFailures: LoginFailureRepository;
  staffActions: StaffActionRepository;
  apiKeys: ApiKeyRepository;
  credits: CreditRepository;
  payments: PaymentRepository;
  receipts: ReceiptRepository;
  counters: CounterRepository;
  transfers: TransferRepository;
  outbox: OutboxRepository;
  idempotency: IdempotencyRepository;
  ledger: LedgerRepository;
  audit: AuditRepository;
  checkoutSessions: CheckoutSessionRepository;
  cardAuthorizations: CardAuthorizationRepository;
  reconciliation: ReconciliationRepository;
  gestionale: GestionaleRepository;
  events: EventRepository;
  live: LiveRepository;
  terminalPairings: TerminalPairingRepository;
  settingChanges: SettingChangeRepository;
  webhooks: WebhookRepository;
  connectors: ConnectorRepository;
}

export interface ComuneRepository {
  get(id: string): Promise<ComuneRow | undefined>;
  count(): Promise<number>;
  insert(row: ComuneRow, createdAt: string): Promise<void>;
  /**
   * Reserves the next 13-digit IUV base of the comune's notice numbers. A shared store may take it
   * outside the unit of work, as a sequence would: one a rolled-back unit took is then a gap, never
   * a duplicate.
   */
  nextIuvBase(id: string): Promise<string>;
  /** Reserves `count` consecutive IUV bases at once (an import's), on the same terms as `nextIuvBase`. */
  nextIuvBases(id: string, count: number): Promise<string[]>;
  /** Sets where the comune's IUV bases continue (after a seed that numbered its own credits). */
  setNextIuv(id: string, next: number): Promise<void>;
  /**
   * Grows whenever the comune, its services or its fees change, whoever changes them (another
   * process, a console): caches of the catalogue compare it before they are trusted.
   */
  catalogueVersion(id: string): Promise<number | undefined>;
  /** Every comune with its contacts, by name: platform staff's list. */
  list(): Promise<ComuneProfile[]>;
  profile(id: string): Promise<ComuneProfile | undefined>;
  setSupportContacts(id: string, contacts: SupportContacts): Promise<void>;
  /** Where its transfers go from now on: payments already made keep the IBAN of their transfer row. */
  setTreasuryIban(id: string, iban: string): Promise<void>;
}

export interface ServiceRepository {
  /** The comune's catalogue, by code. */
  list(comuneId: string): Promise<ServiceRow[]>;
  insert(row: NewServiceRow): Promise<void>;
}

export interface FeeRepository {
  list(comuneId: string): Promise<Array<FeeSchedule & { channel: Channel }>>;
  set(comuneId: string, channel: Channel, fees: FeeSchedule): Promise<void>;
}

export interface AgentRepository {
  get(id: string): Promise<AgentRow | undefined>;
  /** The comune's shops, by name. */
  listByComune(comuneId: string): Promise<AgentRow[]>;
  insert(row: AgentRow, createdAt: string): Promise<void>;
  /** When the shop was onboarded and whether (since when) it is suspended. */
  status(id: string): Promise<{ createdAt: string; suspendedAt: string | null } | undefined>;
  /** Suspends (an instant) or reactivates (null) a shop: its terminals' keys follow at once. */
  setSuspended(id: string, suspendedAt: string | null): Promise<void>;
}

export interface TerminalRepository {
  insert(row: TerminalRow, createdAt: string): Promise<void>;
  get(id: string): Promise<TerminalRow | undefined>;
  /** A shop's terminals with their keys, oldest first. */
  listByAgent(agentId: string): Promise<TerminalListing[]>;
}

export interface TerminalPairingRepository {
  insert(row: TerminalPairingRow): Promise<void>;
  /** `lock` holds the code until the unit of work ends: two terminals racing with one code pair once. */
  byCodeHash(codeHash: string, options?: { lock?: boolean }): Promise<TerminalPairingRow | undefined>;
  /** False when the code was used already. */
  markUsed(codeHash: string, terminalId: string, usedAt: string): Promise<boolean>;
}

export interface SettingChangeRepository {
  insert(row: SettingChangeRow): Promise<void>;
  get(id: string, options?: { lock?: boolean }): Promise<SettingChangeRow | undefined>;
  /** One comune's changes, or every comune's for null, newest first. */
  list(comuneId: string | null): Promise<SettingChangeRow[]>;
  /** Writes the status and the approval and application instants. */
  update(row: SettingChangeRow): Promise<void>;
  /** Approved changes whose time has come and that are not applied yet, oldest first. */
  due(now: string): Promise<SettingChangeRow[]>;
}

export interface StaffUserRepository {
  get(id: string): Promise<(StaffUserRow & { createdAt: string }) | undefined>;
  /** `email` as stored: lower case. */
  byEmail(email: string): Promise<(StaffUserRow & { createdAt: string }) | undefined>;
  /** A comune's staff (or, for null, the platform's), by email. */
  list(comuneId: string | null): Promise<Array<StaffUserRow & { createdAt: string }>>;
  insert(row: StaffUserRow, createdAt: string): Promise<void>;
  /** Rewrites what may change of a user: name, role, password hash, disabled. */
  update(row: StaffUserRow): Promise<void>;
}

export interface StaffSessionRepository {
  get(id: string): Promise<StaffSessionRow | undefined>;
  insert(row: StaffSessionRow): Promise<void>;
  touch(id: string, lastSeenAt: string): Promise<void>;
  end(id: string, endedAt: string): Promise<void>;
  /** Ends every open session of a user (disabled, or their password changed). */
  endAllOfUser(userId: string, endedAt: string): Promise<void>;
}

export interface LoginFailureRepository {
  get(email: string): Promise<LoginFailureRow | undefined>;
  /** Writes the email's count, replacing the one before. */
  put(row: LoginFailureRow): Promise<void>;
  clear(email: string): Promise<void>;
}

export interface StaffActionRepository {
  /** Appends a line; the log is never updated nor deleted from. */
  append(row: Omit<StaffActionRow, 'seq'>): Promise<void>;
  /** A comune's lines (null: the platform's), newest first, before `beforeSeq` when given. */
  list(comuneId: string | null, beforeSeq: number | null, limit: number): Promise<StaffActionRow[]>;
}

export interface ApiKeyRepository {
  /** The key, and for a terminal's its shop's name and whether it is suspended (read with the key: one query per request). */
  byHash(keyHash: string): Promise<(ApiKeyRow & { agentName: string | null; agentSuspendedAt: string | null }) | undefined>;
  list(comuneId?: string): Promise<ApiKeyRow[]>;
  insert(row: Omit<ApiKeyRow, 'revokedAt'>, keyHash: string): Promise<void>;
  /** False when there is no such active key. */
  revoke(id: string, revokedAt: string): Promise<boolean>;
}

export interface CreditRepository {
  get(comuneId: string, id: string): Promise<CreditRow | undefined>;
  byNoticeNumber(comuneId: string, noticeNumber: string): Promise<CreditRow | undefined>;
  /**
   * The same credit with its comune's catalogue version, read together: a lookup checks its cached
   * catalogue without a read of its own (one statement, and on PostgreSQL one round trip, not two).
   */
  byNoticeNumberWithCatalogueVersion(comuneId: string, noticeNumber: string): Promise<{ credit: CreditRow; catalogueVersion: number } | undefined>;
  /** A debtor's credits of one service, by due date; `openOnly` leaves out what is paid, cancelled or expired. */
  byDebtor(comuneId: string, debtorTaxCode: string, serviceId: string, openOnly: boolean): Promise<CreditRow[]>;
  openNoticeNumbers(comuneId: string, limit: number): Promise<string[]>;
  insert(row: CreditRow): Promise<void>;
  /** Inserts many credits in few statements (an import's): all or, if one clashes, none with the unit of work. */
  insertMany(rows: CreditRow[]): Promise<void>;
  /**
   * Closes an open credit of the amount the payment read. False when it was not open any more
   * (somebody else paid it first) or its amount changed meanwhile (the comune edited it).
   */
  markPaid(id: string, paidAt: string, amount: number): Promise<boolean>;
}

export interface PaymentRepository {
  get(id: string): Promise<PaymentRow | undefined>;
  insert(row: PaymentRow): Promise<void>;
  /** An agent's payments in [from, to), with their service: the daily closing's input. */
  forAgentBetween(agentId: string, from: string, to: string): Promise<AgentPaymentLine[]>;
}

export interface ReceiptRepository {
  get(id: string): Promise<ReceiptRow | undefined>;
  byPayment(paymentId: string): Promise<ReceiptRow | undefined>;
  byVerificationCode(code: string): Promise<ReceiptRow | undefined>;
  insert(row: ReceiptRow): Promise<void>;
}

export interface CounterRepository {
  /** Next value of a per-comune counter (receipt numbers per year), starting at 1. */
  next(comuneId: string, name: string): Promise<number>;
}

export interface TransferRepository {
  get(id: string): Promise<TransferRow | undefined>;
  /** `lock` holds the transfer until the unit of work ends: two answers for it are then applied one after the other. */
  byPayment(paymentId: string, options?: { lock?: boolean }): Promise<TransferRow | undefined>;
  byBankReference(bankReference: string): Promise<TransferRow | undefined>;
  /** A new pending transfer; `sendAttempts` is 1 when its first send is counted in the same unit of work. */
  insert(row: Omit<TransferRow, 'bankReference' | 'rejectReason' | 'settledAt' | 'status' | 'retries'>): Promise<void>;
  countSendAttempt(id: string): Promise<void>;
  markSettled(id: string, bankReference: string, settledAt: string, settlementTransactionId: string): Promise<void>;
  markRejected(id: string, reason: string): Promise<void>;
  countByStatus(): Promise<Record<TransferStatus, number>>;
}

export interface OutboxRepository {
  /** New work; `leaseUntil` set when the writer dispatches it at once (created already claimed). */
  insert(row: { id: string; comuneId: string; kind: OutboxKind; subjectId: string; leaseUntil: string | null }, now: string): Promise<void>;
  /**
   * Leases until `leaseUntil` up to `limit` pending rows due by `now`, the earliest due first. A row
   * falls due when its lease ends, or, with no lease, at its `availableAt`.
   */
  claimDue(now: string, leaseUntil: string, limit: number): Promise<OutboxRow[]>;
  /** Frees every lease: at the start of the one process that owns an embedded database, those found are a crashed run's. */
  releaseAllLeases(): Promise<number>;
  /** Counts a failure, releases the lease and makes the row due again at `availableAt`. */
  retryLater(id: string, availableAt: string, error: string): Promise<void>;
  completeSubject(kind: OutboxKind, subjectId: string, now: string): Promise<void>;
  /** Gives up on a pending row: dead, never claimed again unless requeued. */
  markDead(id: string, now: string, error: string): Promise<void>;
  /** A comune's dead rows, the latest to die first. */
  deadLetters(comuneId: string, limit: number): Promise<DeadLetterRow[]>;
  deadLetter(comuneId: string, id: string): Promise<DeadLetterRow | undefined>;
  /** Makes a subject's row (done or pending) due now, unleased, with no failures: a redelivery by hand. */
  requeue(kind: OutboxKind, subjectId: string, now: string): Promise<void>;
  pendingCount(): Promise<number>;
  /** When the next pending row falls due (its lease end or its retry time), to sleep until then. */
  nextDueAt(): Promise<string | undefined>;
}

export interface IdempotencyRepository {
  /**
   * Claims a key for the payment about to be made, as the first write of its unit of work: undefined
   * when claimed, or the row of the request that claimed it before. On a shared database a second
   * claim waits for the first unit of work to end: committed, it finds the row; rolled back, it claims.
   */
  claim(apiKeyId: string, key: string, row: IdempotencyRow & { comuneId: string }, createdAt: string): Promise<IdempotencyRow | undefined>;
}

export interface CheckoutSessionRepository {
  /** `lock` holds the session until the unit of work ends: two notifications for it are then applied one after the other. */
  get(id: string, options?: { lock?: boolean }): Promise<CheckoutSessionRow | undefined>;
  insert(row: CheckoutSessionRow): Promise<void>;
  /** Records a refused card on an open session. */
  recordDecline(id: string, reason: NonNullable<CheckoutSessionRow['lastDeclineReason']>, at: string): Promise<void>;
  /** Ends an open session, paid (with the payment and its credit) or not. False when it was not open any more. */
  close(id: string, status: Exclude<CheckoutSessionRow['status'], 'open'>, paid: { paymentId: string; creditId: string } | null): Promise<boolean>;
}

export interface CardAuthorizationRepository {
  get(id: string): Promise<CardAuthorizationRow | undefined>;
  insert(row: CardAuthorizationRow): Promise<void>;
  /** Records what the acquirer did with a pending authorisation. */
  settle(id: string, status: 'captured' | 'voided', at: string): Promise<void>;
}

/** An account as it is first written, with its first posting. */
export interface AccountIdentity {
  id: string;
  kind: AccountKind;
  comuneId: string | null;
  agentId: string | null;
}

/**
 * A posting to write, with the part of its account's balance it moves: the account's own row
 * (`null`, a float's), or one of the account's buckets for the transaction's comune.
 */
export interface PostingLine {
  account: AccountIdentity;
  amount: number;
  bucket: number | null;
}

/** SQL of the ledger tables. The rules (sum to zero, floats never negative, which bucket) live in the engine's ledger. */
export interface LedgerRepository {
  /**
   * An account's balance, its row's and its buckets'. `lock` holds the account's row until the unit
   * of work ends; it is for accounts that are never spread over buckets (floats), whose row is all.
   */
  balance(accountId: string, options?: { lock?: boolean }): Promise<number | undefined>;
  /** Every account with its whole balance. */
  accounts(): Promise<AccountRow[]>;
  insertTransaction(id: string, kind: LedgerTransactionKind, referenceId: string | null, comuneId: string, createdAt: string): Promise<void>;
  /** Appends the postings of a transaction and moves their accounts' balances, opening an account on its first posting. */
  insertPostings(transactionId: string, comuneId: string, lines: PostingLine[], createdAt: string): Promise<void>;
  /** Sum of an account's postings strictly before `instant`. */
  balanceBefore(accountId: string, instant: string): Promise<number>;
  lastPostingAt(accountId: string): Promise<string | null>;
  /** Every account's balance recomputed from its postings. */
  replayedBalances(): Promise<Map<string, number>>;
  /** Transactions with fewer than two postings or postings that do not sum to zero: must always be empty. */
  unbalancedTransactions(): Promise<string[]>;
  topUpsBetween(accountId: string, from: string, to: string): Promise<{ count: number; amount: number }>;
  /** An account's latest postings with their transaction, newest first: a float's history. */
  movements(accountId: string, limit: number): Promise<Array<{ transactionId: string; kind: LedgerTransactionKind; referenceId: string | null; amount: number; createdAt: string }>>;
}

/** Queries of the money invariants that the rows themselves cannot express: each must always find nothing. */
export interface AuditRepository {
  creditsPaidMoreThanOnce(): Promise<string[]>;
  paidCreditsWithoutPayment(): Promise<string[]>;
  paymentsWithoutTransfer(): Promise<string[]>;
  transfersSettledMoreThanOnce(): Promise<string[]>;
  /** Every settled transfer: the bank's book must hold exactly one transfer with this reference per payment. */
  settledTransfers(): Promise<Array<{ paymentId: string; bankReference: string }>>;
  paymentIds(): Promise<string[]>;
}
