import type { AmountRule, CardDeclineReason, CreditStatus, FieldDefinition, FieldValues, OpeningHours, SettingChange, TransferStatus } from '@pay-box/contract';

/** The shapes the engine reads and writes through the storage port. Money in integer cents, instants as ISO 8601 UTC. */

export type Channel = 'agent' | 'web' | 'app';

export interface ComuneRow {
  id: string;
  fiscalCode: string;
  name: string;
  treasuryIban: string;
  segregationCode: string;
}

/** How citizens reach the comune about a payment. */
export interface SupportContacts {
  email?: string | undefined;
  phone?: string | undefined;
  url?: string | undefined;
}

/** A comune as platform staff see it: its row, its contacts, when it was onboarded. */
export interface ComuneProfile extends ComuneRow {
  supportContacts: SupportContacts;
  createdAt: string;
}

/** A one-time code a new terminal exchanges for its key; only its hash is stored. */
export interface TerminalPairingRow {
  codeHash: string;
  comuneId: string;
  agentId: string;
  label: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  terminalId: string | null;
}

/** A terminal with its key, as listed to platform staff. */
export interface TerminalListing {
  id: string;
  agentId: string;
  label: string;
  createdAt: string;
  keyId: string | null;
  keyPrefix: string | null;
  revokedAt: string | null;
}

export type SettingChangeStatus = 'pending_approval' | 'approved' | 'applied' | 'cancelled';

/** A change of a comune's money settings, with who asked, who approved, and when it applies. */
export interface SettingChangeRow {
  id: string;
  comuneId: string;
  change: SettingChange;
  effectiveAt: string;
  reason: string;
  status: SettingChangeStatus;
  requestedBy: string;
  requestedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  appliedAt: string | null;
}

export interface ServiceRow {
  id: string;
  comuneId: string;
  code: string;
  name: string;
  description: string;
  acceptsUnexpected: boolean;
  fields: FieldDefinition[] | null;
  amountRule: AmountRule | null;
  /** Where its credits live: a connector to the comune's own system, or null for Pay-Box's own store. */
  connectorId: string | null;
}

/** A service as written: where its credits live is set apart, by assigning it to a connector. */
export type NewServiceRow = Omit<ServiceRow, 'connectorId'>;

export interface FeeSchedule {
  citizenFee: number;
  agentShare: number;
}

export interface AgentRow {
  id: string;
  comuneId: string;
  name: string;
  taxCode: string;
  address: string;
  lowBalanceThreshold: number;
  /** When citizens find it open, in Rome time: shown to whoever chooses to pay in cash there. */
  openingHours: OpeningHours;
}

export interface TerminalRow {
  id: string;
  comuneId: string;
  agentId: string;
  label: string;
}

export type StaffRole = 'viewer' | 'operator' | 'admin' | 'platform';

/** A comune's staff member, or (comuneId null, role platform) the payment institution's. */
export interface StaffUserRow {
  id: string;
  comuneId: string | null;
  email: string;
  name: string;
  passwordHash: string;
  role: StaffRole;
  disabledAt: string | null;
}

export interface StaffSessionRow {
  /** SHA-256 of the cookie's token: the database alone opens no session. */
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  /** The absolute end, however active the session is. */
  expiresAt: string;
  endedAt: string | null;
}

/** Failed logins of one email, counted whether or not a user has it, so that a lock-out tells nothing. */
export interface LoginFailureRow {
  email: string;
  failures: number;
  firstFailedAt: string;
  lockedUntil: string | null;
}

/** One line of the staff's append-only audit log. */
export interface StaffActionRow {
  seq: number;
  /** Null for platform actions and for failed logins of unknown emails. */
  comuneId: string | null;
  userId: string | null;
  actorEmail: string;
  action: string;
  subjectId: string | null;
  details: Record<string, unknown>;
  at: string;
}

export type KeyKind = 'publishable' | 'terminal';

export interface ApiKeyRow {
  id: string;
  kind: KeyKind;
  comuneId: string;
  agentId: string | null;
  terminalId: string | null;
  keyPrefix: string;
  allowedOrigins: string[];
  createdAt: string;
  revokedAt: string | null;
}

export interface CreditRow {
  id: string;
  comuneId: string;
  serviceId: string;
  noticeNumber: string;
  iuv: string;
  debtorType: 'person' | 'company';
  debtorTaxCode: string;
  debtorName: string;
  /** The comune's own text: it may name people and places, so only staff see it. */
  description: string;
  /** What anyone paying may read: no names, no addresses (shops, web sites, receipts). */
  publicDescription: string;
  amount: number;
  dueDate: string | null;
  status: CreditStatus;
  unexpected: boolean;
  fields: FieldValues | null;
  createdAt: string;
  paidAt: string | null;
}

export interface PaymentRow {
  id: string;
  comuneId: string;
  creditId: string;
  channel: Channel;
  agentId: string | null;
  terminalId: string | null;
  amount: number;
  citizenFee: number;
  agentFeeShare: number;
  institutionFeeShare: number;
  floatDebited: number;
  ledgerTransactionId: string;
  createdAt: string;
}

export interface ReceiptRow {
  id: string;
  comuneId: string;
  paymentId: string;
  number: string;
  verificationCode: string;
  issuedAt: string;
}

export interface TransferRow {
  id: string;
  comuneId: string;
  paymentId: string;
  amount: number;
  creditorName: string;
  creditorIban: string;
  remittance: string;
  status: TransferStatus;
  /** Sends handed to the bank, each counted and committed before it leaves: after a crash or time-out, ask the bank first. */
  sendAttempts: number;
  /** Times staff sent it again after a rejection: each such send has its own EndToEndId. */
  retries: number;
  bankReference: string | null;
  rejectReason: string | null;
  createdAt: string;
  settledAt: string | null;
}

/** A transfer to send, a card authorisation to capture or to void, a webhook delivery, or a paid credit to tell the comune's system of. */
export type OutboxKind = 'transfer' | 'card_capture' | 'card_void' | 'webhook' | 'write_back';

/** Work to do outside the database, claimed by one dispatch at a time with a lease that runs out. */
export interface OutboxRow {
  id: string;
  comuneId: string;
  kind: OutboxKind;
  subjectId: string;
  /** Attempts that ended in a recorded failure: what the backoff counts (a claim cut short by a crash is not one). */
  failures: number;
  createdAt: string;
}

/** Outbox work that gave up after its kind's last retry, kept for an admin to send again. */
export interface DeadLetterRow {
  id: string;
  comuneId: string;
  kind: OutboxKind;
  subjectId: string;
  failures: number;
  lastError: string | null;
  createdAt: string;
  deadAt: string;
}

export interface IdempotencyRow {
  operation: string;
  requestHash: string;
  paymentId: string;
}

export type AccountKind = 'agent_float' | 'comune_payable' | 'fee_revenue' | 'institution_bank' | 'acquirer_receivable';
export type LedgerTransactionKind = 'payment' | 'settlement' | 'top_up' | 'reversal';

export interface AccountRow {
  id: string;
  kind: AccountKind;
  comuneId: string | null;
  agentId: string | null;
  balance: number;
}

/** One payment of a shop, as the daily closing counts it. */
export interface AgentPaymentLine {
  serviceCode: string;
  serviceName: string;
  amount: number;
  citizenFee: number;
  agentFeeShare: number;
  institutionFeeShare: number;
  floatDebited: number;
}

/** What a checkout session stores; `expired` is not stored, it is an open session past its expiry. */
export type StoredCheckoutStatus = 'open' | 'succeeded' | 'already_paid';

/** A credit the comune does not know yet, as a shop or a citizen enters it: opened and closed at once when paid. */
export interface UnexpectedCreditDraft {
  serviceCode: string;
  debtor: { taxCode: string; name: string };
  fields: FieldValues;
}

/** A citizen's attempt to pay one credit by card on the comune's site. */
export interface CheckoutSessionRow {
  id: string;
  comuneId: string;
  /** The publishable key that opened it: only its comune's keys read it back. */
  apiKeyId: string;
  /** The credit paid; for an unexpected credit, null until the payment opens and closes it. */
  creditId: string | null;
  /** An unexpected credit's fields as checked when the session opened, and the causale the citizen saw. */
  unexpectedCredit: (UnexpectedCreditDraft & { description: string }) | null;
  amount: number;
  fee: number;
  returnUrl: string;
  locale: 'it' | 'en';
  /** The acquirer's hosted page for this session. */
  url: string;
  status: StoredCheckoutStatus;
  paymentId: string | null;
  lastDeclineReason: CardDeclineReason | null;
  lastDeclineAt: string | null;
  createdAt: string;
  expiresAt: string;
}

/**
 * A card authorisation the acquirer reported, and its fate: captured once its session's credit is
 * closed, voided when the credit was paid elsewhere, the session expired or was paid already.
 */
export interface CardAuthorizationRow {
  /** The acquirer's id of the authorisation. */
  id: string;
  comuneId: string;
  sessionId: string;
  amount: number;
  status: 'capture_pending' | 'void_pending' | 'captured' | 'voided';
  createdAt: string;
  settledAt: string | null;
}
