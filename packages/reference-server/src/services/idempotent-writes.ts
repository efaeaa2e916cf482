import { createHash } from 'node:crypto';
import { canonicalJson } from '@pay-box/sdk/contract';
import type { Repositories } from '../db/repositories/index.js';
import type { WriteQueue } from '../db/write-queue.js';
import { DomainError } from '../domain-error.js';
import type { Clock } from '../ports.js';

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
 * same key while the first request is still running here -> 409. The key is stored in the
 * same transaction as the payment it made, so a crash leaves it either unused or bound.
 */
export class IdempotentWrites {
  private readonly running = new Set<string>();

  constructor(
    private readonly repos: Repositories,
    private readonly writes: WriteQueue,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `create` (a synchronous write that returns a payment id) once per key, then `respond`
   * while the key is still held, so a concurrent retry gets 409 until the response is ready.
   */
  async run<T>(scope: IdempotencyScope, create: () => string, respond: (paymentId: string, replayed: boolean) => Promise<T>): Promise<T> {
    const slot = `${scope.apiKeyId}\u0000${scope.key}`;
    if (this.running.has(slot)) throw new DomainError('request_in_progress');
    this.running.add(slot);
    try {
      const requestHash = createHash('sha256').update(`${scope.operation}\n${canonicalJson(scope.request)}`).digest('hex');
      const { paymentId, replayed } = await this.writes.run(() => {
        const existing = this.repos.idempotency.get(scope.apiKeyId, scope.key);
        if (existing) {
          if (existing.operation !== scope.operation || existing.requestHash !== requestHash) throw new DomainError('idempotency_key_reused');
          return { paymentId: existing.paymentId, replayed: true };
        }
        const created = create();
        this.repos.idempotency.insert(scope.apiKeyId, scope.key, { operation: scope.operation, requestHash, paymentId: created }, this.clock.now().toISOString());
        return { paymentId: created, replayed: false };
      });
      return await respond(paymentId, replayed);
    } finally {
      this.running.delete(slot);
    }
  }
}
