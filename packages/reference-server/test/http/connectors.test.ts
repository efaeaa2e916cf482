import { makeNoticeNumber, type Connector, type ConnectorCredit, type Credit, type DeadLetter } from '@pay-box/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComuneSystem } from '../support/comune-system.js';
import { lookupNotice, pay } from '../support/demo-flow.js';
import { eventually } from '../support/eventually.js';
import { expectApiError } from '../support/expect-api-error.js';
import { expectMoneyInvariants } from '../support/invariants.js';
import { addComuneWithAdmin } from '../support/second-comune.js';
import { logIn, staffWithRole, type StaffClient } from '../support/staff-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** The demo comune's segregation code: the tributi system's notices are the comune's own. */
const SEGREGATION_CODE = '47';
const TIMEOUT_MS = 1_000;

const tari = (n: number, amount: number, taxCode = 'RSSMRA85T10H501O'): ConnectorCredit => ({
  noticeNumber: makeNoticeNumber(SEGREGATION_CODE, String(9_000_000_000_000 + n)),
  serviceCode: 'TARI',
  debtor: { type: 'person', taxCode, name: 'Mario Rossi' },
  description: `TARI 2026 rata ${n}, via Roma 1`,
  publicDescription: `TARI 2026 rata ${n}`,
  amount,
  dueDate: '2026-12-16',
  status: 'open',
});

describe('credits that live in the comune’s own system (HTTP connector)', () => {
  let server: TestServer;
  let admin: StaffClient;
  let connector: Connector;
  let system: Awaited<ReturnType<typeof startComuneSystem>>;
  const log: string[] = [];
  const credits = Array.from({ length: 14 }, (_, index) => tari(index + 1, 10_000 + index * 100));
  const notices = credits.map((credit) => credit.noticeNumber);

  beforeAll(async () => {
    server = await startTestServer({
      logLine: (line) => log.push(line),
      config: { webhooks: { allowPrivate: true, timeoutMs: 2_000 }, connectors: { writeBack: { retryBaseMs: 50, retryMaxMs: 150, giveUpAfterMs: 2_500 } } },
    });
    admin = await logIn(server);
    system = await startComuneSystem(credits);
    const created = await admin.api<{ connector: Connector; secret: string }>('/v1/admin/connectors', { body: { kind: 'http', name: 'Tributi', url: system.url, timeoutMs: TIMEOUT_MS, services: ['TARI'] } });
    expect(created.status, created.text).toBe(201);
    connector = created.body.connector;
    system.useSecret(created.body.secret);
  });
  afterAll(async () => {
    await system?.stop();
    await server?.dispose();
  });

  const lookup = (body: unknown) => server.api<{ data: Credit[] }>('/v1/credits/lookup', { body });
  const counts = async () => {
    const { payments, credits: rows, outbox } = await server.tableCounts();
    return { payments, credits: rows, outbox };
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

  it('is listed with its services, and its secret is shown only once', async () => {
    expect(connector).toMatchObject({ kind: 'http', name: 'Tributi', services: ['TARI'], enabled: true, timeoutMs: TIMEOUT_MS });
    const listed = (await admin.api<{ data: Connector[] }>('/v1/admin/connectors')).body.data;
    expect(listed).toEqual([connector]);
    expect(JSON.stringify(listed)).not.toContain('whsec_');
  });

  it('looks a credit up in the comune’s system, pays it, and writes the payment back there once', async () => {
    const credit = await lookupNotice(server, notices[0]!);
    expect(credit).toMatchObject({ noticeNumber: notices[0], amount: 10_000, status: 'open', description: 'TARI 2026 rata 1' });
    const paid = await pay(server, credit);
    expect(paid.status, paid.text).toBe(201);
    const notice = await eventually(() => system.paid.get(paid.body.id), 5_000, 'the write-back');
    expect(notice).toEqual({
      paymentId: paid.body.id,
      noticeNumber: notices[0],
      serviceCode: 'TARI',
      amount: 10_000,
      paidAt: paid.body.createdAt,
      channel: 'agent',
      receiptNumber: paid.body.receipt.number,
      verificationCode: paid.body.receipt.verificationCode,
      bankReference: expect.toBeOneOf([null, paid.body.transfer.bankReference ?? (await server.api(`/v1/payments/${paid.body.id}`)).body.transfer.bankReference]),
    });
    await settle();
    expect(system.writeBackAttempts.filter((id) => id === paid.body.id), 'sent once').toHaveLength(1);
    expect(system.unverified, 'every request signed').toEqual([]);
    expect((await lookupNotice(server, notices[0]!)).status).toBe('paid');
    await expectMoneyInvariants(server);
  });

  it('finds a debtor’s open credits of the service in the comune’s system', async () => {
    const found = await lookup({ debtorTaxCode: 'RSSMRA85T10H501O', serviceCode: 'TARI' });
    expect(found.status, found.text).toBe(200);
    expect(found.body.data.map((credit) => credit.noticeNumber)).toEqual(expect.arrayContaining(notices.slice(1, 4)));
    expect(found.body.data.map((credit) => credit.noticeNumber)).not.toContain(notices[0]);
  });

  it('refuses a payment whose amount the comune changed since the lookup, and takes the new amount', async () => {
    const credit = await lookupNotice(server, notices[1]!);
    system.credit(notices[1]!).amount = 12_345;
    const before = await counts();
    expectApiError(await pay(server, credit), { code: 'amount_mismatch', operation: 'createPayment' });
    expect(await counts()).toEqual({ ...before, credits: before.credits });
    const again = await lookupNotice(server, notices[1]!);
    expect(again.amount).toBe(12_345);
    expect((await pay(server, again)).status).toBe(201);
  });

  it('re-reads the credit for a card checkout on the comune’s site too', async () => {
    const credit = await lookupNotice(server, notices[10]!);
    system.credit(notices[10]!).amount = 7_777;
    const site = 'http://localhost:8787';
    const open = (amount: number) => server.api('/v1/checkout-sessions', { key: server.demo.publishableKey, headers: { origin: site }, body: { creditId: credit.id, amount, returnUrl: `${site}/paga` } });
    expectApiError(await open(credit.amount), { code: 'amount_mismatch', operation: 'createCheckoutSession' });
    expect((await open(7_777)).status).toBe(201);
  });

  it('refuses to collect a credit paid meanwhile through another channel', async () => {
    const credit = await lookupNotice(server, notices[2]!);
    system.credit(notices[2]!).status = 'paid';
    const before = await counts();
    expectApiError(await pay(server, credit), { code: 'credit_already_paid', operation: 'createPayment' });
    expect((await counts()).payments).toBe(before.payments);
    expect((await lookupNotice(server, notices[2]!)).status).toBe('paid');
  });

  it.each(['down', 'slow', 'garbage', 'wrong_notice', 'bad_amount'] as const)('answers source_unavailable within the time-out when the system is %s, and writes nothing', async (fault) => {
    system.failLookups(fault);
    try {
      const before = await counts();
      const started = Date.now();
      const response = await lookup({ noticeNumber: notices[3]! });
      expect(Date.now() - started, 'within the time-out').toBeLessThan(TIMEOUT_MS + 1_000);
      expect(response.status, response.text).toBe(503);
      expect(response.body).toMatchObject({ error: { code: 'source_unavailable', message: expect.any(String), messageIt: expect.any(String) } });
      expect(await counts()).toEqual(before);
      const logged = log.filter((line) => line.includes('credit source unavailable')).at(-1);
      expect(logged, 'logged with the comune and connector').toContain(connector.id);
      expect(logged).toContain(server.demo.comuneId);
    } finally {
      system.failLookups('none');
    }
  });

  it('pays nothing when the system is down at the moment of payment', async () => {
    const credit = await lookupNotice(server, notices[4]!);
    system.failLookups('down');
    try {
      const before = await counts();
      const response = await pay(server, credit);
      expect(response.status, response.text).toBe(503);
      expect(response.body).toMatchObject({ error: { code: 'source_unavailable' } });
      expect(await counts()).toEqual(before);
    } finally {
      system.failLookups('none');
    }
    expect((await pay(server, credit)).status, 'the same payment once the system is back').toBe(201);
  });

  it('a write-back refused for a while, and a system that restarts, still get the payment once', async () => {
    const credit = await lookupNotice(server, notices[5]!);
    system.failWriteBacks(true);
    const paid = (await pay(server, credit)).body;
    await eventually(() => (system.writeBackAttempts.filter((id) => id === paid.id).length >= 2 ? true : undefined), 5_000, 'retries');
    expect(system.paid.has(paid.id)).toBe(false);
    await system.stop();
    system.failWriteBacks(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await system.restart();
    await eventually(() => system.paid.get(paid.id), 5_000, 'the write-back after the restart');
    await settle();
    expect(system.writeBackAttempts.filter((id) => id === paid.id).at(-1)).toBe(paid.id);
    expect([...system.paid.values()].filter((notice) => notice.paymentId === paid.id)).toHaveLength(1);
    expect((await server.query<{ status: string }>("SELECT status FROM outbox WHERE kind = 'write_back' AND subject_id = ?", paid.id))[0]?.status).toBe('done');
  });

  it('gives up after its window: a dead letter admins see and an operator sends again', async () => {
    const credit = await lookupNotice(server, notices[6]!);
    system.failWriteBacks(true);
    const paid = (await pay(server, credit)).body;
    const dead = await eventually(
      async () => (await admin.api<{ data: DeadLetter[] }>('/v1/admin/dead-letters')).body.data.find((letter) => letter.subjectId === paid.id),
      10_000,
      'the dead letter',
    );
    expect(dead).toMatchObject({ kind: 'write_back', lastError: expect.stringContaining('500') });
    expect(dead.failures).toBeGreaterThan(2);
    system.failWriteBacks(false);
    const viewer = await staffWithRole(server, admin, 'viewer');
    expect((await viewer.api<{ data: DeadLetter[] }>('/v1/admin/dead-letters')).body.data.map((letter) => letter.id)).toContain(dead.id);
    expectApiError(await viewer.api(`/v1/admin/dead-letters/${dead.id}/redeliver`, { method: 'POST' }), { code: 'role_forbidden', operation: 'redeliverDeadLetter' });
    const operator = await staffWithRole(server, admin, 'operator');
    expect((await operator.api(`/v1/admin/dead-letters/${dead.id}/redeliver`, { method: 'POST' })).status).toBe(204);
    await eventually(() => system.paid.get(paid.id), 5_000, 'the write-back sent again');
    expect((await admin.api<{ data: DeadLetter[] }>('/v1/admin/dead-letters')).body.data.map((letter) => letter.id)).not.toContain(dead.id);
    expectApiError(await operator.api(`/v1/admin/dead-letters/${dead.id}/redeliver`, { method: 'POST' }), { code: 'dead_letter_not_found', operation: 'redeliverDeadLetter' });
    const log = (await admin.api('/v1/admin/audit-log?limit=50')).body.data as { action: string; subjectId: string }[];
    expect(log.filter((line) => line.action === 'dead_letter.redeliver' && line.subjectId === dead.id)).toHaveLength(1);
  });

  it('leaves a credit of the comune’s system to the comune’s system: staff cannot edit or cancel it in Pay-Box', async () => {
    const credit = await lookupNotice(server, notices[7]!);
    expectApiError(await admin.api(`/v1/admin/credits/${credit.id}`, { method: 'PATCH', body: { amount: 1 } }), { code: 'credit_managed_by_source', operation: 'updateAdminCredit' });
    expectApiError(await admin.api(`/v1/admin/credits/${credit.id}/cancel`, { body: { reason: 'not owed' } }), { code: 'credit_managed_by_source', operation: 'cancelAdminCredit' });
  });

  it('follows a credit the comune cancelled, and a disabled connector answers source_unavailable', async () => {
    await lookupNotice(server, notices[8]!);
    system.credit(notices[8]!).status = 'cancelled';
    expect((await lookupNotice(server, notices[8]!)).status).toBe('cancelled');
    const disabled = await admin.api<Connector>(`/v1/admin/connectors/${connector.id}`, { method: 'PATCH', body: { enabled: false } });
    expect(disabled.body.enabled).toBe(false);
    try {
      const response = await lookup({ noticeNumber: notices[9]! });
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ error: { code: 'source_unavailable' } });
    } finally {
      await admin.api(`/v1/admin/connectors/${connector.id}`, { method: 'PATCH', body: { enabled: true } });
    }
  });

  it('gives a service back to Pay-Box’s own store when it leaves the connector', async () => {
    const moved = await admin.api<Connector>(`/v1/admin/connectors/${connector.id}`, { method: 'PATCH', body: { services: [] } });
    expect(moved.body.services).toEqual([]);
    system.failLookups('down');
    try {
      const demoTari = await lookupNotice(server, server.demo.sampleNoticeNumbers[0]!);
      expect(demoTari.status, 'read from Pay-Box’s own store, the system not asked').toBe('open');
    } finally {
      system.failLookups('none');
      await admin.api(`/v1/admin/connectors/${connector.id}`, { method: 'PATCH', body: { services: ['TARI'] } });
    }
  });

  it('another comune’s admin neither sees nor changes it', async () => {
    const other = await logIn(server, await addComuneWithAdmin(server));
    expect((await other.api<{ data: Connector[] }>('/v1/admin/connectors')).body.data).toEqual([]);
    expectApiError(await other.api(`/v1/admin/connectors/${connector.id}`, { method: 'PATCH', body: { enabled: false } }), { code: 'connector_not_found', operation: 'updateConnector' });
    expect((await other.api<{ data: DeadLetter[] }>('/v1/admin/dead-letters')).body.data).toEqual([]);
  });

  it('refuses unknown services and a GPD connector serving two', async () => {
    expectApiError(await admin.api('/v1/admin/connectors', { body: { kind: 'http', name: 'X', url: system.url, services: ['NOPE'] } }), { code: 'service_not_found', operation: 'createConnector' });
    const gpd = { kind: 'gpd', name: 'GPD', url: 'https://api.uat.platform.pagopa.it/gpd/debt-positions-service/v1', subscriptionKey: 'a-subscription-key', services: ['TARI', 'MENSA'] };
    expectApiError(await admin.api('/v1/admin/connectors', { body: gpd }), { code: 'validation_failed', operation: 'createConnector', field: 'services' });
  });
});

describe('connector URLs without PAYBOX_WEBHOOKS_ALLOW_PRIVATE (no server-side request forgery)', () => {
  let server: TestServer;
  let admin: StaffClient;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await logIn(server);
  });
  afterAll(() => server?.dispose());

  it.each([
    ['http://tributi.comune.example/pay-box', 'webhook_url_not_https'],
    ['https://127.0.0.1/pay-box', 'webhook_url_private'],
    ['https://169.254.169.254/latest/meta-data', 'webhook_url_private'],
    ['https://[fd12:3456::1]/pay-box', 'webhook_url_private'],
  ] as const)('refuses %s (%s) and writes nothing, on creation and on a change', async (url, code) => {
    const before = await server.tableCounts();
    expectApiError(await admin.api('/v1/admin/connectors', { body: { kind: 'http', name: 'Tributi', url, services: ['TARI'] } }), { code, operation: 'createConnector' });
    expect((await server.tableCounts()).connectors).toBe(before.connectors);
    const created = await admin.api<{ connector: Connector }>('/v1/admin/connectors', { body: { kind: 'http', name: 'Tributi', url: 'https://93.184.215.14/pay-box' } });
    expect(created.status, created.text).toBe(201);
    expectApiError(await admin.api(`/v1/admin/connectors/${created.body.connector.id}`, { method: 'PATCH', body: { url } }), { code, operation: 'updateConnector' });
  });
});
