import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPayBox } from '@pay-box/sdk';
import { startReferenceServer, type ReferenceServerProcess } from '../../../../test-support/reference-server-process.js';

/**
 * A TCP-level fault between the till and the server: the first POST /v1/payments reaches the
 * server, which commits and answers; the proxy reads the whole answer and then resets the
 * till's connection, so the till never learns the outcome.
 */
function lossyProxy(upstream: string): { server: Server; url: () => string; dropped: () => number; forwardedPayments: () => number } {
  let dropped = 0;
  let forwardedPayments = 0;
  const server = createServer((incoming, outgoing) => {
    const isPayment = incoming.method === 'POST' && incoming.url === '/v1/payments';
    if (isPayment) forwardedPayments += 1;
    const target = new URL(incoming.url ?? '/', upstream);
    const upstreamRequest = forward(target, { method: incoming.method, headers: incoming.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        if (isPayment && dropped === 0) {
          dropped += 1;
          incoming.socket.destroy();
          return;
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(chunks));
      });
    });
    incoming.pipe(upstreamRequest);
  });
  return { server, url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`, dropped: () => dropped, forwardedPayments: () => forwardedPayments };
}

describe('a payment whose answer is lost on the wire, against the real reference server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paybox-sdk-lost-'));
  let reference: ReferenceServerProcess;
  let proxy: ReturnType<typeof lossyProxy>;

  beforeAll(async () => {
    reference = await startReferenceServer(dataDir, { PAYBOX_LOG_LEVEL: 'warn' });
    proxy = lossyProxy(reference.url);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
  }, 30_000);

  afterAll(async () => {
    await new Promise((resolve) => proxy?.server.close(resolve));
    await reference?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is retried with the same Idempotency-Key and returns the one payment the server made', async () => {
    const { terminalKey, sampleNoticeNumbers } = reference.credentials();
    const payBox = createPayBox({ baseUrl: proxy.url(), apiKey: terminalKey, retryBaseDelayMs: 10 });
    const before = await payBox.agent.balance();
    const [credit] = (await payBox.credits.lookup({ noticeNumber: sampleNoticeNumbers[0]! })).data;

    const payment = await payBox.payments.create({ creditId: credit!.id, amount: credit!.amount });

    expect(proxy.dropped()).toBe(1);
    expect(proxy.forwardedPayments()).toBe(2);
    expect(payment).toMatchObject({ status: 'succeeded', creditId: credit!.id, amount: credit!.amount });
    // One payment in the server: the float went down once, and today counts one payment.
    const after = await payBox.agent.balance();
    expect(after.balance).toBe(before.balance - payment.floatDebited);
    expect(after.today.payments).toBe(before.today.payments + 1);
    expect((await payBox.payments.get(payment.id)).id).toBe(payment.id);
    const [paid] = (await payBox.credits.lookup({ noticeNumber: sampleNoticeNumbers[0]! })).data;
    expect(paid!.status).toBe('paid');
  });
});
