import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { connectorLookupResponseSchema, makeNoticeNumber, parseNoticeNumber, webhookSignature, type ConnectorPaidNotice } from '@pay-box/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTributi, type RunningTributi } from '../src/tributi.js';

const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;
const connectorSecret = newSecret();
const webhookSecret = newSecret();
const MARIO_ROSSI = 'RSSMRA85T10H501O';

let folder: string;
let dbPath: string;
let tributi: RunningTributi;
const logged: string[] = [];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'comune-connector-'));
  dbPath = join(folder, 'tributi.sqlite');
  tributi = await startTributi({ dbPath, port: 0, connectorSecret, webhookSecret, log: (line) => logged.push(line) });
});

afterAll(async () => {
  await tributi.close();
  rmSync(folder, { recursive: true, force: true });
});

interface Signing {
  secret?: string;
  webhookId?: string;
  /** Unix seconds; now unless told. */
  timestamp?: number;
  /** Sign this instead of the body sent (a body altered on the way). */
  signedBody?: string;
  /** Another instance than the suite's. */
  baseUrl?: string;
}

/** POSTs like Pay-Box does: Standard Webhooks headers over the raw JSON body. */
async function signedPost(path: string, body: unknown, signing: Signing = {}): Promise<Response> {
  const raw = JSON.stringify(body);
  const webhookId = signing.webhookId ?? `msg_${randomUUID().replaceAll('-', '')}`;
  const timestamp = signing.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = await webhookSignature(signing.secret ?? connectorSecret, webhookId, timestamp, signing.signedBody ?? raw);
  return fetch(`${signing.baseUrl ?? tributi.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'webhook-id': webhookId, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature },
    body: raw,
  });
}

async function lookup(query: { noticeNumber: string } | { debtorTaxCode: string; serviceCode: string }) {
  const response = await signedPost('/pay-box/lookup', query);
  expect(response.status).toBe(200);
  return connectorLookupResponseSchema.parse(await response.json());
}

async function firstOpenTari() {
  const { credits } = await lookup({ debtorTaxCode: MARIO_ROSSI, serviceCode: 'TARI' });
  const open = credits.filter((credit) => credit.status === 'open');
  expect(open.length).toBeGreaterThan(0);
  return open;
}

const paidNotice = (credit: { noticeNumber: string; serviceCode: string; amount: number }, paymentId: string): ConnectorPaidNotice => ({
  paymentId,
  noticeNumber: credit.noticeNumber,
  serviceCode: credit.serviceCode,
  amount: credit.amount,
  paidAt: new Date().toISOString(),
  channel: 'agent',
  receiptNumber: '2026-000042',
  verificationCode: 'K7QM-3TXA-9PHD',
  bankReference: null,
});

/** The example's SQLite file, read the way the tributi office's other programs would. */
function readDatabase<T>(read: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('lookups', () => {
  it('answers a debtor’s credits of one service, and one credit by its notice number, as the protocol describes them', async () => {
    const { credits } = await lookup({ debtorTaxCode: MARIO_ROSSI, serviceCode: 'TARI' });
    expect(credits).toHaveLength(3);
    for (const credit of credits) {
      expect(credit).toMatchObject({ serviceCode: 'TARI', status: 'open', debtor: { taxCode: MARIO_ROSSI, name: 'Mario Rossi' } });
      // Notice numbers of the demo comune, so that its Pay-Box demo server can take them.
      expect(parseNoticeNumber(credit.noticeNumber)).toMatchObject({ ok: true, value: { segregationCode: '47' } });
    }
    const first = credits[0]!;
    expect(await lookup({ noticeNumber: first.noticeNumber })).toEqual({ credits: [first] });
  });

  it('answers no credits for a notice it does not know, and for a debtor it does not know', async () => {
    expect(await lookup({ noticeNumber: makeNoticeNumber('47', '0000000000999') })).toEqual({ credits: [] });
    expect(await lookup({ debtorTaxCode: 'BNCGLI90D43F205U', serviceCode: 'MULTA' })).toEqual({ credits: [] });
  });

  it('refuses a body that is not a lookup', async () => {
    const response = await signedPost('/pay-box/lookup', { noticeNumber: '12345' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });
});

describe('signatures', () => {
  const query = { debtorTaxCode: MARIO_ROSSI, serviceCode: 'TARI' };

  it('answers 401 to a request signed with another secret, or altered after signing', async () => {
    const otherSecret = await signedPost('/pay-box/lookup', query, { secret: newSecret() });
    expect(otherSecret.status).toBe(401);
    expect(await otherSecret.json()).toMatchObject({ error: { code: 'webhook_signature_invalid' } });
    const altered = await signedPost('/pay-box/lookup', query, { signedBody: JSON.stringify({ ...query, serviceCode: 'MENSA' }) });
    expect(altered.status).toBe(401);
  });

  it('answers 401 to a request without signature headers', async () => {
    const response = await fetch(`${tributi.url}/pay-box/lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(query) });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'webhook_headers_missing' } });
  });

  it('answers 401 to a request signed more than 5 minutes ago (a replay)', async () => {
    const response = await signedPost('/pay-box/lookup', query, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'webhook_timestamp_out_of_tolerance' } });
  });

  it('refuses a paid notice that does not verify, and records nothing', async () => {
    const [credit] = await firstOpenTari();
    const response = await signedPost('/pay-box/payments', paidNotice(credit!, 'pay_Forged0000000001'), { secret: newSecret() });
    expect(response.status).toBe(401);
    expect(readDatabase((db) => db.prepare('SELECT count(*) AS count FROM payments WHERE payment_id = ?').get('pay_Forged0000000001'))).toEqual({ count: 0 });
    expect((await lookup({ noticeNumber: credit!.noticeNumber })).credits[0]!.status).toBe('open');
  });
});

describe('payments', () => {
  it('records a payment once when Pay-Box sends it twice, and the credit reads paid in the database, in a lookup and on the page', async () => {
    const [credit] = await firstOpenTari();
    const notice = paidNotice(credit!, 'pay_Tributi000000001');
    // A retried write-back carries the same webhook-id, signed again with a new timestamp.
    const first = await signedPost('/pay-box/payments', notice, { webhookId: 'msg_WriteBack0001' });
    const again = await signedPost('/pay-box/payments', notice, { webhookId: 'msg_WriteBack0001' });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ paymentId: notice.paymentId, recorded: 'now', problem: null });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ paymentId: notice.paymentId, recorded: 'before', problem: null });

    const stored = readDatabase((db) => ({
      payments: db.prepare('SELECT payment_id, amount, receipt_number FROM payments WHERE notice_number = ?').all(credit!.noticeNumber),
      credit: db.prepare('SELECT status, paid_at FROM credits WHERE notice_number = ?').get(credit!.noticeNumber),
    }));
    expect(stored.payments).toEqual([{ payment_id: notice.paymentId, amount: credit!.amount, receipt_number: '2026-000042' }]);
    expect(stored.credit).toEqual({ status: 'paid', paid_at: notice.paidAt });
    expect(await lookup({ noticeNumber: credit!.noticeNumber })).toEqual({ credits: [{ ...credit, status: 'paid' }] });

    const page = await (await fetch(`${tributi.url}/`)).text();
    expect(page).toMatch(new RegExp(`<td>${credit!.noticeNumber}</td>.*<td>paid</td>`));
    expect(page).toContain(notice.paymentId);
  });

  it('records a payment whose amount differs from the credit, flags it for the office and closes the credit', async () => {
    const [credit] = await firstOpenTari();
    const notice = { ...paidNotice(credit!, 'pay_Tributi000000002'), amount: credit!.amount - 100 };
    const response = await signedPost('/pay-box/payments', notice);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ paymentId: notice.paymentId, recorded: 'now', problem: 'amount_mismatch' });
    expect(readDatabase((db) => db.prepare('SELECT amount, problem FROM payments WHERE payment_id = ?').get(notice.paymentId))).toEqual({ amount: credit!.amount - 100, problem: 'amount_mismatch' });
    expect((await lookup({ noticeNumber: credit!.noticeNumber })).credits[0]!.status).toBe('paid');
  });
});

describe('webhooks', () => {
  const event = (id: string, type: string, data: Record<string, unknown>) => ({ id, type, createdAt: new Date().toISOString(), data });

  it('keeps a webhook once per webhook-id and acknowledges every delivery', async () => {
    const succeeded = event('evt_Tributi000000001', 'payment.succeeded', { id: 'pay_Tributi000000001', amount: 9_600 });
    const signing = { secret: webhookSecret, webhookId: succeeded.id };
    const first = await signedPost('/pay-box/webhooks', succeeded, signing);
    const redelivered = await signedPost('/pay-box/webhooks', succeeded, signing);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    expect(redelivered.status).toBe(200);
    expect(await redelivered.json()).toEqual({ received: true, duplicate: true });
    expect(readDatabase((db) => db.prepare('SELECT webhook_id, type FROM webhook_events').all())).toEqual([{ webhook_id: succeeded.id, type: 'payment.succeeded' }]);
    expect(logged.filter((line) => line.includes(succeeded.id))).toEqual([`webhook payment.succeeded ${succeeded.id}`, `webhook payment.succeeded ${succeeded.id}, seen before`]);
  });

  it('puts the CRO/TRN of a settled transfer beside its payment', async () => {
    const settled = event('evt_Tributi000000002', 'transfer.settled', { paymentId: 'pay_Tributi000000001', transferId: 'trf_Tributi000000001', bankReference: 'PBXSBX20261130000000000002' });
    expect((await signedPost('/pay-box/webhooks', settled, { secret: webhookSecret, webhookId: settled.id })).status).toBe(200);
    expect(readDatabase((db) => db.prepare('SELECT bank_reference FROM payments WHERE payment_id = ?').get('pay_Tributi000000001'))).toEqual({ bank_reference: 'PBXSBX20261130000000000002' });
  });

  it('answers 503 while it has no webhook secret, so that Pay-Box keeps the event and retries', async () => {
    const withoutSecret = await startTributi({ dbPath: join(folder, 'no-webhooks.sqlite'), port: 0, connectorSecret, log: () => {} });
    try {
      const pending = event('evt_Tributi000000004', 'payment.succeeded', {});
      const response = await signedPost('/pay-box/webhooks', pending, { secret: webhookSecret, webhookId: pending.id, baseUrl: withoutSecret.url });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: { code: 'webhooks_not_configured' } });
    } finally {
      await withoutSecret.close();
    }
  });

  it('answers 401 to a webhook signed with the connector’s secret instead of the endpoint’s', async () => {
    const forged = event('evt_Tributi000000003', 'payment.succeeded', {});
    expect((await signedPost('/pay-box/webhooks', forged, { webhookId: forged.id })).status).toBe(401);
  });
});

describe('the database file', () => {
  it('keeps its credits and payments across a restart, without seeding again', async () => {
    const before = readDatabase((db) => db.prepare('SELECT notice_number, status FROM credits ORDER BY notice_number').all());
    await tributi.close();
    tributi = await startTributi({ dbPath, port: 0, connectorSecret, webhookSecret, log: (line) => logged.push(line) });
    expect(readDatabase((db) => db.prepare('SELECT notice_number, status FROM credits ORDER BY notice_number').all())).toEqual(before);
    expect(before).toContainEqual(expect.objectContaining({ status: 'paid' }));
  });
});
