import { describe, expect, it } from 'vitest';
import { createPayBox, PayBoxTimeoutError } from '@pay-box/sdk';
import { okJson, paymentInput, samplePayment, scriptedFetch, type Reply } from './scripted-fetch.js';

function clientWith(replies: Reply[], maxRetries: number) {
  const script = scriptedFetch(...replies);
  const payBox = createPayBox({ baseUrl: 'https://paybox.example.it', apiKey: 'sk_test', fetch: script.fetch, timeoutMs: 50, maxRetries, retryBaseDelayMs: 1 });
  return { payBox, sent: script.sent };
}

describe('time-outs', () => {
  it('ends each silent attempt after timeoutMs, then fails with PayBoxTimeoutError carrying the key to retry with', async () => {
    const { payBox, sent } = clientWith(['hang', 'hang'], 1);
    const error = await payBox.payments.create(paymentInput).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PayBoxTimeoutError);
    expect(error).toMatchObject({ code: 'timeout', status: null, idempotencyKey: sent[0]!.headers.get('idempotency-key') });
    expect((error as Error).message).toContain('50 ms');
    expect(sent).toHaveLength(2);
    // The abandoned attempts were aborted, so a fetch that honours the signal frees its connection.
    expect(sent.every((request) => request.signal?.aborted)).toBe(true);
  });

  it('retries a timed-out payment with the same key and returns the outcome of the retry', async () => {
    const { payBox, sent } = clientWith(['hang', okJson(samplePayment, 201)], 1);
    await expect(payBox.payments.create(paymentInput)).resolves.toMatchObject({ id: samplePayment.id });
    expect(sent[1]!.headers.get('idempotency-key')).toBe(sent[0]!.headers.get('idempotency-key'));
  });

  it('lets a caller learn the outcome later by passing the key of the timed-out call', async () => {
    const first = clientWith(['hang'], 0);
    const error = (await first.payBox.payments.create(paymentInput).catch((caught: unknown) => caught)) as PayBoxTimeoutError;
    const later = clientWith([okJson(samplePayment, 201)], 0);
    await expect(later.payBox.payments.create(paymentInput, { idempotencyKey: error.idempotencyKey! })).resolves.toMatchObject({ id: samplePayment.id });
    expect(later.sent[0]!.headers.get('idempotency-key')).toBe(first.sent[0]!.headers.get('idempotency-key'));
  });
});
