import type { Payment } from '@pay-box/contract';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isStaffPath, operations, type OperationId, type SecurityScheme } from '@pay-box/api';
import { lookupNotice, pay } from '../support/demo-flow.js';
import { expectRefusedWithoutWrites } from '../support/expect-api-error.js';
import { sampleRequests } from '../support/operation-samples.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// Keys that are missing, garbled, revoked, of the wrong kind or used from the wrong origin, on
// every operation; and one shop's terminal reaching for another shop's payment and receipt.

let server: TestServer;
let revokedKey: string;
let payment: Payment;

beforeAll(async () => {
  server = await startTestServer();
  const retired = await server.engine.keys.create({ kind: 'terminal', agentId: server.demo.agentId, label: 'Cassa dismessa' });
  await server.engine.keys.revoke(retired.id);
  revokedKey = retired.secret;
  const paid = await pay(server, await lookupNotice(server, server.demo.sampleNoticeNumbers[0]!));
  expect(paid.status).toBe(201);
  payment = paid.body;
  // The settlement writes ledger rows after the answer: let it land before counting rows.
  await vi.waitFor(async () => expect((await server.engine.books.health()).pendingOutbox).toBe(0), { timeout: 10_000 });
});
afterAll(async () => {
  await server?.dispose();
});

/** The operations called with API keys: the staff API's session, CSRF and roles have their own suite (staff-access). */
const operationIds = (Object.keys(operations) as OperationId[]).filter((id) => !isStaffPath(operations[id].path));
const accepts = (id: OperationId, scheme: SecurityScheme) => (operations[id].security as readonly SecurityScheme[]).includes(scheme);
const secured = operationIds.filter((id) => operations[id].security.length > 0);
const terminalOnly = secured.filter((id) => !accepts(id, 'publishableKey'));
const acceptingPublishable = operationIds.filter((id) => accepts(id, 'publishableKey'));

/** Authorization headers no key stands behind; resolved when the test runs, once the demo keys exist. */
const badAuthorizations: Array<[string, () => string]> = [
  ['an unknown terminal key', () => `Bearer sk_${'0'.repeat(43)}`],
  ['a terminal key with one character changed', () => `Bearer ${server.demo.terminalKey.slice(0, -1)}${server.demo.terminalKey.endsWith('A') ? 'B' : 'A'}`],
  ['a revoked terminal key', () => `Bearer ${revokedKey}`],
  ['the key without "Bearer"', () => server.demo.terminalKey],
  ['an empty bearer', () => 'Bearer '],
  ['Basic credentials', () => 'Basic dXNlcjpwYXNzd29yZA=='],
  ['a key followed by a second token', () => `Bearer ${server.demo.terminalKey} ${server.demo.terminalKey}`],
  ['a key of 4 KB', () => `Bearer sk_${'x'.repeat(4096)}`],
  ['an SQL fragment', () => "Bearer ' OR '1'='1"],
];

describe.each(operationIds)('%s', (operation) => {
  it.each(badAuthorizations)('refuses %s -> 401', async (_name, authorization) => {
    await expectRefusedWithoutWrites(server, { ...sampleRequests[operation], key: null, headers: { authorization: authorization() } }, { operation, code: 'unauthorized' });
  });

  it.each(['https://evil.example', 'null', 'http://localhost:5173.evil.example'])('refuses a publishable key from origin %s -> 403', async (origin) => {
    await expectRefusedWithoutWrites(server, { ...sampleRequests[operation], key: server.demo.publishableKey, headers: { origin } }, { operation, code: 'forbidden' });
  });
});

describe.each(secured)('%s needs a key', (operation) => {
  it('refuses a request without Authorization -> 401', async () => {
    await expectRefusedWithoutWrites(server, { ...sampleRequests[operation], key: null }, { operation, code: 'unauthorized' });
  });
});

describe.each(terminalOnly)('%s is for terminals only', (operation) => {
  it.each([
    ['without an Origin', {}],
    ['from an allowed origin', { origin: 'http://localhost:5173' }],
  ])('refuses a publishable key %s -> 403', async (_name, headers) => {
    await expectRefusedWithoutWrites(server, { ...sampleRequests[operation], key: server.demo.publishableKey, headers }, { operation, code: 'forbidden' });
  });
});

describe.each(acceptingPublishable)('%s with a publishable key', (operation) => {
  it('answers from an allowed origin, so the refusals above are about the origin', async () => {
    const response = await server.api(sampleRequests[operation].path, { ...sampleRequests[operation], key: server.demo.publishableKey, headers: { origin: 'http://localhost:5173' } });
    expect(response.status).not.toBe(403);
    expect(response.status).toBeLessThan(500);
  });
});

describe('a payment and its receipt belong to one shop', () => {
  it("the shop's own terminal reads them", async () => {
    expect((await server.api(`/v1/payments/${payment.id}`)).status).toBe(200);
    expect((await server.api(`/v1/receipts/${payment.receipt.id}`)).status).toBe(200);
  });

  it("another shop's terminal gets payment_not_found for the payment", async () => {
    await expectRefusedWithoutWrites(server, { path: `/v1/payments/${payment.id}`, key: server.demo.otherTerminalKey }, { operation: 'getPayment', code: 'payment_not_found' });
  });

  it.each(['json', 'text58', 'text80', 'pdf'])("another shop's terminal gets receipt_not_found for the receipt, format %s", async (format) => {
    await expectRefusedWithoutWrites(
      server,
      { path: `/v1/receipts/${payment.receipt.id}?format=${format}`, key: server.demo.otherTerminalKey },
      { operation: 'getReceipt', code: 'receipt_not_found' },
    );
  });

  it("another shop's terminal cannot tell the payment from one that does not exist", async () => {
    const other = await server.api(`/v1/payments/${payment.id}`, { key: server.demo.otherTerminalKey });
    const missing = await server.api('/v1/payments/pay_0000000000000000', { key: server.demo.otherTerminalKey });
    expect({ status: other.status, code: other.body.error.code }).toEqual({ status: missing.status, code: missing.body.error.code });
  });

  it('no terminal reads a receipt by its payment id, nor a payment by its receipt id', async () => {
    await expectRefusedWithoutWrites(server, { path: `/v1/receipts/${payment.id}` }, { operation: 'getReceipt', code: 'validation_failed', field: 'params.id' });
    await expectRefusedWithoutWrites(server, { path: `/v1/payments/${payment.receipt.id}` }, { operation: 'getPayment', code: 'validation_failed', field: 'params.id' });
  });
});
