import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidCompanyTaxCode, isValidIban, parseNoticeNumber } from '@pay-box/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A day in Rome, `offset` days from today. */
const romeDay = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(Date.now() + offset * 86_400_000);

import { DEMO_HISTORY_PAYMENTS } from '@pay-box/engine/demo';
import { lookupNotice, pay } from '../support/demo-flow.js';
import { expectMoneyInvariants } from '../support/invariants.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('the demo seed', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('seeds a valid comune, its catalogue, two shops with EUR 5,000.00 each, 20 open credits, a payment of the day before, and writes the credentials file', async () => {
    const file = JSON.parse(readFileSync(join(server.dataDir, 'demo-credentials.json'), 'utf8'));
    expect(Object.keys(file).sort()).toEqual(
      ['agentId', 'comuneId', 'otherAgentId', 'otherTerminalKey', 'publishableKey', 'sampleNoticeNumbers', 'staff', 'terminalKey'].sort(),
    );
    expect(file.staff).toMatchObject({ email: expect.stringContaining('@'), password: expect.any(String) });
    expect(file.sampleNoticeNumbers.length).toBeGreaterThanOrEqual(5);
    for (const notice of file.sampleNoticeNumbers) expect(parseNoticeNumber(notice).ok).toBe(true);

    const [comune] = await server.query<{ fiscal_code: string; treasury_iban: string }>('SELECT * FROM comuni WHERE id = ?', file.comuneId);
    expect(isValidCompanyTaxCode(comune!.fiscal_code)).toBe(true);
    expect(isValidIban(comune!.treasury_iban)).toBe(true);
    const codes = (await server.query<{ code: string }>('SELECT code FROM services WHERE comune_id = ?', file.comuneId)).map((service) => service.code);
    expect(codes).toEqual(expect.arrayContaining(['TARI', 'MENSA', 'MULTA', 'MERCATO']));
    for (const agentId of [file.agentId, file.otherAgentId]) expect(await server.engine.agents.floatBalance(agentId)).toBe(500_000);
    expect(await server.query(`SELECT id FROM credits WHERE status = 'open'`)).toHaveLength(20);
    expect(await server.query(`SELECT id FROM staff_users`)).toHaveLength(1);
    // The first shop's payment of the day before, settled at the sandbox bank, is there to read and verify.
    const verified = await server.api('/v1/receipts/verify/VA1D-M0NT-E001', { key: null });
    expect(verified.body).toMatchObject({ valid: true, receipt: { comune: 'Comune di Valdimonte', bankReference: expect.stringMatching(/^PBXSBX/) } });
    const report = await server.api(`/v1/agent/report?date=${romeDay(-1)}`);
    expect(report.body.payments).toMatchObject({ count: 1, amount: 6_480 });
    await expectMoneyInvariants(server);
    // Keys are stored hashed, never in clear.
    const stored = JSON.stringify(await server.store.diagnostics.snapshot());
    expect(stored).not.toContain(file.terminalKey);
  });

  it('a later start never reseeds', async () => {
    await server.close();
    const again = await startTestServer({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    expect(again.demo.terminalKey).toBe(server.demo.terminalKey);
    // 20 open credits, the month of past payments and the one the demo shop collected the day before.
    expect(await again.tableCounts()).toMatchObject({ comuni: 1, credits: 21 + DEMO_HISTORY_PAYMENTS, payments: 1 + DEMO_HISTORY_PAYMENTS });
    server = again;
  });
});

describe('fees', () => {
  let server: TestServer;
  /** The institution's fee revenue: a credit balance, so negative. */
  const feeRevenue = async () => (await server.query<{ balance: number }>(`SELECT balance FROM ledger_balances WHERE kind = 'fee_revenue'`))[0]?.balance ?? 0;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('a zero fee is valid: the float pays the amount only and no fee revenue is posted', async () => {
    await server.store.transaction((tx) => tx.fees.set(server.demo.comuneId, 'agent', { citizenFee: 0, agentShare: 0 }));
    const feesBefore = await feeRevenue();
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[0]!);
    expect(credit).toMatchObject({ fee: 0, total: credit.amount });
    const payment = (await pay(server, credit)).body;
    expect(payment).toMatchObject({ fee: 0, total: credit.amount, floatDebited: credit.amount });
    expect(await feeRevenue()).toBe(feesBefore);
    await expectMoneyInvariants(server);
  });

  it('the agent keeps its own share: the float pays the amount plus the institution share only', async () => {
    await server.store.transaction((tx) => tx.fees.set(server.demo.comuneId, 'agent', { citizenFee: 200, agentShare: 120 }));
    const feesBefore = await feeRevenue();
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[1]!);
    const payment = (await pay(server, credit)).body;
    expect(payment).toMatchObject({ fee: 200, total: credit.amount + 200, floatDebited: credit.amount + 80 });
    expect(await feeRevenue()).toBe(feesBefore - 80);
    await expectMoneyInvariants(server);
  });

  it('a fee changed by another process (the command line, a console) applies from the next request', async () => {
    const notice = server.demo.sampleNoticeNumbers[2]!;
    const before = await lookupNotice(server, notice);
    await server.query(`UPDATE fee_schedules SET citizen_fee = ?, agent_share = ? WHERE comune_id = ? AND channel = 'agent'`, before.fee + 25, 100, server.demo.comuneId);
    const after = await lookupNotice(server, notice);
    expect(after).toMatchObject({ fee: before.fee + 25, total: before.amount + before.fee + 25 });
  });
});
