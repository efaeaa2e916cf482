import type { ErrorCode, FieldIssue } from '@pay-box/contract';
import { invalidResponseMessages, networkErrorMessages, timeoutMessages } from './client-messages.js';
import {
  PayBoxApiError,
  PayBoxInvalidResponseError,
  PayBoxNetworkError,
  PayBoxTimeoutError,
  type PayBoxError,
  type PayBoxErrorDetails,
} from './errors.js';
import type { Locale, OperationId, ResponseValidator } from './types.js';

/** One request to the API, as the resources describe it. */
export interface Call {
  operation: OperationId;
  method: 'get' | 'post';
  /** Path under baseUrl, without a leading slash: `v1/payments`. */
  path: string;
  searchParams?: Record<string, string>;
  body?: unknown;
  /** Sent on state-changing calls, the same on every retry. */
  idempotencyKey?: string;
  /** True for the one call that needs no key (receipt verification): the key is then not sent. */
  anonymous?: boolean;
}

export interface TransportSettings {
  baseUrl: string;
  apiKey: string;
  fetch: typeof fetch | undefined;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  locale: Locale;
  responseValidator: ResponseValidator | undefined;
}

export interface Transport {
  readonly locale: Locale;
  json<T>(call: Call): Promise<T>;
  text(call: Call): Promise<string>;
  bytes(call: Call): Promise<Uint8Array>;
}

const MAX_BACKOFF_MS = 10_000;
const MAX_RETRY_AFTER_MS = 60_000;

/** What one attempt produced: an answer (with its body read when it is an error), or no answer. */
type Attempt =
  | { kind: 'answer'; response: Response; errorBody?: unknown }
  | { kind: 'no-answer'; timedOut: boolean; cause: unknown };

/**
 * The HTTP layer, on plain fetch (see docs/sdk.md for why not ky: the size budget). Every attempt
 * sends the same request, so a write's Idempotency-Key is identical on every retry and a retry
 * can never pay twice. Retried: no answer, time-outs, 409 request_in_progress, 429 and 5xx.
 */
export function createTransport(settings: TransportSettings): Transport {
  async function attempt(url: string, init: RequestInit): Promise<Attempt> {
    // Resolved on every call, so fetch mocks installed after createPayBox (msw) still apply.
    const fetchImpl = settings.fetch ?? globalThis.fetch;
    const controller = new AbortController();
    let timedOut = false;
    try {
      // The race also ends attempts of a fetch that ignores the abort signal.
      const response = await new Promise<Response>((resolve, reject) => {
        const timer = setTimeout(() => {
          timedOut = true;
          controller.abort();
          reject(new Error(`no answer within ${settings.timeoutMs} ms`));
        }, settings.timeoutMs);
        fetchImpl(url, { ...init, signal: controller.signal })
          .then(resolve, reject)
          .finally(() => clearTimeout(timer));
      });
      return response.ok ? { kind: 'answer', response } : { kind: 'answer', response, errorBody: await readJson(response) };
    } catch (cause) {
      return { kind: 'no-answer', timedOut, cause };
    }
  }

  async function send(call: Call, accept: string): Promise<Response> {
    const query = call.searchParams ? `?${new URLSearchParams(call.searchParams)}` : '';
    const headers: Record<string, string> = { accept };
    if (!call.anonymous) headers.authorization = `Bearer ${settings.apiKey}`;
    if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = { method: call.method.toUpperCase(), headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) };
    const idempotencyKey = call.idempotencyKey ?? null;

    for (let retry = 0; ; retry++) {
      const outcome = await attempt(`${settings.baseUrl}/${call.path}${query}`, init);
      if (outcome.kind === 'answer' && outcome.response.ok) return outcome.response;
      if (retry >= settings.maxRetries || !isRetryable(outcome)) throw toPayBoxError(outcome, settings, idempotencyKey);
      await sleep(retryDelayMs(outcome, retry, settings.retryBaseDelayMs));
    }
  }

  function ensureMediaType(response: Response, call: Call, mediaType: string): void {
    const contentType = response.headers.get('content-type') ?? 'none';
    if (!contentType.startsWith(mediaType)) {
      const what = `HTTP ${response.status} with content type ${contentType}, expected ${mediaType}`;
      throw invalidResponse(settings.locale, response, what, { idempotencyKey: call.idempotencyKey ?? null });
    }
  }

  return {
    locale: settings.locale,
    async json<T>(call: Call): Promise<T> {
      const response = await send(call, 'application/json');
      ensureMediaType(response, call, 'application/json');
      const body = await readJson(response);
      const idempotencyKey = call.idempotencyKey ?? null;
      if (typeof body !== 'object' || body === null) {
        throw invalidResponse(settings.locale, response, `HTTP ${response.status} without a JSON object`, { idempotencyKey });
      }
      const issues = settings.responseValidator?.(call.operation, body) ?? null;
      if (issues !== null) {
        throw invalidResponse(settings.locale, response, `${call.operation} does not match the contract`, { issues, idempotencyKey });
      }
      return body as T;
    },
    async text(call: Call): Promise<string> {
      const response = await send(call, 'text/plain');
      ensureMediaType(response, call, 'text/plain');
      return response.text();
    },
    async bytes(call: Call): Promise<Uint8Array> {
      const response = await send(call, 'application/pdf');
      ensureMediaType(response, call, 'application/pdf');
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}

/**
 * No answer, 429 and 5xx are worth another attempt with the same key. A 409 only while the first
 * request with this key is still running: credit_already_paid is a 409 too and must not be retried.
 */
function isRetryable(outcome: Attempt): boolean {
  if (outcome.kind === 'no-answer') return true;
  const { status } = outcome.response;
  if (status === 409) return errorFieldsOf(outcome.errorBody)?.code === 'request_in_progress';
  return status === 429 || status >= 500;
}

/** The server's Retry-After when it sends one; otherwise exponential backoff, half fixed and half random. */
function retryDelayMs(outcome: Attempt, retry: number, baseDelayMs: number): number {
  const retryAfter = outcome.kind === 'answer' ? outcome.response.headers.get('retry-after') : null;
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    const ms = Number.isNaN(seconds) ? Date.parse(retryAfter) - Date.now() : seconds * 1000;
    if (!Number.isNaN(ms)) return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
  }
  const backoff = Math.min(baseDelayMs * 2 ** retry, MAX_BACKOFF_MS);
  return backoff / 2 + (Math.random() * backoff) / 2;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text()) as unknown;
  } catch {
    return undefined;
  }
}

interface ErrorBodyFields {
  code: ErrorCode;
  message: string;
  messageIt?: string;
  details?: unknown;
  requestId?: string;
}

/** The `error` of a Pay-Box error body, or null when the body is something else (a proxy's page, say). */
function errorFieldsOf(body: unknown): ErrorBodyFields | null {
  const error = (body as { error?: Partial<ErrorBodyFields> } | null | undefined)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string' ? (error as ErrorBodyFields) : null;
}

function toPayBoxError(outcome: Attempt, settings: TransportSettings, idempotencyKey: string | null): PayBoxError {
  const { locale } = settings;
  if (outcome.kind === 'no-answer') {
    const noAnswer = { status: null, requestId: null, locale, idempotencyKey, cause: outcome.cause };
    return outcome.timedOut
      ? new PayBoxTimeoutError({ ...noAnswer, code: 'timeout', messages: timeoutMessages(settings.timeoutMs, idempotencyKey) })
      : new PayBoxNetworkError({ ...noAnswer, code: 'network_error', messages: networkErrorMessages(settings.baseUrl, idempotencyKey) });
  }
  const { response } = outcome;
  const fields = errorFieldsOf(outcome.errorBody);
  if (fields === null) {
    return invalidResponse(locale, response, `HTTP ${response.status} without a Pay-Box error body`, { idempotencyKey });
  }
  return new PayBoxApiError({
    code: fields.code,
    status: response.status,
    requestId: fields.requestId ?? response.headers.get('x-request-id'),
    details: fields.details as PayBoxErrorDetails<ErrorCode> | undefined,
    messages: { en: fields.message, it: fields.messageIt ?? fields.message },
    locale,
    idempotencyKey,
  });
}

function invalidResponse(
  locale: Locale,
  response: Response,
  what: string,
  { issues, idempotencyKey }: { issues?: FieldIssue[]; idempotencyKey: string | null },
): PayBoxInvalidResponseError {
  return new PayBoxInvalidResponseError({
    code: 'invalid_response',
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    details: issues,
    messages: invalidResponseMessages(what),
    locale,
    idempotencyKey,
  });
}
