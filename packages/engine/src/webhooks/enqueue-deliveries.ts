import type { EventRow } from '../ports/live.js';
import type { IdSource } from '../ports/ids.js';
import type { UnitOfWork } from '../ports/store.js';

/**
 * Writes a delivery, and the outbox row that sends it, for every endpoint of the comune subscribed to
 * the event: in the event's unit of work, so an event that commits is never missed by an endpoint.
 * The body is fixed here, so every retry sends (and signs) the same bytes.
 */
export async function enqueueWebhookDeliveries(tx: UnitOfWork, ids: IdSource, event: Omit<EventRow, 'seq' | 'subjectId'>): Promise<void> {
  const endpoints = await tx.webhooks.subscribed(event.comuneId, event.type);
  if (endpoints.length === 0) return;
  const body = JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.data });
  for (const endpoint of endpoints) {
    const id = ids.id('whd');
    await tx.webhooks.insertDelivery({
      id,
      comuneId: event.comuneId,
      endpointId: endpoint.id,
      eventId: event.id,
      eventType: event.type,
      body,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: event.createdAt,
      createdAt: event.createdAt,
    });
    await tx.outbox.insert({ id: ids.id('obx'), comuneId: event.comuneId, kind: 'webhook', subjectId: id, leaseUntil: null }, event.createdAt);
  }
}
