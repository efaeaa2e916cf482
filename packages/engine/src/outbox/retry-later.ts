import type { EngineContext } from '../context.js';
import type { OutboxKind, OutboxRow } from '../ports/rows.js';

/**
 * Counts a failed attempt on an outbox row and makes it due again after a jittered backoff (base,
 * doubled per failure, capped), then wakes the worker. If even that cannot be written, the lease
 * runs out by itself and the row is retried then.
 */
export async function retryLater(
  ctx: Pick<EngineContext, 'dispatch' | 'clock' | 'log' | 'store' | 'events'>,
  kind: OutboxKind,
  row: Pick<OutboxRow, 'id' | 'subjectId' | 'failures'>,
  reason: string,
  about: Record<string, unknown>,
): Promise<void> {
  const { retryBaseMs, retryMaxMs } = ctx.dispatch;
  const backoff = Math.min(retryMaxMs, retryBaseMs * 2 ** row.failures);
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
