import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** A request as the routes see it: the body exactly as it arrived, since signatures are over those bytes. */
export interface TributiRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
}

export interface TributiReply {
  status: number;
  contentType: 'application/json' | 'text/html; charset=utf-8';
  body: string;
}

export type Route = (request: TributiRequest) => Promise<TributiReply> | TributiReply;

/** The error codes this system answers with, stable for whoever reads its logs or answers. */
export type TributiErrorCode =
  | 'webhook_headers_missing'
  | 'webhook_timestamp_out_of_tolerance'
  | 'webhook_signature_invalid'
  | 'invalid_json'
  | 'validation_failed'
  | 'webhooks_not_configured'
  | 'body_too_large'
  | 'not_found'
  | 'internal_error';

export const json = (status: number, value: unknown): TributiReply => ({ status, contentType: 'application/json', body: JSON.stringify(value) });

export const failure = (status: number, code: TributiErrorCode, message: string): TributiReply => json(status, { error: { code, message } });

/** Room for Pay-Box's largest body, a reconciliation.completed webhook listing a statement's matches. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** The body as text; one too large is read to its end (so that the 413 answer reaches the caller) and refused. */
export function readRawBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => (size > MAX_BODY_BYTES ? reject(new BodyTooLargeError(`the body is larger than ${MAX_BODY_BYTES} bytes`)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    request.on('error', reject);
  });
}

export function send(response: ServerResponse, reply: TributiReply): void {
  response.writeHead(reply.status, { 'content-type': reply.contentType, 'cache-control': 'no-store' });
  response.end(reply.body);
}
