import type { EventRow } from '../ports/live.js';
import type { IdSource } from '../ports/ids.js';
import type { UnitOfWork } from '../ports/store.js';

/**
 * Writes a delivery, and the outbox row that sends it, for every enabled endpoint of the comune
 * subscribed to each event: in the events' unit of work, so an event that commits is never missed by
 * an endpoint. The body is fixed here, so every retry sends (and signs) the same bytes. The comune's
 * endpoints are read once for all the events of one fact.
 */
export async function enqueueWebhookDeliveries(tx: UnitOfWork, ids: IdSource, comuneId: string, events: Omit<EventRow, 'seq' | 'subjectId' | 'comuneId'>[]): Promise<void> {
  const endpoints = await tx.webhooks.enabledEndpoints(comuneId);
  for (const event of events) {
    const subscribed = endpoints.filter((endpoint) => endpoint.events.includes(event.type));
    if (subscribed.length === 0) continue;
    const body = JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.data });
    for (const endpoint of subscribed) {
      const id = ids.id('whd');
      await tx.webhooks.insertDelivery({
        id,
        comuneId,
        endpointId: endpoint.id,
        eventId: event.id,
        eventType: event.type,
        body,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: event.createdAt,
        createdAt: event.createdAt,
      });
      await tx.outbox.insert({ id: ids.id('obx'), comuneId, kind: 'webhook', subjectId: id, leaseUntil: null }, event.createdAt);
    }
  }
}
