import type { FieldIssue } from '@pay-box/contract';
import type { UnexpectedCreditCreateRequest } from '@pay-box/contract';

/** Language of `error.message`; both languages stay available in `error.messages`. */
export type Locale = 'en' | 'it';

/** The API's operations, named as in the OpenAPI document (`operationId`). */
export type OperationId =
  | 'lookupCredits'
  | 'createPayment'
  | 'getPayment'
  | 'getReceipt'
  | 'verifyReceipt'
  | 'listServices'
  | 'createUnexpectedCredit'
  | 'getAgentBalance'
  | 'getAgentReport'
  | 'createCheckoutSession'
  | 'getCheckoutSession'
  | 'getCheckoutReceipt'
  | 'listPoints'
  | 'pairTerminal'
  | 'createAgentPairingCode';

/**
 * Checks a JSON response body against the contract; returns what is wrong, or null when it conforms.
 * `@pay-box/sdk/validation` provides one built on the contract's zod schemas.
 */
export type ResponseValidator = (operation: OperationId, body: unknown) => FieldIssue[] | null;

export interface PayBoxOptions {
  /** Where the Pay-Box API is, without `/v1`: `https://paybox.example.it`. */
  baseUrl: string;
  /** Terminal secret key (`sk_...`) on a POS, publishable key (`pk_...`) in a browser. */
  apiKey: string;
  /** A fetch implementation; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** How long one attempt may take before it is abandoned and retried. Default 30 000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt on network errors, time-outs, 409 request_in_progress, 429 and 5xx. Default 2. */
  maxRetries?: number;
  /** Delay before the first retry; it doubles on each retry (with jitter) unless the server sends Retry-After. Default 300 ms. */
  retryBaseDelayMs?: number;
  /** Language of error messages. Default `en`. */
  locale?: Locale;
  /** Opt-in check of every JSON response against the contract (adds zod to the bundle). */
  responseValidator?: ResponseValidator;
}

/** Options of calls that change state (payments, unexpected credits). */
export interface WriteOptions {
  /**
   * Identifies the operation across retries: the SDK makes a fresh UUID per call and reuses it on
   * every retry. Pass your own to retry an earlier call after a crash or time-out (the server then
   * returns the original result instead of paying again). Up to 255 visible ASCII characters.
   */
  idempotencyKey?: string;
}

/** Look a credit up by exactly one of: its notice number, the QR code on the notice, or debtor and service. */
export type CreditLookupQuery =
  | { noticeNumber: string }
  | { qr: string }
  | { debtorTaxCode: string; serviceCode: string };

export type UnexpectedCreditInput = UnexpectedCreditCreateRequest;

export type ReceiptTextFormat = 'text58' | 'text80';
