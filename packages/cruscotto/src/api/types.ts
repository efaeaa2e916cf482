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
  Connector,
  ConnectorCreateRequest,
  ConnectorKind,
  ConnectorUpdateRequest,
  CreditImportMode,
  CreditImportReport,
  DailyClosing,
  DailyClosingLine,
  DeadLetter,
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
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEventType,
  ConnectorWithSecret,
  WebhookEndpointWithSecret,
} from '@pay-box/contract';

export type { Connector, ConnectorCreateRequest, ConnectorKind, ConnectorUpdateRequest, DailyClosing, DailyClosingLine, DeadLetter, FieldDefinition, ReconciliationResult, ReconciliationTransfer, StaffAction, StaffSession, StaffUser, StatementDetail, StatementEntry, StatementImport, StatementSummary, WebhookDelivery, WebhookEndpoint, WebhookEndpointWithSecret, WebhookEventType, ConnectorWithSecret };

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
export type WebhookAttempt = WebhookDelivery['attempts'][number];
/** What creating an endpoint or rotating its secret answers: the secret, this once. */
/** What creating a connector answers: an http connector's secret, this once. */
