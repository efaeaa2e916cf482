import { canonicalJson } from '../domain/canonical-json.js';
import { FakeApiError } from './fake-api-error.js';
import type { FakeState } from './fake-state.js';

export interface IdempotencyScope {
  apiKeyId: string;
  key: string;
  /** The operation, so a key reused on another route is a reuse too. */
  operation: string;
  /** The validated request body. */
  request: unknown;
}

/**
 * Same key + same body -> the payment the first request made; same key + other body -> 422;
 * same key while the first request is still running -> 409. A request that fails stores nothing.
 */
export async function runIdempotent<T>(
  state: FakeState,
  scope: IdempotencyScope,
  create: () => string,
  respond: (paymentId: string, replayed: boolean) => Promise<T>,
): Promise<T> {
  const slot = `${scope.apiKeyId} ${scope.key}`;
  if (state.running.has(slot)) throw new FakeApiError('request_in_progress');
  state.running.add(slot);
  try {
    const requestHash = `${scope.operation}\n${canonicalJson(scope.request)}`;
    const existing = state.idempotency.get(slot);
    if (existing) {
      if (existing.operation !== scope.operation || existing.requestHash !== requestHash) throw new FakeApiError('idempotency_key_reused');
      return await respond(existing.paymentId, true);
    }
    const paymentId = create();
    state.idempotency.set(slot, { operation: scope.operation, requestHash, paymentId });
    return await respond(paymentId, false);
  } finally {
    state.running.delete(slot);
  }
}
