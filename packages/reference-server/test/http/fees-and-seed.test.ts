import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidCompanyTaxCode, isValidIban, parseNoticeNumber } from '@pay-box/contract';
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

    const [comune] = server.query<{ fiscal_code: string; treasury_iban: string }>('SELECT * FROM comuni WHERE id = ?', file.comuneId);
    expect(isValidCompanyTaxCode(comune!.fiscal_code)).toBe(true);
    expect(isValidIban(comune!.treasury_iban)).toBe(true);
    const codes = server.query<{ code: string }>('SELECT code FROM services WHERE comune_id = ?', file.comuneId).map((service) => service.code);
    expect(codes).toEqual(expect.arrayContaining(['TARI', 'MENSA', 'MULTA', 'MERCATO']));
    for (const agentId of [file.agentId, file.otherAgentId]) expect(await server.engine.agents.floatBalance(agentId)).toBe(500_000);
    expect(server.query(`SELECT id FROM credits WHERE status = 'open'`)).toHaveLength(20);
    expect(server.query(`SELECT id FROM staff_users`)).toHaveLength(1);
    // Keys are stored hashed, never in clear.
    const stored = JSON.stringify(await server.store.diagnostics.snapshot());
    expect(stored).not.toContain(file.terminalKey);
  });

  it('a later start never reseeds', async () => {
    await server.close();
    const again = await startTestServer({ dataDir: server.dataDir });
    expect(again.demo.terminalKey).toBe(server.demo.terminalKey);
    expect(await again.tableCounts()).toMatchObject({ comuni: 1, credits: 20 });
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
    await server.store.transaction((tx) => tx.fees.set(server.demo.comuneId, 'agent', { citizenFee: 0, agentShare: 0 }));
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[0]!);
    expect(credit).toMatchObject({ fee: 0, total: credit.amount });
    const payment = (await pay(server, credit)).body;
    expect(payment).toMatchObject({ fee: 0, total: credit.amount, floatDebited: credit.amount });
    expect(server.query(`SELECT kind, balance FROM ledger_accounts WHERE kind = 'fee_revenue'`)).toEqual([]);
    await expectMoneyInvariants(server);
  });

  it('the agent keeps its own share: the float pays the amount plus the institution share only', async () => {
    await server.store.transaction((tx) => tx.fees.set(server.demo.comuneId, 'agent', { citizenFee: 200, agentShare: 120 }));
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[1]!);
    const payment = (await pay(server, credit)).body;
    expect(payment).toMatchObject({ fee: 200, total: credit.amount + 200, floatDebited: credit.amount + 80 });
    expect(server.query(`SELECT balance FROM ledger_accounts WHERE kind = 'fee_revenue'`)).toEqual([{ balance: -80 }]);
    await expectMoneyInvariants(server);
  });
});
