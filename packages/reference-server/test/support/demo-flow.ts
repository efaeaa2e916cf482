import type { Credit, ErrorBody, Payment } from '@pay-box/contract';
import type { TestServer } from './test-server.js';

/** Looks a demo notice up and returns its credit. */
export async function lookupNotice(server: TestServer, noticeNumber: string, key?: string): Promise<Credit> {
  const response = await server.api<{ data: Credit[] }>('/v1/credits/lookup', { body: { noticeNumber }, ...(key ? { key } : {}) });
  if (response.status !== 200) throw new Error(`lookup failed: ${response.status} ${response.text}`);
  return response.body.data[0]!;
}

let keyCounter = 0;
export const freshKey = (label = 'test') => `${label}-${Date.now()}-${++keyCounter}`;

/** Pays a credit with its exact amount and a fresh idempotency key. The body is a payment or, on failure, an error. */
export function pay(server: TestServer, credit: Pick<Credit, 'id' | 'amount'>, options: { key?: string; idempotencyKey?: string } = {}) {
  return server.api<Payment & ErrorBody>('/v1/payments', {
    body: { creditId: credit.id, amount: credit.amount },
    idempotencyKey: options.idempotencyKey ?? freshKey('pay'),
    ...(options.key ? { key: options.key } : {}),
  });
}
