import { canonicalJson } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { UnitOfWork } from '../ports/store.js';

export interface IdempotencyScope {
  apiKeyId: string;
  /** The comune of the API key: the key's row is the comune's data. */
  comuneId: string;
  key: string;
  /** The operation, so a key reused on another route is a reuse too. */
  operation: string;
  /** The validated request body. */
  request: unknown;
}

/** What the unit of work under a key did: created the payment, or found the one an earlier request created. */
export type IdempotentOutcome<C> = { created: C; paymentId: string } | { replayOf: string; paymentId: string };

/**
 * Same key + same body -> the payment the first request made; same key + other body -> 422;
 * same key while the first request is still running here -> 409. The key is claimed as the first
 * write of the payment's own unit of work, so a crash leaves it either unused or bound to the one
 * payment, and a request that fails stores nothing. `respond` runs while the key is still held, so a
 * concurrent retry in this process gets 409 until the answer is ready.
 */
export async function runIdempotent<C extends { paymentId: string }, R>(
  ctx: EngineContext,
  scope: IdempotencyScope,
  create: (tx: UnitOfWork, paymentId: string) => Promise<C>,
  respond: (outcome: IdempotentOutcome<C>) => Promise<R>,
): Promise<R> {
  const slot = `${scope.apiKeyId} ${scope.key}`;
  if (ctx.runningRequests.has(slot)) throw new DomainError('request_in_progress');
  ctx.runningRequests.add(slot);
  try {
    const requestHash = await ctx.sha256(`${scope.operation}\n${canonicalJson(scope.request)}`);
    // The payment's id is drawn first, so that the key is claimed for it before anything else is written.
    const paymentId = ctx.ids.id('pay');
    const outcome = await ctx.store.transaction(async (tx): Promise<IdempotentOutcome<C>> => {
      const earlier = await tx.idempotency.claim(scope.apiKeyId, scope.key, { operation: scope.operation, requestHash, paymentId, comuneId: scope.comuneId }, ctx.clock.now().toISOString());
      if (earlier) {
        if (earlier.operation !== scope.operation || earlier.requestHash !== requestHash) throw new DomainError('idempotency_key_reused');
        return { replayOf: earlier.paymentId, paymentId: earlier.paymentId };
      }
      return { created: await create(tx, paymentId), paymentId };
    });
    return await respond(outcome);
  } finally {
    ctx.runningRequests.delete(slot);
  }
}
