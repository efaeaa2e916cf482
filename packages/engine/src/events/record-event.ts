import type { IdSource } from '../ports/ids.js';
import type { UnitOfWork } from '../ports/store.js';
import { enqueueWebhookDeliveries } from '../webhooks/enqueue-deliveries.js';
import type { EventBus } from './event-bus.js';

export interface EventInput {
  comuneId: string;
  type: string;
  subjectId: string;
  data: Record<string, unknown>;
}

/**
 * Appends an event to the comune's feed, in the unit of work of the fact it reports: the fact and
 * its event commit together, so a reader of the feed (the cruscotto, webhooks) never misses
 * one nor sees one that did not happen; the endpoints subscribed to it get their deliveries then. After the commit, `announceEvents` wakes the readers.
 */
export async function recordEvent(tx: UnitOfWork, ids: IdSource, input: EventInput, at: string): Promise<void> {
  const event = { id: ids.id('evt'), ...input, createdAt: at };
  await tx.events.append(event);
  await enqueueWebhookDeliveries(tx, ids, event);
}

/** Tells the feed's readers (in every process sharing the store) that a comune's feed grew: call it after the commit. */
export function announceEvents(events: EventBus, comuneId: string): void {
  events.emit('events.appended', { comuneId });
}
