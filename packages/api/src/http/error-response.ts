import { errorCatalog, type ErrorBody, type FieldIssue } from '@pay-box/contract';
import type { Context } from 'hono';
import type { ContentfulStatusCode, UnofficialStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { DomainError, type Logger } from '@pay-box/engine';
import type { AppEnv } from './env.js';

/** Headers that tell a client when to come back, per error. */
const retryAfterSeconds: Partial<Record<DomainError['code'], number>> = { request_in_progress: 1, rate_limited: 60, service_unavailable: 2 };

export function errorBody(error: DomainError, requestId: string): ErrorBody {
  const entry = errorCatalog[error.code];
  return {
    error: {
      code: error.code,
      message: entry.en,
      messageIt: entry.it,
      ...(error.details === undefined ? {} : { details: error.details }),
      requestId,
    },
  };
}

/**
 * Zod's issues as field issues. A strict object reports its unknown keys in one issue on the
 * object itself; each key gets its own issue at its own path, so a client can point at the field.
 */
export function zodIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  const dotted = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.');
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: dotted([...issue.path, key]), message: 'unknown field' }))
      : [{ path: dotted(issue.path), message: issue.message }],
  );
}

/**
 * Status of the answer to a client that went away before its body arrived whole: nginx's "client
 * closed request". Nobody reads it; it keeps the access log from calling the client's hang-up a 500.
 */
const CLIENT_CLOSED_REQUEST = 499;

/** The client closed its connection while we read its body: nothing was done, and it is not our fault. */
class ClientAbortedError extends Error {
  constructor(cause: unknown) {
    super('client aborted the request', { cause });
    this.name = 'ClientAbortedError';
  }
}

/**
 * What a failed read of the request body means. On @hono/node-server the read rejects with Node's
 * `Error: aborted` (code ECONNRESET) once the socket closes, and the request's signal is aborted: that
 * one case is the client's hang-up. Anything else (a body read twice, say) stays an error of ours.
 */
export function bodyReadError(c: Context<AppEnv>, error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const connectionReset = error instanceof Error && (error as { code?: unknown }).code === 'ECONNRESET';
  return c.req.raw.signal.aborted || connectionReset ? new ClientAbortedError(error) : error;
}

/** The one place an error becomes a response: typed errors as they are, anything else a 500 without internals. */
export function respondWithError(c: Context<AppEnv>, error: unknown, log: Logger): Response {
  const requestId = c.get('requestId') ?? 'unknown';
  if (error instanceof ClientAbortedError) {
    // Mobile POS lose their network mid-upload: worth a warning if it goes on, never a page to on-call.
    log.warn('client aborted the request', { requestId, reason: error.cause instanceof Error ? error.cause.message : String(error.cause) });
    return c.body(null, CLIENT_CLOSED_REQUEST as UnofficialStatusCode);
  }
  const domainError = error instanceof DomainError ? error : undefined;
  if (!domainError) {
    log.error('unhandled error', { requestId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  const typed = domainError ?? new DomainError('internal_error');
  const details = typed.details as Record<string, unknown> | undefined;
  const retryAfter = typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : retryAfterSeconds[typed.code];
  if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
  // The rest of a refused upload is never read: the connection cannot carry another request.
  if (typed.code === 'payload_too_large') c.header('Connection', 'close');
  return c.json(errorBody(typed, requestId), typed.status as ContentfulStatusCode);
}
