import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidCompanyTaxCode, isValidIban, parseNoticeNumber } from '@pay-box/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupNotice, pay } from '../support/demo-flow.js';
import { expectMoneyInvariants } from '../support/invariants.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('the demo seed', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('seeds a valid comune, its catalogue, two shops with EUR 5,000.00 each, 20 open credits, and writes the credentials file', async () => {
    const file = JSON.parse(readFileSync(join(server.dataDir, 'demo-credentials.json'), 'utf8'));
    expect(Object.keys(file).sort()).toEqual(
      ['agentId', 'comuneId', 'otherAgentId', 'otherTerminalKey', 'publishableKey', 'sampleNoticeNumbers', 'staff', 'terminalKey'].sort(),
    );
    expect(file.staff).toMatchObject({ email: expect.stringContaining('@'), password: expect.any(String) });
    expect(file.sampleNoticeNumbers.length).toBeGreaterThanOrEqual(5);
    for (const notice of file.sampleNoticeNumbers) expect(parseNoticeNumber(notice).ok).toBe(true);

    const comune = server.ctx.repos.tenants.comune(file.comuneId)!;
    expect(isValidCompanyTaxCode(comune.fiscalCode)).toBe(true);
    expect(isValidIban(comune.treasuryIban)).toBe(true);
    const codes = server.ctx.repos.tenants.services(comune.id).map((service) => service.code);
    expect(codes).toEqual(expect.arrayContaining(['TARI', 'MENSA', 'MULTA', 'MERCATO']));
    for (const agentId of [file.agentId, file.otherAgentId]) expect(server.ctx.ledger.floatBalance(agentId)).toBe(500_000);
    expect(server.db.prepare(`SELECT count(*) FROM credits WHERE status = 'open'`).pluck().get()).toBe(20);
    expect(server.db.prepare(`SELECT count(*) FROM staff_users`).pluck().get()).toBe(1);
    // Keys are stored hashed, never in clear.
    const stored = JSON.stringify(server.db.prepare('SELECT * FROM api_keys').all());
    expect(stored).not.toContain(file.terminalKey);
  });

  it('a later start never reseeds', async () => {
    await server.close();
    const again = await startTestServer({ dataDir: server.dataDir });
    expect(again.demo.terminalKey).toBe(server.demo.terminalKey);
    expect(again.db.prepare('SELECT count(*) FROM comuni').pluck().get()).toBe(1);
    expect(again.db.prepare('SELECT count(*) FROM credits').pluck().get()).toBe(20);
    server = again;
  });
});

describe('fees', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('a zero fee is valid: the float pays the amount only and no fee revenue is posted', async () => {
    server.ctx.repos.tenants.setFees(server.demo.comuneId, 'agent', { citizenFee: 0, agentShare: 0 });
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[0]!);
    expect(credit).toMatchObject({ fee: 0, total: credit.amount });
    const payment = (await pay(server, credit)).body;
    expect(payment).toMatchObject({ fee: 0, total: credit.amount, floatDebited: credit.amount });
    const accounts = server.db.prepare(`SELECT kind, balance FROM ledger_accounts WHERE kind = 'fee_revenue'`).all();
    expect(accounts).toEqual([]);
    expectMoneyInvariants(server);
  });

  it('the agent keeps its own share: the float pays the amount plus the institution share only', async () => {
    server.ctx.repos.tenants.setFees(server.demo.comuneId, 'agent', { citizenFee: 200, agentShare: 120 });
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[1]!);
    const payment = (await pay(server, credit)).body;
    expect(payment).toMatchObject({ fee: 200, total: credit.amount + 200, floatDebited: credit.amount + 80 });
    expect(server.db.prepare(`SELECT balance FROM ledger_accounts WHERE kind = 'fee_revenue'`).pluck().get()).toBe(-80);
    expectMoneyInvariants(server);
  });
});
