/**
 * The staff API's shapes, as the contract defines them (its zod schemas): the app declares none of
 * its own, so a change of the API is a type error here, not a surprise in the browser.
 */
import type {
  AdminAgentList,
  AdminCredit,
  AdminEvent,
  AdminOverview,
  AdminPaymentDetail,
  AdminPaymentSummary,
  AdminService,
  AdminTransfer,
  CreditImportMode,
  CreditImportReport,
  DailyClosing,
  DailyClosingLine,
  FieldDefinition,
  ReconciliationResult,
  ReconciliationTransfer,
  StaffAction,
  StaffSession,
  StaffUser,
  StatementDetail,
  StatementEntry,
  StatementImport,
  StatementSummary,
  UnexpectedCreditEntry,
} from '@pay-box/contract';

export type { DailyClosing, DailyClosingLine, FieldDefinition, ReconciliationResult, ReconciliationTransfer, StaffAction, StaffSession, StaffUser, StatementDetail, StatementEntry, StatementImport, StatementSummary };

export type Role = 'viewer' | 'operator' | 'admin';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface List<T> {
  data: T[];
}

export type Overview = AdminOverview;
/** What the overview's tables show of a channel, service or shop. */
export type CountAmount = Pick<AdminOverview['today'], 'count' | 'amount'>;
export type PaymentSummary = AdminPaymentSummary;
export type PaymentTransfer = AdminPaymentSummary['transfer'];
export type Channel = AdminPaymentSummary['channel'];
export type TransferStatus = PaymentTransfer['status'];
export type PaymentDetail = AdminPaymentDetail;
export type Posting = AdminPaymentDetail['postings'][number];
export type TimelineEvent = AdminPaymentDetail['timeline'][number];
export type Resolution = NonNullable<AdminTransfer['resolution']>;
export type TransferRow = AdminTransfer;
export type Shop = AdminAgentList['data'][number];
export type Service = AdminService;
export type Credit = AdminCredit;
export type CreditStatus = AdminCredit['status'];
export type CreditImportResult = CreditImportReport;
export type ImportMode = CreditImportMode;
export type UnexpectedCredit = UnexpectedCreditEntry;
export type FeedEvent<T> = Omit<AdminEvent, 'data'> & { data: T };
