import { webhookSignature } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import type { OutboxRow } from '../ports/rows.js';
import type { UnitOfWork } from '../ports/store.js';
import type { WebhookDeliveryRow, WebhookEndpointRow } from '../ports/webhooks.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { WEBHOOK_AUTO_DISABLE_AFTER_FAILURES, WEBHOOK_AUTO_DISABLE_AFTER_MS } from './webhook-rules.js';

type DeliveryContext = Pick<EngineContext, 'store' | 'clock' | 'ids' | 'log' | 'events' | 'webhooks'>;

interface Outcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** A delivery whose endpoint was disabled or deleted meanwhile: no request, no failure counted, dead at once (an admin can redeliver it). */
const ENDPOINT_OFF: Outcome = { statusCode: null, error: 'endpoint disabled or deleted', durationMs: 0 };

/** Who the audit log names when Pay-Box itself disables an endpoint. */
const SYSTEM_ACTOR = { userId: null, email: 'system@pay-box' };

/** The secrets that sign now: the current one, and the one it replaced while its overlap lasts. */
export function signingSecrets(endpoint: WebhookEndpointRow, now: Date): string[] {
  const previousValid = endpoint.previousSecret !== null && endpoint.previousSecretExpiresAt !== null && Date.parse(endpoint.previousSecretExpiresAt) > now.getTime();
  return previousValid ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
}

/**
 * Sends one delivery the outbox worker claimed: signed to the Standard Webhooks spec, POSTed outside
 * any unit of work with a time-out, after checking the URL's addresses again (DNS may have changed
 * since it was saved). The attempt, the delivery's new state and the outbox row's are one commit.
 */
export async function deliverWebhook(ctx: DeliveryContext, row: OutboxRow): Promise<void> {
  const { store, clock, log } = ctx;
  const found = await store.read(async (tx) => {
    const delivery = await tx.webhooks.delivery(row.comuneId, row.subjectId);
    return delivery && { delivery, endpoint: await tx.webhooks.endpoint(row.comuneId, delivery.endpointId) };
  });
  if (!found || found.delivery.status !== 'pending') {
    await store.transaction((tx) => tx.outbox.completeSubject('webhook', row.subjectId, clock.now().toISOString()));
    return;
  }
  const { delivery, endpoint } = found;
  const endpointOn = endpoint !== undefined && endpoint.enabled && endpoint.deletedAt === null;
  const outcome = endpointOn ? await post(ctx, endpoint, delivery) : ENDPOINT_OFF;
  try {
    const retryAt = await store.transaction((tx) => recordAttempt(ctx, tx, row, delivery, outcome));
    if (retryAt) ctx.events.emit('outbox.enqueued', { kind: 'webhook', subjectId: delivery.id });
    if (outcome.error !== null) log.warn('webhook delivery failed', { deliveryId: delivery.id, endpointId: delivery.endpointId, error: outcome.error, retryAt });
  } catch (error) {
    // The lease runs out and the delivery is sent again: consumers deduplicate by webhook-id.
    log.error('could not record a webhook attempt', { deliveryId: delivery.id, error: String(error) });
  }
}

async function post(ctx: DeliveryContext, endpoint: WebhookEndpointRow, delivery: WebhookDeliveryRow): Promise<Outcome> {
  const started = Date.now();
  const refusal = await ctx.webhooks.urlGuard.check(endpoint.url).catch((error: unknown) => `url check failed: ${String(error)}`);
  if (refusal) return { statusCode: null, error: `refused: ${refusal}`, durationMs: Date.now() - started };
  const now = ctx.clock.now();
  const timestamp = Math.floor(now.getTime() / 1000);
  const signatures = await Promise.all(signingSecrets(endpoint, now).map((secret) => webhookSignature(secret, delivery.eventId, timestamp, delivery.body)));
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Pay-Box-Webhooks/1',
    'webhook-id': delivery.eventId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatures.join(' '),
  };
  try {
    const { status } = await ctx.webhooks.transport.post(endpoint.url, headers, delivery.body, { timeoutMs: ctx.webhooks.timeoutMs });
    return { statusCode: status, error: status >= 200 && status < 300 ? null : `HTTP ${status}`, durationMs: Date.now() - started };
  } catch (error) {
    return { statusCode: null, error: error instanceof Error ? error.message : String(error), durationMs: Date.now() - started };
  }
}

/** Returns when the delivery is tried again, or undefined when it is delivered or dead. */
async function recordAttempt(ctx: DeliveryContext, tx: UnitOfWork, row: OutboxRow, delivery: WebhookDeliveryRow, outcome: Outcome): Promise<string | undefined> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  await tx.webhooks.insertAttempt({ id: ctx.ids.id('wha'), comuneId: delivery.comuneId, deliveryId: delivery.id, at, ...outcome });
  const attempts = delivery.attempts + 1;
  const endpoint = await tx.webhooks.endpoint(delivery.comuneId, delivery.endpointId);
  if (outcome.error === null) {
    await tx.webhooks.updateDelivery(delivery.id, { status: 'delivered', attempts, nextAttemptAt: null });
    await tx.outbox.completeSubject('webhook', delivery.id, at);
    if (endpoint && endpoint.consecutiveFailures > 0) await tx.webhooks.updateEndpoint({ ...endpoint, consecutiveFailures: 0, failingSince: null });
    return undefined;
  }
  if (endpoint && outcome !== ENDPOINT_OFF) await countFailure(tx, endpoint, now);
  const delay = outcome === ENDPOINT_OFF ? undefined : ctx.webhooks.retryDelaysMs[attempts - 1];
  if (delay === undefined) {
    await tx.webhooks.updateDelivery(delivery.id, { status: 'dead', attempts, nextAttemptAt: null });
    await tx.outbox.markDead(row.id, at, outcome.error ?? 'failed');
    return undefined;
  }
  const retryAt = new Date(now.getTime() + delay).toISOString();
  await tx.webhooks.updateDelivery(delivery.id, { status: 'pending', attempts, nextAttemptAt: retryAt });
  await tx.outbox.retryLater(row.id, retryAt, outcome.error ?? 'failed');
  return retryAt;
}

/** One more failure in the endpoint's streak; a streak long enough disables it and tells its comune's admins (the audit log). */
async function countFailure(tx: UnitOfWork, endpoint: WebhookEndpointRow, now: Date): Promise<void> {
  const failingSince = endpoint.failingSince ?? now.toISOString();
  const consecutiveFailures = endpoint.consecutiveFailures + 1;
  const tooLong = consecutiveFailures >= WEBHOOK_AUTO_DISABLE_AFTER_FAILURES || now.getTime() - Date.parse(failingSince) >= WEBHOOK_AUTO_DISABLE_AFTER_MS;
  const disable = endpoint.enabled && tooLong;
  await tx.webhooks.updateEndpoint({ ...endpoint, consecutiveFailures, failingSince, ...(disable && { enabled: false, autoDisabledAt: now.toISOString() }) });
  if (disable) {
    await recordStaffAction(
      tx,
      { comuneId: endpoint.comuneId, ...SYSTEM_ACTOR },
      { action: 'webhook_endpoint.auto_disabled', subjectId: endpoint.id, details: { url: endpoint.url, consecutiveFailures, failingSince } },
      now.toISOString(),
    );
  }
}
