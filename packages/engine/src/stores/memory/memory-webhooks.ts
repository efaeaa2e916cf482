import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow, WebhookRepository } from '../../ports/webhooks.js';

/** The webhook tables, as the memory store holds them. */
export interface WebhookTables {
  webhook_endpoints: Map<string, WebhookEndpointRow>;
  webhook_deliveries: Map<string, WebhookDeliveryRow>;
  webhook_attempts: Map<string, WebhookAttemptRow>;
}

/** How the memory store writes: journalled, so that a unit of work that throws leaves nothing. */
export interface WebhookWrites {
  set<K, V>(table: Map<K, V>, key: K, value: V): void;
  unique<V>(table: Map<unknown, V>, clash: (row: V) => boolean, what: string): void;
}

const copy = <T>(value: T): T => structuredClone(value);
const byCreation = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1);

export function memoryWebhooks(t: WebhookTables, writes: WebhookWrites): WebhookRepository {
  const live = (comuneId: string) => [...t.webhook_endpoints.values()].filter((row) => row.comuneId === comuneId && row.deletedAt === null).sort(byCreation);
  return {
    async endpoints(comuneId) {
      return copy(live(comuneId));
    },
    async endpoint(comuneId, id) {
      const row = t.webhook_endpoints.get(id);
      return row?.comuneId === comuneId ? copy(row) : undefined;
    },
    async enabledEndpoints(comuneId) {
      return copy(live(comuneId).filter((row) => row.enabled));
    },
    async insertEndpoint(row) {
      writes.set(t.webhook_endpoints, row.id, copy(row));
    },
    async updateEndpoint(row) {
      if (t.webhook_endpoints.has(row.id)) writes.set(t.webhook_endpoints, row.id, copy(row));
    },
    async insertDelivery(row) {
      writes.unique(t.webhook_deliveries, (other) => other.endpointId === row.endpointId && other.eventId === row.eventId, 'webhook_deliveries.endpoint_id, webhook_deliveries.event_id');
      writes.set(t.webhook_deliveries, row.id, copy(row));
    },
    async delivery(comuneId, id) {
      const row = t.webhook_deliveries.get(id);
      return row?.comuneId === comuneId ? copy(row) : undefined;
    },
    async deliveries(comuneId, endpointId, limit) {
      const rows = [...t.webhook_deliveries.values()].filter((row) => row.comuneId === comuneId && row.endpointId === endpointId);
      return copy(rows.sort(byCreation).reverse().slice(0, limit));
    },
    async updateDelivery(id, change) {
      const row = t.webhook_deliveries.get(id);
      if (row) writes.set(t.webhook_deliveries, id, { ...row, ...change });
    },
    async insertAttempt(row) {
      writes.set(t.webhook_attempts, row.id, copy(row));
    },
    async attempts(endpointId, fromCreatedAt) {
      const deliveries = [...t.webhook_deliveries.values()].filter((row) => row.endpointId === endpointId && row.createdAt >= fromCreatedAt);
      const wanted = new Set(deliveries.map((row) => row.id));
      return copy([...t.webhook_attempts.values()].filter((row) => wanted.has(row.deliveryId)).sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1)));
    },
  };
}
