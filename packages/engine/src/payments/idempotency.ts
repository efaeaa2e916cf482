import { canonicalJson } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { UnitOfWork } from '../ports/store.js';

export interface IdempotencyScope {
  apiKeyId: string;
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
 * same key while the first request is still running here -> 409. The key is stored in the same
 * unit of work as the payment it made, so a crash leaves it either unused or bound; a request that
 * fails stores nothing. `respond` runs while the key is still held, so a concurrent retry gets 409
 * until the answer is ready.
 */
export async function runIdempotent<C extends { paymentId: string }, R>(
  ctx: EngineContext,
  scope: IdempotencyScope,
  create: (tx: UnitOfWork) => Promise<C>,
  respond: (outcome: IdempotentOutcome<C>) => Promise<R>,
): Promise<R> {
  const slot = `${scope.apiKeyId} ${scope.key}`;
  if (ctx.runningRequests.has(slot)) throw new DomainError('request_in_progress');
  ctx.runningRequests.add(slot);
  try {
    const requestHash = await ctx.sha256(`${scope.operation}\n${canonicalJson(scope.request)}`);
    const outcome = await ctx.store.transaction(async (tx): Promise<IdempotentOutcome<C>> => {
      const existing = await tx.idempotency.get(scope.apiKeyId, scope.key);
      if (existing) {
        if (existing.operation !== scope.operation || existing.requestHash !== requestHash) throw new DomainError('idempotency_key_reused');
        return { replayOf: existing.paymentId, paymentId: existing.paymentId };
      }
      const created = await create(tx);
      await tx.idempotency.insert(scope.apiKeyId, scope.key, { operation: scope.operation, requestHash, paymentId: created.paymentId }, ctx.clock.now().toISOString());
      return { created, paymentId: created.paymentId };
    });
    return await respond(outcome);
  } finally {
    ctx.runningRequests.delete(slot);
  }
}
