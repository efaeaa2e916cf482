/**
 * @pay-box/sdk: the typed client of the Pay-Box API, and the helpers a POS or an app needs.
 * Everything is exported by name from small modules, so a bundler keeps only what is used.
 */
export { createPayBox, type PayBox } from './client/create-pay-box.js';
export type { CreditsResource } from './client/resources/credits.js';
export type { PaymentsResource } from './client/resources/payments.js';
export type { ReceiptsResource } from './client/resources/receipts.js';
export type { ServicesResource } from './client/resources/services.js';
export type { UnexpectedCreditsResource } from './client/resources/unexpected-credits.js';
export type { AgentResource } from './client/resources/agent.js';
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

// Helpers: each from its own module, so importing one does not pull the others.
export { parseNoticeNumber, isNoticeNumber, type NoticeNumber, type NoticeNumberProblem } from './domain/notice-number.js';
export { parsePagoPaQr, type PagoPaQr, type QrProblem } from './domain/qr.js';
export { formatEuro, centsToDecimal } from './domain/money.js';
export { maskName, maskTaxCode } from './domain/masking.js';
export { normalizeTaxCode, taxCodeKind, isValidPersonTaxCode, isValidCompanyTaxCode, type TaxCodeKind } from './domain/fiscal-code.js';
export { normalizeVerificationCode } from './domain/verification-code.js';
export { validateFields, checkAmount, expectedAmount, type FieldValues } from './domain/unexpected-fields.js';
export type { Parsed } from './domain/result.js';

// The API's data types, from the contract; types only, so zod stays out of the bundle.
export type { ErrorCode, FieldIssue } from './contract/errors.js';
export type { Credit, CreditList, CreditStatus } from './contract/credits.js';
export type { Payment, PaymentCreateRequest, TransferStatus } from './contract/payments.js';
export type { Receipt, ReceiptFormat, ReceiptVerification } from './contract/receipts.js';
export type { AmountRule, FieldDefinition, LocalizedText, Service, ServiceList } from './contract/services.js';
export type { UnexpectedCreditResult } from './contract/unexpected-credits.js';
export type { AgentBalance, AgentReport } from './contract/agent.js';
