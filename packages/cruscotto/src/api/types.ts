/**
 * What the cruscotto reads from the staff API (`/v1/admin/*`), as the API plan of issue 9 sets it:
 * only the fields the pages show. Money is integer cents; days are `YYYY-MM-DD` (Europe/Rome).
 */
import type { FieldDefinition, StaffAction, StaffSession, StaffUser } from '@pay-box/contract';

export type { FieldDefinition, StaffAction, StaffSession, StaffUser };

export type Role = 'viewer' | 'operator' | 'admin';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface List<T> {
  data: T[];
}

export interface CountAmount {
  count: number;
  amount: number;
}

export type Channel = 'agent' | 'web' | 'app';
export type TransferStatus = 'pending' | 'settled' | 'rejected' | 'resolved';

export interface Overview {
  today: CountAmount & { fees: number };
  month: CountAmount & { fees: number };
  byChannel: Array<CountAmount & { channel: Channel }>;
  byService: Array<CountAmount & { serviceCode: string; serviceName: string }>;
  byShop: Array<CountAmount & { agentId: string; agentName: string }>;
  daily: Array<CountAmount & { date: string }>;
  transfers: { pending: number; stale: number; rejected: number };
}

export interface PaymentTransfer {
  id: string;
  status: TransferStatus;
  bankReference: string | null;
  createdAt: string;
  settledAt: string | null;
  stale: boolean;
}

export interface PaymentSummary {
  id: string;
  createdAt: string;
  amount: number;
  fee: number;
  channel: Channel;
  agent: { id: string; name: string } | null;
  service: { code: string; name: string };
  credit: { id: string; noticeNumber: string; debtorName: string; debtorTaxCode: string; unexpected: boolean };
  receipt: { id: string; number: string; verificationCode: string };
  transfer: PaymentTransfer;
}

export interface Posting {
  accountId: string;
  accountKind: string;
  amount: number;
  createdAt: string;
}

export interface TimelineEvent {
  at: string;
  event: string;
  detail: string;
}

export interface Resolution {
  note: string;
  bankReference: string | null;
  resolvedAt: string;
  resolvedBy: string;
}

export interface PaymentDetail extends PaymentSummary {
  credit: PaymentSummary['credit'] & { iuv: string; description: string; publicDescription: string; fields: Record<string, unknown> | null };
  endToEndId: string;
  rejectReason: string | null;
  resolution: Resolution | null;
  postings: Posting[];
  timeline: TimelineEvent[];
}

export interface TransferRow extends PaymentTransfer {
  amount: number;
  rejectReason: string | null;
  retries: number;
  resolution: Resolution | null;
  payment: PaymentSummary;
}

export interface Shop {
  id: string;
  name: string;
  address: string;
  today: CountAmount;
  month: CountAmount;
  lastPaymentAt: string | null;
}

export interface Service {
  id: string;
  code: string;
  name: string;
  acceptsUnexpected: boolean;
  /** What an unexpected credit of this service collects. */
  fields: FieldDefinition[] | null;
}

export type CreditStatus = 'open' | 'paid' | 'cancelled' | 'expired';

export interface Credit {
  id: string;
  noticeNumber: string;
  iuv: string;
  service: { code: string; name: string };
  debtor: { type: 'person' | 'company'; taxCode: string; name: string };
  description: string;
  publicDescription: string;
  amount: number;
  dueDate: string | null;
  status: CreditStatus;
  unexpected: boolean;
  createdAt: string;
  paidAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  fields: Record<string, unknown> | null;
}

export interface CreditImportResult {
  imported: number;
  total: number;
  mode: ImportMode;
  rejected: Array<{ line: number; reasons: string[] }>;
}

export type ImportMode = 'all_or_nothing' | 'valid_rows';

export interface UnexpectedCredit {
  credit: Credit;
  payment: { id: string; createdAt: string; channel: Channel; agentName: string | null };
  registration: { accertamentoNumber: string; budgetChapter: string; registeredAt: string; registeredBy: string } | null;
}

export interface StatementEntry {
  id: string;
  line: number;
  bookedOn: string;
  amount: number;
  endToEndId: string | null;
  bankReference: string | null;
  iuv: string | null;
  remittance: string;
}

export interface ReconciliationTransfer {
  id: string;
  paymentId: string;
  amount: number;
  status: TransferStatus;
  bankReference: string | null;
  iuv: string | null;
  settledAt: string | null;
}

export interface ReconciliationResult {
  evaluatedAt: string;
  matched: Array<{ transferId: string; paymentId: string; entryId: string; amount: number; by: string; bankReference: string | null }>;
  missingFromStatement: ReconciliationTransfer[];
  unknownToPayBox: StatementEntry[];
  amountMismatches: Array<{ transfer: ReconciliationTransfer; entry: StatementEntry; difference: number }>;
}

export interface StatementSummary {
  id: string;
  format: string;
  receivedAt: string;
  receivedBy?: string;
  period: { from: string; to: string };
  entries: number;
  amount?: number;
}

export interface StatementDetail extends StatementSummary {
  entryList: Array<StatementEntry & { reconciledTransferId: string | null }>;
}

export interface StatementImport extends StatementSummary {
  duplicate: boolean;
  reconciliation: ReconciliationResult;
}

export interface DailyClosingLine {
  paymentId: string | null;
  paidAt: string | null;
  serviceCode: string | null;
  noticeNumber: string | null;
  channel: string | null;
  paymentAmount: number | null;
  transferStatus: TransferStatus | null;
  bankReference: string | null;
  transferAmount: number | null;
  entryAmount: number | null;
  difference: number;
}

export interface DailyClosing {
  date: string;
  lines: DailyClosingLine[];
  totals: {
    payments: CountAmount & { fees: number };
    transfers: CountAmount & { settled: number; pending: number; rejected: number };
    statementEntries: CountAmount & { matched: number; unknown: number };
    differences: { transfersMinusPayments: number; statementMinusTransfers: number; notReconciled: number };
  };
}

/** One server-sent event of `/v1/admin/events`. */
export interface FeedEvent<T> {
  id: string;
  type: string;
  createdAt: string;
  data: T;
}
