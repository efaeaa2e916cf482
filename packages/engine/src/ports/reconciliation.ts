import type { MatchedBy, StatementFormat, TransferStatus } from '@pay-box/contract';
import type { Channel, TransferRow } from './rows.js';

/** A treasurer's statement as imported: one per file per comune (its SHA-256 says which file). */
export interface StatementRow {
  id: string;
  comuneId: string;
  format: StatementFormat;
  contentSha256: string;
  periodFrom: string;
  periodTo: string;
  entryCount: number;
  amount: number;
  receivedAt: string;
  /** Email of the staff member who uploaded it. */
  receivedBy: string;
}

/** A credit the treasury booked, as read from a statement. */
export interface StatementEntryRow {
  id: string;
  statementId: string;
  comuneId: string;
  line: number;
  bookedOn: string;
  amount: number;
  endToEndId: string | null;
  bankReference: string | null;
  iuv: string | null;
  remittance: string;
}

/** A transfer proven to have reached the treasury: the statement entry that shows it. */
export interface TransferReconciliationRow {
  transferId: string;
  comuneId: string;
  statementEntryId: string;
  matchedBy: MatchedBy;
  reconciledAt: string;
}

/** A recorded match with what the cruscotto shows of it. */
export interface ReconciliationMatchRow extends TransferReconciliationRow {
  paymentId: string;
  statementId: string;
  amount: number;
  bankReference: string | null;
}

/** A statement entry with the transfer it proved, if any. */
export type StatementEntryWithMatch = StatementEntryRow & { reconciledTransferId: string | null; matchedBy: MatchedBy | null };

/** One payment of a comune's day with its transfer and, once reconciled, its statement entry: a line of the daily closing. */
export interface ClosingPaymentRow {
  paymentId: string;
  createdAt: string;
  channel: Channel;
  amount: number;
  citizenFee: number;
  serviceCode: string;
  noticeNumber: string;
  transferId: string | null;
  transferStatus: TransferStatus | null;
  transferAmount: number | null;
  bankReference: string | null;
  entryId: string | null;
  entryBookedOn: string | null;
  entryAmount: number | null;
  matchedBy: MatchedBy | null;
}

/** What matching reads of a transfer. */
export type OpenTransfer = Pick<TransferRow, 'id' | 'comuneId' | 'paymentId' | 'retries' | 'amount' | 'remittance' | 'status' | 'bankReference' | 'createdAt' | 'settledAt'>;

/** The SQL of reconciliation: statements, their entries, and which transfer each entry proved. */
export interface ReconciliationRepository {
  /**
   * Holds the comune's statements and matches until the unit of work ends, taken first: two imports
   * or runs of one comune then match one after the other, never both claiming one transfer or one
   * file (on PostgreSQL; SQLite and memory run one unit of work at a time already).
   */
  lockComune(comuneId: string): Promise<void>;
  statementByHash(comuneId: string, contentSha256: string): Promise<StatementRow | undefined>;
  getStatement(comuneId: string, id: string): Promise<StatementRow | undefined>;
  /** Newest first, after the cursor (the previous page's last `receivedAt` and `id`) when given. */
  listStatements(comuneId: string, after: { receivedAt: string; id: string } | null, limit: number): Promise<StatementRow[]>;
  insertStatement(row: StatementRow): Promise<void>;
  insertEntries(rows: StatementEntryRow[]): Promise<void>;
  /** A statement's entries in file order, with the transfer each proved. */
  entriesOf(comuneId: string, statementId: string): Promise<StatementEntryWithMatch[]>;
  /** Entries that proved no transfer yet, oldest statement first, in file order. */
  openEntries(comuneId: string): Promise<StatementEntryRow[]>;
  /** Transfers not reconciled yet and not rejected, oldest first. */
  openTransfers(comuneId: string): Promise<OpenTransfer[]>;
  /** The periods of every statement of the comune. */
  periods(comuneId: string): Promise<Array<{ from: string; to: string }>>;
  insertReconciliations(rows: TransferReconciliationRow[]): Promise<void>;
  /** Every recorded match, newest first. */
  matches(comuneId: string): Promise<ReconciliationMatchRow[]>;
  /** The comune's payments in [from, to) with their transfer and entry, oldest first. */
  closingPayments(comuneId: string, from: string, to: string): Promise<ClosingPaymentRow[]>;
  /** Entries booked on a day, with the transfer each proved. */
  entriesBookedOn(comuneId: string, date: string): Promise<StatementEntryWithMatch[]>;
}
