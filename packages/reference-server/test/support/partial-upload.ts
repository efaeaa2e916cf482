import { request } from 'node:http';
import type { ApiResponse } from './test-server.js';

export interface PartialUpload {
  headers: Record<string, string>;
  /** Bytes actually sent (JSON whitespace). */
  sentBytes: number;
  /** Announced as Content-Length; omitted, the body is sent chunked with no announced size. */
  declaredBytes?: number;
  /** How long to wait for an answer before concluding that the server waits for the whole body. */
  timeoutMs?: number;
}

/**
 * Starts a POST that sends only part of its body and never finishes it, on a socket of its own.
 * An answer can only come from a server that refuses the body before reading it whole.
 */
export function postWithoutFinishing(url: string, { headers, sentBytes, declaredBytes, timeoutMs = 5_000 }: PartialUpload): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const upload = request(url, {
      method: 'POST',
      agent: false,
      headers: { ...headers, ...(declaredBytes === undefined ? {} : { 'content-length': String(declaredBytes) }) },
    });
    upload.setTimeout(timeoutMs, () => upload.destroy(new Error(`no answer within ${timeoutMs} ms: the server waits for the whole body`)));
    upload.on('error', reject);
    upload.on('response', (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        upload.destroy();
        const text = Buffer.concat(chunks).toString('utf8');
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined) responseHeaders.set(name, String(value));
        const body: unknown = responseHeaders.get('content-type')?.includes('json') ? JSON.parse(text) : text;
        resolve({ status: answer.statusCode ?? 0, headers: responseHeaders, body, text });
      });
    });
    upload.write(Buffer.alloc(sentBytes, ' '));
  });
}
