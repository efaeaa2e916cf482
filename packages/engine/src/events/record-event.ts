import type { IdSource } from '../ports/ids.js';
import type { UnitOfWork } from '../ports/store.js';
import type { EventBus } from './event-bus.js';

export interface EventInput {
  comuneId: string;
  type: string;
  subjectId: string;
  data: Record<string, unknown>;
}

/**
 * Appends an event to the comune's feed, in the unit of work of the fact it reports: the fact and
 * its event commit together, so a reader of the feed (the cruscotto, later webhooks) never misses
 * one nor sees one that did not happen. After the commit, `announceEvents` wakes the readers.
 */
export async function recordEvent(tx: UnitOfWork, ids: IdSource, input: EventInput, at: string): Promise<void> {
  await tx.events.append({ id: ids.id('evt'), ...input, createdAt: at });
}

/** Tells the feed's readers (in every process sharing the store) that a comune's feed grew: call it after the commit. */
export function announceEvents(events: EventBus, comuneId: string): void {
  events.emit('events.appended', { comuneId });
}
