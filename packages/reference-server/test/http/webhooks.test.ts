import type { ErrorCode, WebhookDelivery, WebhookEndpoint } from '@pay-box/contract';
import { WEBHOOK_AUTO_DISABLE_AFTER_MS } from '@pay-box/engine';
import { verifyWebhook, WebhookVerificationError } from '@pay-box/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupNotice, pay } from '../support/demo-flow.js';
import { eventually } from '../support/eventually.js';
import { expectApiError } from '../support/expect-api-error.js';
import { addComuneWithAdmin } from '../support/second-comune.js';
import { logIn, type StaffClient } from '../support/staff-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { startWebhookConsumer, verifyWithLibrary } from '../support/webhook-consumer.js';

/** A short retry schedule in place of the real hours: three retries, then dead. */
const RETRY_DELAYS_MS = [100, 200, 300];

describe('webhooks to a comune’s system', () => {
  let server: TestServer;
  let admin: StaffClient;
  let consumer: Awaited<ReturnType<typeof startWebhookConsumer>>;
  let notices: string[];

  beforeAll(async () => {
    server = await startTestServer({ config: { webhooks: { allowPrivate: true, timeoutMs: 2_000, retryDelaysMs: RETRY_DELAYS_MS } } });
    admin = await logIn(server);
    consumer = await startWebhookConsumer();
    notices = [...server.demo.sampleNoticeNumbers];
  });
  afterAll(async () => {
    await consumer?.close();
    await server?.dispose();
  });

  const createEndpoint = async (url = consumer.url) => {
    const created = await admin.api<{ endpoint: WebhookEndpoint; secret: string }>('/v1/admin/webhook-endpoints', { body: { url, events: ['payment.succeeded'], description: 'Tributi' } });
    expect(created.status, created.text).toBe(201);
    return created.body;
  };
  const payNext = async () => {
    const paid = await pay(server, await lookupNotice(server, notices.shift()!));
    expect(paid.status, paid.text).toBe(201);
    return paid.body;
  };
  const disable = (id: string) => admin.api(`/v1/admin/webhook-endpoints/${id}`, { method: 'PATCH', body: { enabled: false } });
  const deliveries = async (endpointId: string) => (await admin.api<{ data: WebhookDelivery[] }>(`/v1/admin/webhook-endpoints/${endpointId}/deliveries`)).body.data;
  const receivedFor = (paymentId: string) => consumer.received.filter((webhook) => webhook.body.includes(paymentId));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

  it('delivers payment.succeeded once, signed so that the Standard Webhooks library accepts it', async () => {
    const { endpoint, secret } = await createEndpoint();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const payment = await payNext();
    const [webhook] = await eventually(() => (receivedFor(payment.id).length > 0 ? receivedFor(payment.id) : undefined), 5_000, 'the webhook');
    await settle();
    expect(receivedFor(payment.id), 'delivered once').toHaveLength(1);
    const event = verifyWithLibrary(secret, webhook!) as { id: string; type: string; createdAt: string; data: Record<string, unknown> };
    expect(event).toMatchObject({ id: webhook!.headers['webhook-id'], type: 'payment.succeeded' });
    expect(event.id).toMatch(/^evt_/);
    expect(await verifyWebhook(webhook!.body, webhook!.headers, secret)).toEqual(event);
    const [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ eventId: event.id, eventType: 'payment.succeeded', status: 'delivered', nextAttemptAt: null });
    expect(delivery!.attempts).toEqual([expect.objectContaining({ statusCode: 200, error: null })]);
    await disable(endpoint.id);
  });

  it('rejects a replayed (old) or altered webhook, with the SDK and with the library', async () => {
    const { secret } = await createEndpoint();
    const payment = await payNext();
    const [webhook] = await eventually(() => (receivedFor(payment.id).length > 0 ? receivedFor(payment.id) : undefined), 5_000, 'the webhook');
    const later = new Date(Date.now() + 6 * 60 * 1000);
    await expect(verifyWebhook(webhook!.body, webhook!.headers, secret, later)).rejects.toMatchObject({ code: 'webhook_timestamp_out_of_tolerance' });
    const tampered = webhook!.body.replace(/"amount":\d+/, '"amount":1');
    expect(tampered).not.toBe(webhook!.body);
    await expect(verifyWebhook(tampered, webhook!.headers, secret)).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(verifyWebhook(tampered, webhook!.headers, secret)).rejects.toMatchObject({ code: 'webhook_signature_invalid' });
    expect(() => verifyWithLibrary(secret, { ...webhook!, body: tampered })).toThrow();
    const otherSecret = (await createEndpoint()).secret;
    await expect(verifyWebhook(webhook!.body, webhook!.headers, otherSecret)).rejects.toMatchObject({ code: 'webhook_signature_invalid' });
    await expect(verifyWebhook(webhook!.body, { ...webhook!.headers, 'webhook-signature': undefined }, secret)).rejects.toMatchObject({ code: 'webhook_headers_missing' });
    for (const { id } of (await admin.api<{ data: WebhookEndpoint[] }>('/v1/admin/webhook-endpoints')).body.data) await disable(id);
  });

  it('keeps retrying a consumer that is down and delivers once it is back, with the same webhook-id', async () => {
    const { endpoint, secret } = await createEndpoint();
    let failuresLeft = 2;
    consumer.answerWith(() => (failuresLeft-- > 0 ? 500 : 200));
    const payment = await payNext();
    const accepted = await eventually(() => receivedFor(payment.id).find((webhook) => webhook.status === 200), 5_000, 'the delivery after the outage');
    await settle();
    consumer.answerWith(() => 200);
    const all = receivedFor(payment.id);
    expect(all.map((webhook) => webhook.status)).toEqual([500, 500, 200]);
    expect(new Set(all.map((webhook) => webhook.headers['webhook-id'])).size, 'one webhook-id across the retries').toBe(1);
    expect(verifyWithLibrary(secret, accepted)).toMatchObject({ type: 'payment.succeeded' });
    const [delivery] = await deliveries(endpoint.id);
    expect(delivery!.status).toBe('delivered');
    expect(delivery!.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 500, 200]);
    expect(delivery!.attempts[0]!.error).toBe('HTTP 500');
    await disable(endpoint.id);
  });

  it('gives up after the last retry (dead), and a redelivery by hand delivers it with the same webhook-id', async () => {
    const { endpoint } = await createEndpoint();
    consumer.answerWith(() => 500);
    const payment = await payNext();
    const dead = await eventually(async () => (await deliveries(endpoint.id)).find((delivery) => delivery.status === 'dead'), 5_000, 'a dead delivery');
    expect(dead.attempts, 'the first try and every retry').toHaveLength(RETRY_DELAYS_MS.length + 1);
    await settle();
    expect(receivedFor(payment.id)).toHaveLength(RETRY_DELAYS_MS.length + 1);
    const [outbox] = await server.query<{ status: string }>("SELECT status FROM outbox WHERE kind = 'webhook' AND subject_id = ?", dead.id);
    expect(outbox!.status, 'its outbox row is dead, for admins to see').toBe('dead');
    const letters = (await admin.api<{ data: { kind: string; subjectId: string }[] }>('/v1/admin/dead-letters')).body.data;
    expect(letters.filter((letter) => letter.subjectId === dead.id)).toEqual([expect.objectContaining({ kind: 'webhook' })]);

    consumer.answerWith(() => 200);
    const redelivered = await admin.api<WebhookDelivery>(`/v1/admin/webhook-deliveries/${dead.id}/redeliver`, { method: 'POST' });
    expect(redelivered.status, redelivered.text).toBe(200);
    expect(redelivered.body.status).toBe('pending');
    const delivered = await eventually(async () => (await deliveries(endpoint.id)).find((delivery) => delivery.id === dead.id && delivery.status === 'delivered'), 5_000, 'the redelivery');
    expect(delivered.attempts.at(-1)!.statusCode).toBe(200);
    const all = receivedFor(payment.id);
    expect(all.at(-1)!.status).toBe(200);
    expect(new Set(all.map((webhook) => webhook.headers['webhook-id'])).size).toBe(1);
    const log = await admin.api<{ data: Array<{ action: string; subjectId: string }> }>('/v1/admin/audit-log');
    expect(log.body.data).toContainEqual(expect.objectContaining({ action: 'webhook_delivery.redeliver', subjectId: dead.id }));
    await disable(endpoint.id);
  });

  it('after a secret rotation signs with both secrets, each verifiable', async () => {
    const { endpoint, secret: oldSecret } = await createEndpoint();
    const rotated = await admin.api<{ endpoint: WebhookEndpoint; secret: string }>(`/v1/admin/webhook-endpoints/${endpoint.id}/rotate-secret`, { method: 'POST' });
    expect(rotated.status, rotated.text).toBe(200);
    const newSecret = rotated.body.secret;
    expect(newSecret).not.toBe(oldSecret);
    expect(Date.parse(rotated.body.endpoint.previousSecretExpiresAt!) - Date.now()).toBeGreaterThan(23 * 60 * 60 * 1000);
    const payment = await payNext();
    const [webhook] = await eventually(() => (receivedFor(payment.id).length > 0 ? receivedFor(payment.id) : undefined), 5_000, 'the webhook');
    expect(String(webhook!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [oldSecret, newSecret]) {
      expect(verifyWithLibrary(secret, webhook!)).toMatchObject({ type: 'payment.succeeded' });
      await expect(verifyWebhook(webhook!.body, webhook!.headers, secret)).resolves.toMatchObject({ type: 'payment.succeeded' });
    }
    await disable(endpoint.id);
  });

  it('tells a subscriber of reconciliation.completed when staff reconcile, with the totals', async () => {
    const created = await admin.api<{ endpoint: WebhookEndpoint; secret: string }>('/v1/admin/webhook-endpoints', { body: { url: consumer.url, events: ['reconciliation.completed'] } });
    const run = await admin.api<{ totals: Record<string, number> }>('/v1/admin/reconciliations', { method: 'POST' });
    expect(run.status, run.text).toBe(200);
    const webhook = await eventually(() => consumer.received.find((received) => received.body.includes('"reconciliation.completed"')), 5_000, 'the webhook');
    const event = verifyWithLibrary(created.body.secret, webhook) as { data: Record<string, unknown> };
    expect(event.data).toEqual({ statementId: null, ...run.body.totals });
    await disable(created.body.endpoint.id);
  });

  it('sends nothing to a disabled or deleted endpoint, and deleted ones leave the list', async () => {
    const { endpoint } = await createEndpoint();
    const removed = await admin.api(`/v1/admin/webhook-endpoints/${endpoint.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    const payment = await payNext();
    await settle();
    expect(receivedFor(payment.id)).toHaveLength(0);
    const listed = await admin.api<{ data: WebhookEndpoint[] }>('/v1/admin/webhook-endpoints');
    expect(listed.body.data.map((row) => row.id)).not.toContain(endpoint.id);
    expect(listed.body.data.every((row) => !row.enabled)).toBe(true);
    expectApiError(await admin.api(`/v1/admin/webhook-endpoints/${endpoint.id}/deliveries`), { code: 'webhook_endpoint_not_found', operation: 'listWebhookDeliveries' });
  });

  it('another comune’s admin sees none of the endpoints and gets 404 for each of them', async () => {
    const { endpoint } = await createEndpoint();
    await payNext();
    const [delivery] = await eventually(async () => {
      const rows = await deliveries(endpoint.id);
      return rows.length > 0 ? rows : undefined;
    }, 5_000, 'a delivery');
    const other = await logIn(server, await addComuneWithAdmin(server));
    expect((await other.api<{ data: WebhookEndpoint[] }>('/v1/admin/webhook-endpoints')).body.data).toEqual([]);
    expectApiError(await other.api(`/v1/admin/webhook-endpoints/${endpoint.id}/deliveries`), { code: 'webhook_endpoint_not_found', operation: 'listWebhookDeliveries' });
    expectApiError(await other.api(`/v1/admin/webhook-endpoints/${endpoint.id}`, { method: 'PATCH', body: { enabled: false } }), { code: 'webhook_endpoint_not_found', operation: 'updateWebhookEndpoint' });
    expectApiError(await other.api(`/v1/admin/webhook-endpoints/${endpoint.id}/rotate-secret`, { method: 'POST' }), { code: 'webhook_endpoint_not_found', operation: 'rotateWebhookSecret' });
    expectApiError(await other.api(`/v1/admin/webhook-endpoints/${endpoint.id}`, { method: 'DELETE' }), { code: 'webhook_endpoint_not_found', operation: 'deleteWebhookEndpoint' });
    expectApiError(await other.api(`/v1/admin/webhook-deliveries/${delivery!.id}/redeliver`, { method: 'POST' }), { code: 'webhook_delivery_not_found', operation: 'redeliverWebhook' });
    expect((await deliveries(endpoint.id)).find((row) => row.id === delivery!.id)).toBeDefined();
    await disable(endpoint.id);
  });
});

describe('webhook URLs without PAYBOX_WEBHOOKS_ALLOW_PRIVATE (no server-side request forgery)', () => {
  let server: TestServer;
  let admin: StaffClient;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await logIn(server);
  });
  afterAll(() => server?.dispose());

  const refused: Array<[string, ErrorCode]> = [
    ['http://tributi.comune.example/webhooks', 'webhook_url_not_https'],
    ['https://127.0.0.1/webhooks', 'webhook_url_private'],
    ['https://localhost:8443/webhooks', 'webhook_url_private'],
    ['https://10.1.2.3/webhooks', 'webhook_url_private'],
    ['https://192.168.1.10/webhooks', 'webhook_url_private'],
    ['https://172.20.0.1/webhooks', 'webhook_url_private'],
    ['https://169.254.169.254/latest/meta-data', 'webhook_url_private'],
    ['https://[::1]/webhooks', 'webhook_url_private'],
    ['https://[fd12:3456::1]/webhooks', 'webhook_url_private'],
    ['https://[fe80::1]/webhooks', 'webhook_url_private'],
    ['https://[::ffff:127.0.0.1]/webhooks', 'webhook_url_private'],
    ['https://no-such-host.invalid/webhooks', 'webhook_url_unresolvable'],
  ];
  it.each(refused)('refuses %s (%s), in English and Italian, and writes nothing', async (url, code) => {
    const before = await server.tableCounts();
    const response = await admin.api('/v1/admin/webhook-endpoints', { body: { url, events: ['payment.succeeded'] } });
    expectApiError(response, { code, operation: 'createWebhookEndpoint' });
    expect(response.body).toMatchObject({ error: { message: expect.any(String), messageIt: expect.any(String) } });
    expect((await server.tableCounts()).webhook_endpoints).toBe(before.webhook_endpoints);
  });

  it('accepts an https URL on a public address', async () => {
    const response = await admin.api('/v1/admin/webhook-endpoints', { body: { url: 'https://93.184.215.14/webhooks', events: ['transfer.settled', 'transfer.failed'] } });
    expect(response.status, response.text).toBe(201);
  });
});

describe('an endpoint failing for days', () => {
  let offsetMs = 0;
  const clock = { now: () => new Date(Date.now() + offsetMs) };
  let server: TestServer;
  let consumer: Awaited<ReturnType<typeof startWebhookConsumer>>;
  beforeAll(async () => {
    server = await startTestServer({ clock, config: { webhooks: { allowPrivate: true, timeoutMs: 2_000, retryDelaysMs: [100, 100, 100, 100] } } });
    consumer = await startWebhookConsumer();
  });
  afterAll(async () => {
    await consumer?.close();
    await server?.dispose();
  });

  it('is disabled after five days of failures, and its admins are told in the audit log and on the endpoint', async () => {
    let admin = await logIn(server);
    consumer.answerWith(() => 500);
    const created = await admin.api<{ endpoint: WebhookEndpoint }>('/v1/admin/webhook-endpoints', { body: { url: consumer.url, events: ['payment.succeeded'] } });
    const { id } = created.body.endpoint;
    const endpointNow = async () => (await admin.api<{ data: WebhookEndpoint[] }>('/v1/admin/webhook-endpoints')).body.data.find((row) => row.id === id)!;
    expect((await pay(server, await lookupNotice(server, server.demo.sampleNoticeNumbers[0]!))).status).toBe(201);
    await eventually(async () => ((await endpointNow()).failingSince !== null ? true : undefined), 5_000, 'a first failure');
    expect((await endpointNow()).enabled, 'one failure does not disable it').toBe(true);

    offsetMs = WEBHOOK_AUTO_DISABLE_AFTER_MS + 60_000;
    admin = await logIn(server);
    const disabled = await eventually(async () => {
      const endpoint = await endpointNow();
      return endpoint.enabled ? undefined : endpoint;
    }, 5_000, 'the endpoint disabled');
    expect(disabled.autoDisabledAt).not.toBeNull();
    const log = await admin.api<{ data: Array<{ action: string; subjectId: string; actor: { email: string } }> }>('/v1/admin/audit-log');
    expect(log.body.data).toContainEqual(expect.objectContaining({ action: 'webhook_endpoint.auto_disabled', subjectId: id, actor: expect.objectContaining({ email: 'system@pay-box' }) }));
    const [delivery] = await eventually(async () => {
      const rows = (await admin.api<{ data: WebhookDelivery[] }>(`/v1/admin/webhook-endpoints/${id}/deliveries`)).body.data;
      return rows[0]?.status === 'dead' ? rows : undefined;
    }, 5_000, 'the delivery dead');
    expect(delivery!.attempts.at(-1)!.error).toBe('endpoint disabled or deleted');

    const enabled = await admin.api<WebhookEndpoint>(`/v1/admin/webhook-endpoints/${id}`, { method: 'PATCH', body: { enabled: true } });
    expect(enabled.body).toMatchObject({ enabled: true, autoDisabledAt: null, consecutiveFailures: 0, failingSince: null });
  });
});
