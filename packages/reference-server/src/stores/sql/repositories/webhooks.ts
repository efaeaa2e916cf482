import type { WebhookDeliveryRow, WebhookEndpointRow, WebhookRepository } from '@pay-box/engine';
import { z } from 'zod';
import { jsonText, sqlQuery, type SqlExecutor } from '../prepared.js';

const endpointColumns = [
  'id',
  'comune_id as comuneId',
  'url',
  'description',
  'events_json as eventsJson',
  'enabled',
  'secret',
  'previous_secret as previousSecret',
  'previous_secret_expires_at as previousSecretExpiresAt',
  'consecutive_failures as consecutiveFailures',
  'failing_since as failingSince',
  'auto_disabled_at as autoDisabledAt',
  'deleted_at as deletedAt',
  'created_at as createdAt',
] as const;
const liveEndpoints = sqlQuery('webhook_endpoints_of_comune', (db, p: { comuneId: string }) =>
  db.selectFrom('webhook_endpoints').select(endpointColumns).where('comune_id', '=', p.comuneId).where('deleted_at', 'is', null).orderBy('created_at').orderBy('id'),
);
const endpointById = sqlQuery('webhook_endpoint_by_id', (db, p: { comuneId: string; id: string }) =>
  db.selectFrom('webhook_endpoints').select(endpointColumns).where('comune_id', '=', p.comuneId).where('id', '=', p.id),
);
type EndpointParams = Omit<WebhookEndpointRow, 'events' | 'enabled'> & { eventsJson: string; enabled: number };
/** What an endpoint's later changes may touch: its insert writes these too, with what never changes. */
const changeableColumns = (p: EndpointParams) => ({
  description: p.description,
  events_json: p.eventsJson,
  enabled: p.enabled,
  secret: p.secret,
  previous_secret: p.previousSecret,
  previous_secret_expires_at: p.previousSecretExpiresAt,
  consecutive_failures: p.consecutiveFailures,
  failing_since: p.failingSince,
  auto_disabled_at: p.autoDisabledAt,
  deleted_at: p.deletedAt,
});
const insertEndpoint = sqlQuery('insert_webhook_endpoint', (db, p: EndpointParams) =>
  db.insertInto('webhook_endpoints').values({ id: p.id, comune_id: p.comuneId, url: p.url, created_at: p.createdAt, ...changeableColumns(p) }),
);
const updateEndpoint = sqlQuery('update_webhook_endpoint', (db, p: EndpointParams) =>
  db.updateTable('webhook_endpoints').set(changeableColumns(p)).where('id', '=', p.id).where('comune_id', '=', p.comuneId),
);

const deliveryColumns = [
  'id',
  'comune_id as comuneId',
  'endpoint_id as endpointId',
  'event_id as eventId',
  'event_type as eventType',
  'body',
  'status',
  'attempts',
  'next_attempt_at as nextAttemptAt',
  'created_at as createdAt',
] as const;
const insertDelivery = sqlQuery('insert_webhook_delivery', (db, p: WebhookDeliveryRow) =>
  db.insertInto('webhook_deliveries').values({
    id: p.id,
    comune_id: p.comuneId,
    endpoint_id: p.endpointId,
    event_id: p.eventId,
    event_type: p.eventType,
    body: p.body,
    status: p.status,
    attempts: p.attempts,
    next_attempt_at: p.nextAttemptAt,
    created_at: p.createdAt,
  }),
);
const deliveryById = sqlQuery('webhook_delivery_by_id', (db, p: { comuneId: string; id: string }) =>
  db.selectFrom('webhook_deliveries').select(deliveryColumns).where('comune_id', '=', p.comuneId).where('id', '=', p.id),
);
const deliveriesOfEndpoint = sqlQuery('webhook_deliveries_of_endpoint', (db, p: { comuneId: string; endpointId: string; limit: number }) =>
  db
    .selectFrom('webhook_deliveries')
    .select(deliveryColumns)
    .where('comune_id', '=', p.comuneId)
    .where('endpoint_id', '=', p.endpointId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(p.limit),
);
const updateDelivery = sqlQuery('update_webhook_delivery', (db, p: Pick<WebhookDeliveryRow, 'id' | 'status' | 'attempts' | 'nextAttemptAt'>) =>
  db.updateTable('webhook_deliveries').set({ status: p.status, attempts: p.attempts, next_attempt_at: p.nextAttemptAt }).where('id', '=', p.id),
);
const insertAttempt = sqlQuery('insert_webhook_attempt', (db, p: { id: string; comuneId: string; deliveryId: string; at: string; statusCode: number | null; error: string | null; durationMs: number }) =>
  db.insertInto('webhook_attempts').values({
    id: p.id,
    comune_id: p.comuneId,
    delivery_id: p.deliveryId,
    at: p.at,
    status_code: p.statusCode,
    error: p.error,
    duration_ms: p.durationMs,
  }),
);
const attemptsOfEndpoint = sqlQuery('webhook_attempts_of_endpoint', (db, p: { endpointId: string; fromCreatedAt: string }) =>
  db
    .selectFrom('webhook_attempts as a')
    // Joined on the comune too, so the attempts' index (comune first, as every comune table's) serves it.
    .innerJoin('webhook_deliveries as d', (join) => join.onRef('d.id', '=', 'a.delivery_id').onRef('d.comune_id', '=', 'a.comune_id'))
    .select(['a.id', 'a.comune_id as comuneId', 'a.delivery_id as deliveryId', 'a.at', 'a.status_code as statusCode', 'a.error', 'a.duration_ms as durationMs'])
    .where('d.endpoint_id', '=', p.endpointId)
    .where('d.created_at', '>=', p.fromCreatedAt)
    .orderBy('a.at')
    .orderBy('a.id'),
);

const eventsSchema = z.array(z.string());
const endpointRow = ({ eventsJson, enabled, consecutiveFailures, ...row }: Omit<EndpointParams, 'consecutiveFailures'> & { consecutiveFailures: number | string }): WebhookEndpointRow => ({
  ...row,
  events: eventsSchema.parse(JSON.parse(eventsJson)),
  enabled: Number(enabled) === 1,
  consecutiveFailures: Number(consecutiveFailures),
});
const endpointParams = ({ events, enabled, ...row }: WebhookEndpointRow): EndpointParams => ({ ...row, eventsJson: jsonText(events), enabled: enabled ? 1 : 0 });
const deliveryRow = ({ attempts, ...row }: Omit<WebhookDeliveryRow, 'attempts'> & { attempts: number | string }): WebhookDeliveryRow => ({ ...row, attempts: Number(attempts) });

export function webhookRepository(exec: SqlExecutor): WebhookRepository {
  return {
    endpoints: async (comuneId) => (await exec.all(liveEndpoints, { comuneId })).map(endpointRow),
    endpoint: async (comuneId, id) => {
      const row = await exec.first(endpointById, { comuneId, id });
      return row && endpointRow(row);
    },
    enabledEndpoints: async (comuneId) => (await exec.all(liveEndpoints, { comuneId })).map(endpointRow).filter((row) => row.enabled),
    insertEndpoint: async (row) => void (await exec.run(insertEndpoint, endpointParams(row))),
    updateEndpoint: async (row) => void (await exec.run(updateEndpoint, endpointParams(row))),
    insertDelivery: async (row) => void (await exec.run(insertDelivery, row)),
    delivery: async (comuneId, id) => {
      const row = await exec.first(deliveryById, { comuneId, id });
      return row && deliveryRow(row);
    },
    deliveries: async (comuneId, endpointId, limit) => (await exec.all(deliveriesOfEndpoint, { comuneId, endpointId, limit })).map(deliveryRow),
    updateDelivery: async (id, change) => void (await exec.run(updateDelivery, { id, ...change })),
    insertAttempt: async (row) => void (await exec.run(insertAttempt, row)),
    attempts: async (endpointId, fromCreatedAt) =>
      (await exec.all(attemptsOfEndpoint, { endpointId, fromCreatedAt })).map((row) => ({ ...row, durationMs: Number(row.durationMs), statusCode: row.statusCode === null ? null : Number(row.statusCode) })),
  };
}
