import { type WebhookDelivery, type WebhookEndpoint, type WebhookEventType } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow } from '../ports/webhooks.js';
import type { UnitOfWork } from '../ports/store.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { requireComuneRole, type StaffPrincipal } from '../staff/staff-principal.js';
import { newSigningSecret, WEBHOOK_SECRET_OVERLAP_MS } from './webhook-rules.js';

/** Deliveries an endpoint's log shows, newest first. */
const DELIVERY_LOG_LIMIT = 100;

export interface EndpointInput {
  url: string;
  events: WebhookEventType[];
  description: string;
}

export interface EndpointChange {
  events?: WebhookEventType[] | undefined;
  enabled?: boolean | undefined;
  description?: string | undefined;
}

export function endpointView(row: WebhookEndpointRow): WebhookEndpoint {
  const { id, url, description, enabled, autoDisabledAt, consecutiveFailures, failingSince, previousSecretExpiresAt, createdAt } = row;
  return { id, url, description, events: row.events as WebhookEventType[], enabled, autoDisabledAt, consecutiveFailures, failingSince, previousSecretExpiresAt, createdAt };
}

function deliveryView(row: WebhookDeliveryRow, attempts: WebhookAttemptRow[]): WebhookDelivery {
  const { id, endpointId, eventId, eventType, status, nextAttemptAt, createdAt } = row;
  return {
    id,
    endpointId,
    eventId,
    eventType,
    status,
    nextAttemptAt: status === 'pending' ? nextAttemptAt : null,
    createdAt,
    attempts: attempts.filter((attempt) => attempt.deliveryId === id).map(({ at, statusCode, error, durationMs }) => ({ at, statusCode, error, durationMs })),
  };
}

/** Refuses a URL that is not https or reaches a non-public address: checked before the unit of work (it resolves DNS). */
async function checkUrl(ctx: EngineContext, url: string): Promise<void> {
  const refusal = await ctx.webhooks.urlGuard.check(url);
  if (refusal) throw new DomainError(refusal, { url });
}

async function endpointOf(tx: UnitOfWork, comuneId: string, id: string): Promise<WebhookEndpointRow> {
  const endpoint = await tx.webhooks.endpoint(comuneId, id);
  if (!endpoint || endpoint.deletedAt !== null) throw new DomainError('webhook_endpoint_not_found', { id });
  return endpoint;
}

export async function listEndpoints(ctx: EngineContext, principal: StaffPrincipal): Promise<WebhookEndpoint[]> {
  const staff = requireComuneRole(principal, 'admin');
  return (await ctx.store.read((tx) => tx.webhooks.endpoints(staff.comuneId))).map(endpointView);
}

export async function createEndpoint(ctx: EngineContext, principal: StaffPrincipal, input: EndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const staff = requireComuneRole(principal, 'admin');
  await checkUrl(ctx, input.url);
  const at = ctx.clock.now().toISOString();
  const row: WebhookEndpointRow = {
    id: ctx.ids.id('whe'),
    comuneId: staff.comuneId,
    url: input.url,
    description: input.description,
    events: input.events,
    enabled: true,
    secret: newSigningSecret(ctx.ids),
    previousSecret: null,
    previousSecretExpiresAt: null,
    consecutiveFailures: 0,
    failingSince: null,
    autoDisabledAt: null,
    deletedAt: null,
    createdAt: at,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.webhooks.insertEndpoint(row);
    await recordStaffAction(tx, staff, { action: 'webhook_endpoint.create', subjectId: row.id, details: { url: row.url, events: row.events } }, at);
  });
  return { endpoint: endpointView(row), secret: row.secret };
}

/** Enabling an endpoint again starts a new streak: its failures and its auto-disable notice are cleared. */
export async function updateEndpoint(ctx: EngineContext, principal: StaffPrincipal, id: string, change: EndpointChange): Promise<WebhookEndpoint> {
  const staff = requireComuneRole(principal, 'admin');
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    const endpoint = await endpointOf(tx, staff.comuneId, id);
    const reenabled = change.enabled === true && !endpoint.enabled;
    const changed: WebhookEndpointRow = {
      ...endpoint,
      events: change.events ?? endpoint.events,
      description: change.description ?? endpoint.description,
      enabled: change.enabled ?? endpoint.enabled,
      ...(reenabled && { consecutiveFailures: 0, failingSince: null, autoDisabledAt: null }),
    };
    await tx.webhooks.updateEndpoint(changed);
    await recordStaffAction(tx, staff, { action: 'webhook_endpoint.update', subjectId: id, details: { ...change } }, at);
    return endpointView(changed);
  });
}

/** A new secret; the old one keeps signing beside it for a day, so consumers can switch without losing a delivery. */
export async function rotateEndpointSecret(ctx: EngineContext, principal: StaffPrincipal, id: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const staff = requireComuneRole(principal, 'admin');
  const now = ctx.clock.now();
  const secret = newSigningSecret(ctx.ids);
  return ctx.store.transaction(async (tx) => {
    const endpoint = await endpointOf(tx, staff.comuneId, id);
    const previousSecretExpiresAt = new Date(now.getTime() + WEBHOOK_SECRET_OVERLAP_MS).toISOString();
    const changed = { ...endpoint, secret, previousSecret: endpoint.secret, previousSecretExpiresAt };
    await tx.webhooks.updateEndpoint(changed);
    await recordStaffAction(tx, staff, { action: 'webhook_endpoint.rotate_secret', subjectId: id, details: { previousSecretExpiresAt } }, now.toISOString());
    return { endpoint: endpointView(changed), secret };
  });
}

/** Deleted endpoints get nothing more; their deliveries stay in the log (kept, not shown). */
export async function deleteEndpoint(ctx: EngineContext, principal: StaffPrincipal, id: string): Promise<void> {
  const staff = requireComuneRole(principal, 'admin');
  const at = ctx.clock.now().toISOString();
  await ctx.store.transaction(async (tx) => {
    const endpoint = await endpointOf(tx, staff.comuneId, id);
    await tx.webhooks.updateEndpoint({ ...endpoint, enabled: false, deletedAt: at });
    await recordStaffAction(tx, staff, { action: 'webhook_endpoint.delete', subjectId: id, details: { url: endpoint.url } }, at);
  });
}

export async function listDeliveries(ctx: EngineContext, principal: StaffPrincipal, endpointId: string): Promise<WebhookDelivery[]> {
  const staff = requireComuneRole(principal, 'admin');
  return ctx.store.read(async (tx) => {
    await endpointOf(tx, staff.comuneId, endpointId);
    const deliveries = await tx.webhooks.deliveries(staff.comuneId, endpointId, DELIVERY_LOG_LIMIT);
    const oldest = deliveries.at(-1);
    const attempts = oldest ? await tx.webhooks.attempts(endpointId, oldest.createdAt) : [];
    return deliveries.map((delivery) => deliveryView(delivery, attempts));
  });
}

/** Sends a delivery again now (delivered, dead or pending), with a fresh retry policy; the same webhook-id, so consumers deduplicate it. */
export async function redeliver(ctx: EngineContext, principal: StaffPrincipal, deliveryId: string): Promise<WebhookDelivery> {
  const staff = requireComuneRole(principal, 'admin');
  const at = ctx.clock.now().toISOString();
  const view = await ctx.store.transaction(async (tx) => {
    const delivery = await tx.webhooks.delivery(staff.comuneId, deliveryId);
    if (!delivery) throw new DomainError('webhook_delivery_not_found', { id: deliveryId });
    const change = { status: 'pending', attempts: 0, nextAttemptAt: at } as const;
    await tx.webhooks.updateDelivery(delivery.id, change);
    await tx.outbox.requeue('webhook', delivery.id, at);
    await recordStaffAction(tx, staff, { action: 'webhook_delivery.redeliver', subjectId: delivery.id, details: { endpointId: delivery.endpointId, eventId: delivery.eventId } }, at);
    return deliveryView({ ...delivery, ...change }, await tx.webhooks.attempts(delivery.endpointId, delivery.createdAt));
  });
  ctx.events.emit('outbox.enqueued', { kind: 'webhook', subjectId: deliveryId });
  return view;
}
