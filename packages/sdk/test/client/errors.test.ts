import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  createPayBox,
  isPayBoxError,
  PayBoxApiError,
  PayBoxError,
  PayBoxInvalidResponseError,
  PayBoxNetworkError,
  type PayBoxOptions,
} from '@pay-box/sdk';
import { validateResponse } from '../../src/validation/index.js';
import { apiError, networkError, okJson, paymentInput, samplePayment, scriptedFetch, type Reply } from './scripted-fetch.js';

function clientWith(replies: Reply[], options: Partial<PayBoxOptions> = {}) {
  const script = scriptedFetch(...replies);
  return createPayBox({ baseUrl: 'https://paybox.example.it', apiKey: 'sk_test', fetch: script.fetch, retryBaseDelayMs: 1, maxRetries: 0, ...options });
}

const caught = (promise: Promise<unknown>) => promise.then(
  () => {
    throw new Error('expected a failure');
  },
  (error: unknown) => error,
);

describe('errors from the server', () => {
  it('become PayBoxApiError with the code, status, request id, details and both messages', async () => {
    const answer = apiError(402, 'insufficient_float', { details: { balance: 1_000, required: 14_400 } });
    const error = await caught(clientWith([answer]).payments.create(paymentInput));
    expect(error).toBeInstanceOf(PayBoxApiError);
    expect(error).toBeInstanceOf(PayBoxError);
    expect(error).toMatchObject({
      name: 'PayBoxApiError',
      code: 'insufficient_float',
      status: 402,
      requestId: 'req_insufficient_float',
      details: { balance: 1_000, required: 14_400 },
      message: 'insufficient_float (en)',
      messages: { en: 'insufficient_float (en)', it: 'insufficient_float (it)' },
      idempotencyKey: expect.any(String),
    });
  });

  it('speak Italian when the client’s locale is it', async () => {
    const error = await caught(clientWith([apiError(409, 'credit_already_paid')], { locale: 'it' }).payments.create(paymentInput));
    expect(error).toMatchObject({ code: 'credit_already_paid', message: 'credit_already_paid (it)' });
  });

  it('carry the fields to correct for validation_failed', async () => {
    const details = [{ path: 'fields.squareMeters', message: 'must be at most 200' }];
    const error = await caught(clientWith([apiError(400, 'validation_failed', { details })]).services.list());
    expect(error).toMatchObject({ code: 'validation_failed', status: 400, details });
  });

  it('narrow details by code in a switch', async () => {
    const error = await caught(clientWith([apiError(422, 'amount_mismatch', { details: { expected: 1, received: 2 } })]).payments.create(paymentInput));
    if (!isPayBoxError(error)) throw error;
    switch (error.code) {
      case 'amount_mismatch':
        expectTypeOf(error.details).toEqualTypeOf<{ expected: number; received: number } | undefined>();
        expect(error.details?.expected).toBe(1);
        break;
      case 'insufficient_float':
        expectTypeOf(error.details).toEqualTypeOf<{ balance: number; required: number } | undefined>();
        throw new Error('wrong code');
      default:
        throw new Error(`unexpected code ${error.code}`);
    }
  });
});

describe('failures without a Pay-Box answer', () => {
  it('no answer on any attempt is a PayBoxNetworkError that says how to learn the outcome of the payment', async () => {
    const failure = networkError();
    const error = await caught(clientWith([failure, failure, failure], { maxRetries: 2 }).payments.create(paymentInput));
    expect(error).toBeInstanceOf(PayBoxNetworkError);
    expect(error).toMatchObject({ code: 'network_error', status: null, requestId: null, cause: failure });
    const { idempotencyKey, message } = error as PayBoxNetworkError;
    expect(message).toContain('https://paybox.example.it');
    expect(message).toContain(`idempotencyKey "${idempotencyKey}"`);
  });

  it('an error page of a proxy is invalid_response, with its status', async () => {
    const page = new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html', 'x-request-id': 'lb-1' } });
    const error = await caught(clientWith([page]).services.list());
    expect(error).toBeInstanceOf(PayBoxInvalidResponseError);
    expect(error).toMatchObject({ code: 'invalid_response', status: 502, requestId: 'lb-1' });
    expect((error as Error).message).toContain('baseUrl');
  });

  it('a success that is not JSON (wrong baseUrl) is invalid_response', async () => {
    const page = new Response('<html>Welcome</html>', { status: 200, headers: { 'content-type': 'text/html' } });
    await expect(clientWith([page]).services.list()).rejects.toMatchObject({ code: 'invalid_response', status: 200 });
  });

  it('a JSON success that is not an object is invalid_response', async () => {
    await expect(clientWith([okJson(null)]).agent.balance()).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('with response validation on, a payment outside the contract is invalid_response naming the wrong fields', async () => {
    const { transfer: _missing, ...broken } = { ...samplePayment, amount: '143.50' };
    const payBox = clientWith([okJson(broken, 201)], { responseValidator: validateResponse });
    const error = await caught(payBox.payments.create(paymentInput));
    expect(error).toMatchObject({ code: 'invalid_response', status: 201, idempotencyKey: expect.any(String) });
    const paths = ((error as PayBoxInvalidResponseError).details ?? []).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['amount', 'transfer']));
  });

  it('with response validation on, a conforming payment passes', async () => {
    const payBox = clientWith([okJson(samplePayment, 201)], { responseValidator: validateResponse });
    await expect(payBox.payments.create(paymentInput)).resolves.toEqual(samplePayment);
  });
});

describe('isPayBoxError', () => {
  it('recognises errors thrown by another copy of the SDK, where instanceof fails', async () => {
    vi.resetModules();
    const otherCopy = await import('../../src/client/errors.js');
    const foreign = new otherCopy.PayBoxNetworkError({
      code: 'network_error',
      status: null,
      requestId: null,
      messages: { en: 'offline', it: 'non in linea' },
      locale: 'en',
      idempotencyKey: null,
    });
    expect(foreign instanceof PayBoxError).toBe(false);
    expect(isPayBoxError(foreign)).toBe(true);
  });

  it('is false for other errors and look-alikes', () => {
    expect(isPayBoxError(new Error('boom'))).toBe(false);
    expect(isPayBoxError({ code: 'credit_already_paid', status: 409 })).toBe(false);
    expect(isPayBoxError(null)).toBe(false);
    expect(isPayBoxError('credit_already_paid')).toBe(false);
  });
});
