import { SourceUnavailableError, type ConnectorRow, type UrlGuard } from '@pay-box/engine';
import type { z } from 'zod';

/** What both connectors need to call a comune's system: the URL guard of webhooks (no SSRF) and fetch. */
export interface ConnectorHttp {
  urlGuard: UrlGuard;
  fetch: typeof fetch;
}

export interface ConnectorCall {
  method: 'GET' | 'POST';
  /** Relative to the connector's base URL (joined with one slash). */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Statuses that are answers rather than failures, beside 2xx (e.g. GPD's 404 "no such position"). */
  accept?: number[];
}

export interface ConnectorAnswer {
  status: number;
  text: string;
}

/** Joins the connector's base URL and a path: `https://x/api` + `/lookup` -> `https://x/api/lookup`. */
export function connectorUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * One call to a comune's system, bounded by the connector's time-out from the URL check to the
 * last byte of the body. Redirects are not followed (one could lead to a private address). Every
 * failure is a SourceUnavailableError saying what went wrong, never a stale or partial answer.
 */
export async function callConnector(http: ConnectorHttp, row: ConnectorRow, call: ConnectorCall): Promise<ConnectorAnswer> {
  const url = connectorUrl(row.url, call.path);
  const signal = AbortSignal.timeout(row.timeoutMs);
  const refusal = await http.urlGuard.check(url).catch((error: unknown) => `url check failed: ${String(error)}`);
  if (refusal) throw new SourceUnavailableError('refused_url', `${row.name}: ${refusal}`);
  try {
    const response = await http.fetch(url, { method: call.method, headers: call.headers, body: call.body, redirect: 'manual', signal });
    const text = await response.text();
    if ((response.status < 200 || response.status > 299) && !call.accept?.includes(response.status)) {
      throw new SourceUnavailableError('http_status', `${row.name} answered HTTP ${response.status}`);
    }
    return { status: response.status, text };
  } catch (error) {
    if (error instanceof SourceUnavailableError) throw error;
    if (signal.aborted) throw new SourceUnavailableError('timeout', `${row.name} did not answer within ${row.timeoutMs} ms`);
    throw new SourceUnavailableError('unreachable', `${row.name} could not be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parses an answer's JSON body with its schema; anything else is an answer Pay-Box cannot trust. */
export function parseAnswer<T extends z.ZodType>(row: ConnectorRow, answer: ConnectorAnswer, schema: T): z.output<T> {
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    throw new SourceUnavailableError('invalid_answer', `${row.name} answered with something that is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new SourceUnavailableError('invalid_answer', `${row.name} answered with an unexpected body: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`);
  }
  return parsed.data;
}
