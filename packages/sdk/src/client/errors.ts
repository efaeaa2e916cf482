import type { ErrorCode, FieldIssue } from '@pay-box/contract';
import type { Locale } from './types.js';

/** Codes the SDK raises itself, when no Pay-Box error answer explains the failure. */
export type ClientErrorCode = 'network_error' | 'timeout' | 'invalid_response';

/** Every code a PayBoxError can carry: the server's catalogue plus the SDK's own. */
export type PayBoxErrorCode = ErrorCode | ClientErrorCode;

/** The shape of `details` for the codes that have a known one. */
export interface PayBoxErrorDetailsByCode {
  validation_failed: FieldIssue[];
  invalid_response: FieldIssue[];
  insufficient_float: { balance: number; required: number };
  amount_mismatch: { expected: number; received: number };
}

export type PayBoxErrorDetails<C extends PayBoxErrorCode> = C extends keyof PayBoxErrorDetailsByCode
  ? PayBoxErrorDetailsByCode[C]
  : Record<string, unknown>;

export interface LocalizedMessages {
  en: string;
  it: string;
}

export interface PayBoxErrorInit<C extends PayBoxErrorCode> {
  code: C;
  status: number | null;
  requestId: string | null;
  details?: PayBoxErrorDetails<C>;
  messages: LocalizedMessages;
  locale: Locale;
  idempotencyKey: string | null;
  cause?: unknown;
}

// Symbol.for is shared by every copy of the SDK in a page, so the check works across bundles.
const PAY_BOX_ERROR = Symbol.for('@pay-box/sdk.PayBoxError');

/** Base of every error the SDK throws. Switch on `code`: it is stable. */
export class PayBoxError<C extends PayBoxErrorCode = PayBoxErrorCode> extends Error {
  override name = 'PayBoxError';
  readonly code: C;
  /** HTTP status of the answer; null when there was none (network, time-out, invalid argument). */
  readonly status: number | null;
  /** The server's request id: quote it to support. Null when no answer arrived. */
  readonly requestId: string | null;
  /** Which fields are wrong (`validation_failed`), or facts about the failure (`insufficient_float`: balance, required). */
  readonly details: PayBoxErrorDetails<C> | undefined;
  /** The message in English and Italian; `message` is the one of the client's locale. */
  readonly messages: LocalizedMessages;
  /**
   * The Idempotency-Key of a state-changing call. After a network error or time-out the outcome
   * is unknown: call again with this key to get the original result; it can never pay twice.
   */
  readonly idempotencyKey: string | null;

  constructor(init: PayBoxErrorInit<C>) {
    super(init.messages[init.locale], { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.details = init.details;
    this.messages = init.messages;
    this.idempotencyKey = init.idempotencyKey;
  }
}
Object.defineProperty(PayBoxError.prototype, PAY_BOX_ERROR, { value: true });

/** The server answered with a Pay-Box error: `code` is one of the API's error codes. */
export class PayBoxApiError<C extends ErrorCode = ErrorCode> extends PayBoxError<C> {
  override name = 'PayBoxApiError';
}

/** An argument was rejected before any request was sent; `details` names the fields. */
export class PayBoxValidationError extends PayBoxError<'validation_failed'> {
  override name = 'PayBoxValidationError';
}

/** No answer: the network failed on every attempt. The outcome of a write is unknown until retried with its idempotencyKey. */
export class PayBoxNetworkError extends PayBoxError<'network_error'> {
  override name = 'PayBoxNetworkError';
}

/** No answer in time on every attempt. The outcome of a write is unknown until retried with its idempotencyKey. */
export class PayBoxTimeoutError extends PayBoxError<'timeout'> {
  override name = 'PayBoxTimeoutError';
}

/** The server answered something outside the Pay-Box contract (wrong baseUrl, a proxy's error page, an incompatible version). */
export class PayBoxInvalidResponseError extends PayBoxError<'invalid_response'> {
  override name = 'PayBoxInvalidResponseError';
}

/** Any PayBoxError, as a union discriminated by `code`: `switch (error.code)` narrows `details`. */
export type AnyPayBoxError = { [C in PayBoxErrorCode]: PayBoxError<C> }[PayBoxErrorCode];

/** True for errors thrown by any copy of this SDK (it does not rely on instanceof). */
export function isPayBoxError(value: unknown): value is AnyPayBoxError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PAY_BOX_ERROR] === true;
}
