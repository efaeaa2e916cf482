import { describe, expect, it } from 'vitest';
import { createPayBox, isPayBoxError, type PayBoxOptions } from '@pay-box/sdk';
import { apiError, networkError, okJson, paymentInput, samplePayment, scriptedFetch, type Reply } from './scripted-fetch.js';

const BASE_URL = 'https://paybox.example.it';

function clientWith(replies: Reply[], options: Partial<PayBoxOptions> = {}) {
  const script = scriptedFetch(...replies);
  const payBox = createPayBox({ baseUrl: BASE_URL, apiKey: 'sk_test', fetch: script.fetch, retryBaseDelayMs: 1, ...options });
  return { payBox, sent: script.sent };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('idempotency keys', () => {
  it('sends one Idempotency-Key on every retry of a payment, so a retry cannot pay twice', async () => {
    const { payBox, sent } = clientWith([apiError(503, 'service_unavailable'), networkError(), okJson(samplePayment, 201)]);
    const payment = await payBox.payments.create(paymentInput);
    expect(payment.id).toBe(samplePayment.id);
    const keys = sent.map((request) => request.headers.get('idempotency-key'));
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(UUID);
    expect(new Set(keys).size).toBe(1);
    expect(sent.map((request) => request.body)).toEqual(Array(3).fill(JSON.stringify(paymentInput)));
  });

  it('makes a new key for each call, and uses the caller’s key when given', async () => {
    const { payBox, sent } = clientWith([okJson(samplePayment, 201), okJson(samplePayment, 201), okJson(samplePayment, 201)]);
    await payBox.payments.create(paymentInput);
    await payBox.payments.create(paymentInput);
    await payBox.payments.create(paymentInput, { idempotencyKey: 'pos-7-sale-20261126-0042' });
    const [first, second, own] = sent.map((request) => request.headers.get('idempotency-key'));
    expect(first).not.toBe(second);
    expect(own).toBe('pos-7-sale-20261126-0042');
  });

  it('sends no Idempotency-Key on reads, and no API key to receipt verification', async () => {
    const { payBox, sent } = clientWith([okJson({ data: [] }), okJson({ valid: true, receipt: {} })]);
    await payBox.credits.lookup({ noticeNumber: samplePayment.noticeNumber });
    await payBox.receipts.verify('K7QF-3MZP-W2HD');
    expect(sent[0]!.headers.get('idempotency-key')).toBeNull();
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer sk_test');
    expect(sent[1]!.headers.get('authorization')).toBeNull();
  });
});

describe('what is retried', () => {
  it.each([
    [409, 'request_in_progress'],
    [429, 'rate_limited'],
    [500, 'internal_error'],
    [503, 'service_unavailable'],
  ])('retries %i %s and returns the answer of the retry', async (status, code) => {
    const { payBox, sent } = clientWith([apiError(status, code), okJson(samplePayment, 201)]);
    await expect(payBox.payments.create(paymentInput)).resolves.toMatchObject({ id: samplePayment.id });
    expect(sent).toHaveLength(2);
  });

  it('retries a 502 from a proxy that is not a Pay-Box answer', async () => {
    const badGateway = new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } });
    const { payBox, sent } = clientWith([badGateway, okJson({ data: [] })]);
    await expect(payBox.services.list()).resolves.toEqual({ data: [] });
    expect(sent).toHaveLength(2);
  });

  it('retries when no answer arrives (network error)', async () => {
    const { payBox, sent } = clientWith([networkError(), okJson({ data: [] })]);
    await expect(payBox.credits.lookup({ qr: 'PAGOPA|002|301000000000000144|83000390019|14350' })).resolves.toEqual({ data: [] });
    expect(sent).toHaveLength(2);
  });

  it.each([
    [400, 'validation_failed'],
    [401, 'unauthorized'],
    [402, 'insufficient_float'],
    [403, 'forbidden'],
    [404, 'credit_not_found'],
    [409, 'credit_already_paid'],
    [409, 'credit_not_payable'],
    [422, 'amount_mismatch'],
    [422, 'idempotency_key_reused'],
  ])('never retries %i %s: one request, then the error', async (status, code) => {
    const { payBox, sent } = clientWith([apiError(status, code)]);
    const error = await payBox.payments.create(paymentInput).catch((caught: unknown) => caught);
    expect(isPayBoxError(error) && error.code).toBe(code);
    expect(sent).toHaveLength(1);
  });

  it('gives up after maxRetries and reports the last answer', async () => {
    const { payBox, sent } = clientWith(Array.from({ length: 3 }, () => apiError(503, 'service_unavailable')), { maxRetries: 2 });
    await expect(payBox.agent.balance()).rejects.toMatchObject({ code: 'service_unavailable', status: 503 });
    expect(sent).toHaveLength(3);
  });

  it('does not retry at all with maxRetries 0', async () => {
    const { payBox, sent } = clientWith([apiError(500, 'internal_error')], { maxRetries: 0 });
    await expect(payBox.services.list()).rejects.toMatchObject({ code: 'internal_error' });
    expect(sent).toHaveLength(1);
  });
});

describe('when to retry', () => {
  it('waits for Retry-After (seconds) before retrying', async () => {
    const { payBox, sent } = clientWith([apiError(429, 'rate_limited', { headers: { 'retry-after': '0.3' } }), okJson({ data: [] })]);
    await payBox.services.list();
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(290);
  });

  it('waits for Retry-After given as an HTTP date', async () => {
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    const { payBox, sent } = clientWith([apiError(503, 'service_unavailable', { headers: { 'retry-after': inTwoSeconds } }), okJson({ data: [] })]);
    await payBox.services.list();
    // HTTP dates drop the milliseconds, so the wait is between one and two seconds.
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(990);
    expect(sent[1]!.at - sent[0]!.at).toBeLessThanOrEqual(2_100);
  });

  it('backs off exponentially, with jitter, when the server gives no Retry-After', async () => {
    const failures = Array.from({ length: 3 }, () => apiError(500, 'internal_error'));
    const { payBox, sent } = clientWith([...failures, okJson({ data: [] })], { retryBaseDelayMs: 100, maxRetries: 3 });
    await payBox.services.list();
    const gaps = sent.slice(1).map((request, index) => request.at - sent[index]!.at);
    // Each wait is between half and all of 100, 200, 400 ms.
    expect(gaps[0]).toBeGreaterThanOrEqual(49);
    expect(gaps[1]).toBeGreaterThanOrEqual(99);
    expect(gaps[2]).toBeGreaterThanOrEqual(199);
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
  });
});
