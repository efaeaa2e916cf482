/**
 * @pay-box/sdk: the typed client of the Pay-Box API, and the helpers a POS or an app needs.
 * Everything is exported by name from small modules, so a bundler keeps only what is used.
 */
export { createPayBox, type PayBox } from './client/create-pay-box.js';
export { pairTerminal, type PairTerminalOptions } from './client/pair-terminal.js';
export type { CreditsResource } from './client/resources/credits.js';
export type { PaymentsResource } from './client/resources/payments.js';
export type { ReceiptsResource } from './client/resources/receipts.js';
export type { ServicesResource } from './client/resources/services.js';
export type { UnexpectedCreditsResource } from './client/resources/unexpected-credits.js';
export type { AgentResource } from './client/resources/agent.js';
export type { CheckoutSessionsResource } from './client/resources/checkout-sessions.js';
export type { PointsResource } from './client/resources/points.js';
export type {
  CreditLookupQuery,
  Locale,
  OperationId,
  PayBoxOptions,
  ReceiptTextFormat,
  ResponseValidator,
  UnexpectedCreditInput,
  WriteOptions,
} from './client/types.js';
export {
  isPayBoxError,
  PayBoxApiError,
  PayBoxError,
  PayBoxInvalidResponseError,
  PayBoxNetworkError,
  PayBoxTimeoutError,
  PayBoxValidationError,
  type AnyPayBoxError,
  type ClientErrorCode,
  type LocalizedMessages,
  type PayBoxErrorCode,
  type PayBoxErrorDetails,
  type PayBoxErrorDetailsByCode,
} from './client/errors.js';
export { lookupQueryFromScan } from './client/scan.js';
export {
  verifyWebhook,
  WebhookVerificationError,
  WEBHOOK_TOLERANCE_SECONDS,
  type PayBoxWebhookEvent,
  type WebhookHeaders,
  type WebhookVerificationCode,
} from './webhooks/verify-webhook.js';

// Helpers, from the contract's pure domain module: importing one does not pull the schemas.
export {
  parseNoticeNumber,
  isNoticeNumber,
  parsePagoPaQr,
  formatEuro,
  centsToDecimal,
  maskName,
  maskTaxCode,
  normalizeTaxCode,
  taxCodeKind,
  isValidPersonTaxCode,
  isValidCompanyTaxCode,
  normalizeVerificationCode,
  type NoticeNumber,
  type NoticeNumberProblem,
  type PagoPaQr,
  type QrProblem,
  type TaxCodeKind,
  type Parsed,
} from '@pay-box/contract/domain';
export { validateFields, checkAmount, expectedAmount, type FieldValues } from '@pay-box/contract';

// The API's data types, from the contract; types only, so zod stays out of the bundle.
export type {
  ErrorCode,
  FieldIssue,
  Credit,
  CreditList,
  CreditStatus,
  Payment,
  PaymentCreateRequest,
  TransferStatus,
  Receipt,
  ReceiptFormat,
  ReceiptVerification,
  AmountRule,
  FieldDefinition,
  LocalizedText,
  Service,
  ServiceList,
  UnexpectedCreditResult,
  CheckoutSession,
  CheckoutSessionCreateRequest,
  CheckoutSessionStatus,
  CardDeclineReason,
  OpeningHours,
  Point,
  PointList,
  AgentBalance,
  AgentReport,
} from '@pay-box/contract';
