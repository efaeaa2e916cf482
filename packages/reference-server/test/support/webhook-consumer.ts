import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** What the consumer answered. */
  status: number;
}

/**
 * A comune's system receiving webhooks: a real HTTP server on a free local port. `answer` picks the
 * status of each request (200 by default; 500 plays a consumer that is down). It keeps every request.
 */
export async function startWebhookConsumer() {
  const received: ReceivedWebhook[] = [];
  let answer: (request: { headers: IncomingHttpHeaders; body: string }) => number = () => 200;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = answer({ headers: request.headers, body });
      received.push({ headers: request.headers, body, status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/paybox/webhooks`,
    received,
    answerWith(choose: typeof answer) {
      answer = choose;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Standard Webhooks' own library, as a consumer would verify: throws on a bad or old signature. */
export function verifyWithLibrary(secret: string, webhook: Pick<ReceivedWebhook, 'headers' | 'body'>): unknown {
  const headers = Object.fromEntries(Object.entries(webhook.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return new Webhook(secret).verify(webhook.body, headers);
}
