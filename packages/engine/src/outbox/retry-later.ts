import type { EngineContext } from '../context.js';
import type { OutboxKind, OutboxRow } from '../ports/rows.js';

/** A kind's backoff: base, doubled per failure, capped. */
export interface Backoff {
  retryBaseMs: number;
  retryMaxMs: number;
}

/** The wait before the next attempt after `failures` failures, before jitter. */
export const backoffMs = ({ retryBaseMs, retryMaxMs }: Backoff, failures: number): number => Math.min(retryMaxMs, retryBaseMs * 2 ** failures);

/**
 * Counts a failed attempt on an outbox row and makes it due again after a jittered backoff (the
 * kind's policy; the transfers' by default), then wakes the worker. If even that cannot be written,
 * the lease runs out by itself and the row is retried then.
 */
export async function retryLater(
  ctx: Pick<EngineContext, 'dispatch' | 'clock' | 'log' | 'store' | 'events'>,
  kind: OutboxKind,
  row: Pick<OutboxRow, 'id' | 'subjectId' | 'failures'>,
  reason: string,
  about: Record<string, unknown>,
  policy: Backoff = ctx.dispatch,
): Promise<void> {
  const backoff = backoffMs(policy, row.failures);
  const jittered = backoff / 2 + Math.random() * (backoff / 2);
  const at = new Date(ctx.clock.now().getTime() + jittered).toISOString();
  ctx.log.warn(`${kind} will be retried`, { ...about, failures: row.failures + 1, reason });
  try {
    await ctx.store.transaction((tx) => tx.outbox.retryLater(row.id, at, reason));
    ctx.events.emit('outbox.enqueued', { kind, subjectId: row.subjectId });
  } catch (error) {
    ctx.log.error(`could not reschedule ${kind}`, { ...about, error: String(error) });
  }
}
