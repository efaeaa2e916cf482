import type { Channel, CreditRow, PaymentRow, TransferRow } from './rows.js';

/** One line of the append-only feed of what happened in a comune: the cruscotto's live feed, and webhooks. */
export interface EventRow {
  /** Position in the feed, growing with each commit: the SSE id and a subscriber's bookmark. */
  seq: number;
  id: string;
  comuneId: string;
  /** `payment.succeeded`, `unexpected_credit.created`, `transfer.settled`, `transfer.failed`, ... */
  type: string;
  /** What it is about: the payment for a payment's and its transfer's events, the credit for a new credit. */
  subjectId: string;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface EventRepository {
  /** Appends events in the order given (one statement for all: a payment writes three); the feed is never updated nor deleted from. */
  append(rows: Omit<EventRow, 'seq'>[]): Promise<void>;
  /** A comune's events after `afterSeq`, oldest first. */
  after(comuneId: string, afterSeq: number, limit: number): Promise<EventRow[]>;
  /** The comune's latest sequence number, 0 when it has none. */
  lastSeq(comuneId: string): Promise<number>;
  /** A comune's events about one subject, oldest first. */
  about(comuneId: string, subjectId: string): Promise<EventRow[]>;
}

/** How staff recorded the outcome of a rejected transfer by hand. */
export interface TransferResolutionRow {
  transferId: string;
  comuneId: string;
  note: string;
  bankReference: string | null;
  resolvedBy: string;
  resolvedAt: string;
}

/** Which payments a staff list shows; every field narrows, null does not. Instants are [from, to). */
export interface PaymentSelection {
  comuneId: string;
  from: string | null;
  to: string | null;
  serviceCode: string | null;
  channel: Channel | null;
  agentId: string | null;
  transferStatus: TransferRow['status'] | null;
  /** Only transfers created before this instant (the stale ones, with status pending). */
  transferCreatedBefore: string | null;
  /** 1: only rejected transfers resolved by hand; 0: only those not resolved; null: either. */
  resolved: 0 | 1 | null;
  minAmount: number | null;
  maxAmount: number | null;
  noticeNumber: string | null;
  taxCode: string | null;
  /** One search box: a notice number, a tax code, a receipt number or a verification code, equal. */
  search: string | null;
  paymentId: string | null;
  /** The page starts after this payment (newest first: created before it, or at the same instant with a smaller id). */
  cursorAt: string | null;
  cursorId: string | null;
  limit: number;
}

/** A payment with everything a staff list shows of it, read in one query. */
export interface PaymentListing {
  payment: PaymentRow;
  credit: Pick<CreditRow, 'id' | 'noticeNumber' | 'debtorName' | 'debtorTaxCode' | 'unexpected'>;
  service: { code: string; name: string };
  agentName: string | null;
  receipt: { id: string; number: string; verificationCode: string };
  transfer: Pick<TransferRow, 'id' | 'status' | 'amount' | 'bankReference' | 'rejectReason' | 'createdAt' | 'settledAt' | 'retries'> & { settlementTransactionId: string | null };
  resolution: TransferResolutionRow | null;
}

/** Payments counted per hour (UTC, `YYYY-MM-DDTHH`), channel, service and shop: the overview adds them up by Rome day. */
export interface PaymentTotalsRow {
  hour: string;
  channel: Channel;
  serviceCode: string;
  serviceName: string;
  agentId: string | null;
  agentName: string | null;
  count: number;
  amount: number;
  fees: number;
}

export interface PostingListing {
  transactionId: string;
  accountId: string;
  accountKind: string;
  amount: number;
  createdAt: string;
}

/** The queries and the few changes of the cruscotto's live part, each scoped to one comune. */
export interface LiveRepository {
  payments(selection: PaymentSelection): Promise<PaymentListing[]>;
  totals(comuneId: string, from: string): Promise<PaymentTotalsRow[]>;
  /** Pending transfers, those of them created before `staleBefore`, and rejected ones not resolved. */
  transferCounts(comuneId: string, staleBefore: string): Promise<{ pending: number; stale: number; rejected: number }>;
  lastPaymentAtByAgent(comuneId: string): Promise<Array<{ agentId: string; lastPaymentAt: string }>>;
  postings(transactionIds: string[]): Promise<PostingListing[]>;
  resolution(transferId: string): Promise<TransferResolutionRow | undefined>;
  insertResolution(row: TransferResolutionRow): Promise<void>;
  /**
   * Makes a rejected transfer pending again for one more send (its EndToEndId changes with `retries`)
   * and counts that send. False when it was not rejected any more: a second retry at once does nothing.
   */
  reopenRejectedTransfer(id: string): Promise<boolean>;
  /** Makes a transfer's (done) outbox row pending again, leased until `leaseUntil`, with no failures: the retry's send. */
  requeueTransfer(transferId: string, leaseUntil: string, now: string): Promise<{ id: string } | undefined>;
}
