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
 * Appends events of one comune to its feed, in the unit of work of the fact they report: the fact and
 * its events commit together, so a reader of the feed (the cruscotto, webhooks) never misses one nor
 * sees one that did not happen; the endpoints subscribed to them get their deliveries then. After the
 * commit, `announceEvents` wakes the readers.
 */
export async function recordEvents(tx: UnitOfWork, ids: IdSource, comuneId: string, inputs: Omit<EventInput, 'comuneId'>[], at: string): Promise<void> {
  const events = inputs.map((input) => ({ id: ids.id('evt'), comuneId, ...input, createdAt: at }));
  await tx.events.append(events);
  await enqueueWebhookDeliveries(tx, ids, comuneId, events);
}

/** One event: see `recordEvents`. */
export function recordEvent(tx: UnitOfWork, ids: IdSource, { comuneId, ...input }: EventInput, at: string): Promise<void> {
  return recordEvents(tx, ids, comuneId, [input], at);
}

/** Tells the feed's readers (in every process sharing the store) that a comune's feed grew: call it after the commit. */
export function announceEvents(events: EventBus, comuneId: string): void {
  events.emit('events.appended', { comuneId });
}
