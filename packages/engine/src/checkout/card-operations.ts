import type { EngineContext } from '../context.js';
import { InFlight } from '../outbox/in-flight.js';
import { retryLater } from '../outbox/retry-later.js';
import type { OutboxRow } from '../ports/rows.js';

/** An outbox row of a card authorisation: capture it, or void it. */
export type CardOperationRow = Pick<OutboxRow, 'id' | 'subjectId' | 'failures'> & { kind: 'card_capture' | 'card_void' };

/**
 * Captures or voids card authorisations at the acquirer, from the outbox: written in the unit of work
 * that decided it (the credit closed, or found paid), done right after its commit, retried with backoff
 * until the acquirer confirms. Both operations are idempotent at the acquirer, so a retry after a crash
 * or a time-out charges or releases the card once.
 */
export class CardOperations {
  private readonly inFlight = new InFlight();

  constructor(private readonly ctx: Omit<EngineContext, 'dispatcher' | 'cardOperations'>) {}

  run(row: CardOperationRow): Promise<void> {
    return this.inFlight.track(this.perform(row));
  }

  idle(): Promise<void> {
    return this.inFlight.idle();
  }

  private async perform(row: CardOperationRow): Promise<void> {
    const { store, acquirer, clock, log } = this.ctx;
    const authorization = await store.read((tx) => tx.cardAuthorizations.get(row.subjectId));
    if (!authorization || !acquirer) {
      log.error('card operation without its authorisation or an acquirer', { outboxId: row.id, authorizationId: row.subjectId });
      return;
    }
    const about = { authorizationId: authorization.id, sessionId: authorization.sessionId };
    const done = authorization.status === 'captured' || authorization.status === 'voided';
    try {
      if (!done && row.kind === 'card_capture') await acquirer.capture(authorization.id, authorization.amount);
      if (!done && row.kind === 'card_void') await acquirer.void(authorization.id);
    } catch (error) {
      return retryLater(this.ctx, row.kind, row, String(error), about);
    }
    const now = clock.now().toISOString();
    try {
      await store.transaction(async (tx) => {
        if (!done) await tx.cardAuthorizations.settle(authorization.id, row.kind === 'card_capture' ? 'captured' : 'voided', now);
        await tx.outbox.completeSubject(row.kind, authorization.id, now);
      });
      log.info(row.kind === 'card_capture' ? 'card captured' : 'card authorisation voided', about);
    } catch (error) {
      // The lease runs out and the worker asks again: the acquirer does it once however often it is asked.
      log.error('could not record a card operation', { ...about, error: String(error) });
    }
  }
}
