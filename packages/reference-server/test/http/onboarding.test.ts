import { readFileSync } from 'node:fs';
import { makeNoticeNumber, type Credit, type Payment } from '@pay-box/contract';
import { PAIRING_CODE_TTL_MS, type Clock } from '@pay-box/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../support/expect-api-error.js';
import { logIn, type StaffClient } from '../support/staff-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const servicesFile = readFileSync(new URL('../fixtures/services-roccabianca.yaml', import.meta.url), 'utf8');

/** Valid IBANs whose ABI codes name known banks: Banco BPM (05034) and Intesa Sanpaolo (03069). */
const firstIban = 'IT79S0503401633000000012345';
const secondIban = 'IT34K0306909606100000063111';

const comuneRequest = {
  name: 'Comune di Roccabianca',
  fiscalCode: '00212330344',
  treasuryIban: 'it79 s050 3401 6330 0000 0012 345',
  segregationCode: '07',
  allowedOrigins: ['https://www.comune.roccabianca.example/pagamenti'],
  supportContacts: { email: 'tributi@comune.roccabianca.example', phone: '+39 0521 000000' },
  admin: { email: 'admin@comune.roccabianca.example', name: 'Ufficio tributi', password: 'roccabianca first password' },
};

const movableClock = () => {
  let offsetMs = 0;
  return { now: () => new Date(Date.now() + offsetMs), advance: (ms: number) => void (offsetMs += ms) } satisfies Clock & { advance(ms: number): void };
};

/**
 * From an empty database to a comune's first payment at a shop, through the platform API alone:
 * no demo, two platform users, the comune's own admin, a shop, a terminal paired by code.
 */
describe('onboarding a comune without the demo', () => {
  const clock = movableClock();
  let server: TestServer;
  let alice: StaffClient;
  let bruno: StaffClient;
  let comuneId: string;
  let agentId: string;
  let terminalKey: string;

  beforeAll(async () => {
    server = await startTestServer({ clock, config: { seedDemo: false } });
    // The first platform users come from the command line (`paybox platform-users create`): the same use case.
    const cli = { userId: null, email: 'cli:root' };
    for (const [email, name] of [['alice@istituto.example', 'Alice'], ['bruno@istituto.example', 'Bruno']] as const) {
      await server.engine.platform.users.create(cli, { email, name, password: `${name} platform password` });
    }
    alice = await logIn(server, { email: 'alice@istituto.example', password: 'Alice platform password' });
    bruno = await logIn(server, { email: 'bruno@istituto.example', password: 'Bruno platform password' });
  });
  afterAll(() => server.dispose());

  it('starts empty', async () => {
    expect(await server.engine.books.isEmpty()).toBe(true);
    expect((await alice.api('/v1/platform/comuni')).body).toEqual({ data: [] });
  });

  it('refuses a wrong IBAN, fiscal code or segregation code with the field and the reason, and writes nothing', async () => {
    const before = await server.tableCounts();
    for (const [field, value] of [
      ['treasuryIban', 'IT41S0503401633000000012345'],
      ['treasuryIban', 'DE89370400440532013000'],
      ['fiscalCode', '00212330348'],
      ['segregationCode', '7'],
    ] as const) {
      const response = await alice.api('/v1/platform/comuni', { body: { ...comuneRequest, [field]: value } });
      expectApiError(response, { code: 'validation_failed', operation: 'createComune', field });
    }
    expect(await server.tableCounts()).toEqual(before);
  });

  it('onboards the comune, names the bank of its IBAN, and gives its publishable key once', async () => {
    const response = await alice.api('/v1/platform/comuni', { body: comuneRequest });
    expect(response.status, response.text).toBe(201);
    comuneId = response.body.comune.id;
    expect(response.body.comune).toMatchObject({ treasuryIban: firstIban, treasuryBank: 'Banco BPM', segregationCode: '07', supportContacts: comuneRequest.supportContacts });
    expect(response.body.publishableKey).toMatch(/^pk_/);
    expectApiError(await alice.api('/v1/platform/comuni', { body: { ...comuneRequest, admin: undefined } }), { code: 'comune_exists', operation: 'createComune' });
  });

  it('imports nothing from a services file with one bad definition, and says which line', async () => {
    const broken = servicesFile.replace('unitField: squareMeters', 'unitField: squareMetres');
    const response = await alice.api(`/v1/platform/comuni/${comuneId}/services`, { rawBody: broken, headers: { 'content-type': 'application/yaml' } });
    expectApiError(response, { code: 'services_file_invalid', operation: 'importServices' });
    const line = broken.split('\n').findIndex((text) => text.includes('amountRule:')) + 1;
    expect(response.body.error.details).toContainEqual({ path: 'services.1.amountRule', line, message: expect.stringContaining('squareMetres') });
    expect((await alice.api(`/v1/platform/comuni/${comuneId}`)).body.services).toEqual([]);

    const imported = await alice.api(`/v1/platform/comuni/${comuneId}/services`, { rawBody: servicesFile, headers: { 'content-type': 'application/yaml' } });
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body.services).toEqual([{ code: 'TARI', status: 'created' }, { code: 'MERCATO', status: 'created' }]);
    const again = await alice.api(`/v1/platform/comuni/${comuneId}/services`, { rawBody: servicesFile, headers: { 'content-type': 'application/yaml' } });
    expect(again.body.services.every((service: { status: string }) => service.status === 'unchanged')).toBe(true);
  });

  it('onboards a shop and pairs its terminal with a one-time code', async () => {
    const shop = await alice.api(`/v1/platform/comuni/${comuneId}/agents`, {
      body: { name: 'Bar Centrale di Rossi Anna', taxCode: '01234567897', address: 'Piazza Garibaldi 3, Roccabianca', openingHours: [{ day: 1, opens: '07:00', closes: '20:00' }] },
    });
    expect(shop.status, shop.text).toBe(201);
    agentId = shop.body.id;
    const topUp = await alice.api(`/v1/platform/agents/${agentId}/top-ups`, { body: { amount: 50_000, reference: 'TRN 0306909606100000063111' } });
    expect(topUp.status, topUp.text).toBe(201);
    expect(topUp.body).toMatchObject({ balance: 50_000, movements: [{ kind: 'top_up', amount: 50_000, referenceId: agentId }] });

    const code = await alice.api(`/v1/platform/agents/${agentId}/pairing-codes`, { body: { label: 'Cassa 1' } });
    expect(code.status, code.text).toBe(201);
    expect(code.body.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const typed = code.body.code.toLowerCase().replaceAll('-', ' ');
    const paired = await server.api('/v1/terminals/pair', { key: null, body: { code: typed } });
    expect(paired.status, paired.text).toBe(201);
    expect(paired.body).toMatchObject({ agentId, comuneId, label: 'Cassa 1', secretKey: expect.stringMatching(/^sk_/) });
    terminalKey = paired.body.secretKey;
    expectApiError(await server.api('/v1/terminals/pair', { key: null, body: { code: code.body.code } }), { code: 'pairing_code_invalid', operation: 'pairTerminal' });
    expect((await server.api('/v1/agent/balance', { key: terminalKey })).body).toMatchObject({ agentId, balance: 50_000 });
  });

  it('refuses an expired or guessed pairing code, and limits the attempts', async () => {
    const code = (await alice.api(`/v1/platform/agents/${agentId}/pairing-codes`, { body: { label: 'Cassa 2' } })).body.code;
    clock.advance(PAIRING_CODE_TTL_MS + 1_000);
    expectApiError(await server.api('/v1/terminals/pair', { key: null, body: { code } }), { code: 'pairing_code_invalid' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) statuses.push((await server.api('/v1/terminals/pair', { key: null, body: { code: `ABCD-EFGH-${String(attempt).padStart(4, '0')}` } })).status);
    expect(statuses.filter((status) => status === 400).length).toBeLessThanOrEqual(9);
    expect(statuses.at(-1)).toBe(429);
  });

  it('lets the comune’s admin create a credit that the paired terminal looks up and pays, to the treasury IBAN', async () => {
    const admin = await logIn(server, comuneRequest.admin);
    const created = await admin.api('/v1/admin/credits', {
      body: { serviceCode: 'TARI', debtor: { taxCode: 'RSSMRA85T10H501O', name: 'Mario Rossi' }, description: 'TARI 2026, rata unica', amount: 18_700, dueDate: '2026-12-31' },
    });
    expect(created.status, created.text).toBe(201);
    const noticeNumber: string = created.body.noticeNumber;
    expect(noticeNumber.slice(0, 3)).toBe('307');
    expect(noticeNumber).toBe(makeNoticeNumber('07', noticeNumber.slice(3, 16)));

    const found = await server.api<{ data: Credit[] }>('/v1/credits/lookup', { key: terminalKey, body: { noticeNumber } });
    expect(found.status, found.text).toBe(200);
    const [credit] = found.body.data;
    const paid = await server.api<Payment>('/v1/payments', { key: terminalKey, body: { creditId: credit!.id, amount: credit!.amount }, idempotencyKey: 'first-payment' });
    expect(paid.status, paid.text).toBe(201);
    expect(paid.body.fee).toBe(150);
    const [transfer] = await server.query<{ creditor_iban: string }>('SELECT creditor_iban FROM transfers WHERE payment_id = ?', paid.body.id);
    expect(transfer!.creditor_iban).toBe(firstIban);
    // The citizen's receipt says how to reach the comune about it.
    expect((await server.api(`/v1/receipts/${paid.body.receipt.id}`, { key: terminalKey })).body.comune.contacts).toEqual(comuneRequest.supportContacts);
    const printed = await server.api(`/v1/receipts/${paid.body.receipt.id}?format=text80`, { key: terminalKey });
    expect(printed.text).toContain('tributi@comune.roccabianca.example');
    expect(printed.text).toContain('+39 0521 000000');
  });

  it('keeps a second comune’s admin away from the first comune’s credits', async () => {
    const second = await alice.api('/v1/platform/comuni', {
      body: { ...comuneRequest, name: 'Comune di Altavalle', fiscalCode: '01234567897', segregationCode: '08', admin: { email: 'admin@comune.altavalle.example', name: 'Tributi Altavalle', password: 'altavalle first password' } },
    });
    expect(second.status, second.text).toBe(201);
    const first = await logIn(server, comuneRequest.admin);
    const [credit] = (await first.api('/v1/admin/credits')).body.data;
    const other = await logIn(server, { email: 'admin@comune.altavalle.example', password: 'altavalle first password' });
    expect((await other.api('/v1/admin/credits')).body.data).toEqual([]);
    expectApiError(await other.api(`/v1/admin/credits/${credit.id}`), { code: 'credit_not_found', operation: 'getAdminCredit' });
    expectApiError(await other.api(`/v1/admin/credits/${credit.id}/cancel`, { body: { reason: 'not mine to cancel' } }), { code: 'credit_not_found' });
    expect((await first.api(`/v1/admin/credits/${credit.id}`)).body.status).toBe('paid');
  });

  it('keeps the comune’s admin out of the platform API', async () => {
    const admin = await logIn(server, comuneRequest.admin);
    expectApiError(await admin.api('/v1/platform/comuni'), { code: 'role_forbidden', operation: 'listComuni' });
    expectApiError(await admin.api(`/v1/platform/comuni/${comuneId}/setting-changes`, { body: { change: { kind: 'treasury_iban', treasuryIban: secondIban }, effectiveAt: new Date().toISOString(), reason: 'my own bank' } }), {
      code: 'role_forbidden',
      operation: 'requestSettingChange',
    });
  });

  it('changes the treasury IBAN only after a second platform user approves, and never for a payment already made', async () => {
    const asked = await alice.api(`/v1/platform/comuni/${comuneId}/setting-changes`, {
      body: { change: { kind: 'treasury_iban', treasuryIban: secondIban }, effectiveAt: clock.now().toISOString(), reason: 'New treasurer from today (determina 12/2026)' },
    });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending_approval', requestedBy: 'alice@istituto.example' });
    await server.engine.platform.settingChanges.applyDue();
    expect((await alice.api(`/v1/platform/comuni/${comuneId}`)).body.treasuryIban, 'not applied without approval').toBe(firstIban);
    expectApiError(await alice.api(`/v1/platform/setting-changes/${asked.body.id}/approve`, { method: 'POST' }), { code: 'second_approver_required', operation: 'approveSettingChange' });

    const approved = await bruno.api(`/v1/platform/setting-changes/${asked.body.id}/approve`, { method: 'POST' });
    expect(approved.body).toMatchObject({ status: 'applied', approvedBy: 'bruno@istituto.example' });
    expect((await alice.api(`/v1/platform/comuni/${comuneId}`)).body).toMatchObject({ treasuryIban: secondIban, treasuryBank: 'Intesa Sanpaolo' });
    const [first] = await server.query<{ creditor_iban: string }>('SELECT creditor_iban FROM transfers');
    expect(first!.creditor_iban, 'the payment made before keeps its IBAN').toBe(firstIban);

    const log = await server.query<{ action: string; actor_email: string }>("SELECT action, actor_email FROM staff_actions WHERE action LIKE 'settings.%' ORDER BY seq");
    expect(log).toEqual([
      { action: 'settings.request', actor_email: 'alice@istituto.example' },
      { action: 'settings.approve', actor_email: 'bruno@istituto.example' },
      { action: 'settings.apply', actor_email: 'pay-box (scheduled)' },
    ]);
  });

  it('applies an approved change at its stated time, not before', async () => {
    const later = new Date(clock.now().getTime() + 60 * 60_000).toISOString();
    const asked = await alice.api(`/v1/platform/comuni/${comuneId}/setting-changes`, {
      body: { change: { kind: 'fees', channel: 'agent', citizenFee: 200, agentShare: 120 }, effectiveAt: later, reason: 'New fee agreement from the next hour' },
    });
    expect((await bruno.api(`/v1/platform/setting-changes/${asked.body.id}/approve`, { method: 'POST' })).body.status).toBe('approved');
    expect(await server.engine.platform.settingChanges.applyDue()).toBe(0);
    clock.advance(60 * 60_000);
    expect(await server.engine.platform.settingChanges.applyDue()).toBe(1);
    // An hour later every session has gone idle: log in again.
    alice = await logIn(server, { email: 'alice@istituto.example', password: 'Alice platform password' });
    expect((await alice.api(`/v1/platform/comuni/${comuneId}`)).body.fees).toContainEqual({ channel: 'agent', citizenFee: 200, agentShare: 120 });
  });

  it('stops a suspended shop’s terminal at once with 403, keeps its history, and lets it work again when reactivated', async () => {
    expect((await alice.api(`/v1/platform/agents/${agentId}/suspend`, { body: { reason: 'Float not topped up' } })).body).toMatchObject({ suspended: true, floatBalance: expect.any(Number) });
    expectApiError(await server.api('/v1/agent/balance', { key: terminalKey }), { code: 'agent_suspended', operation: 'getAgentBalance' });
    expectApiError(await server.api('/v1/credits/lookup', { key: terminalKey, body: { debtorTaxCode: 'RSSMRA85T10H501O', serviceCode: 'TARI' } }), { code: 'agent_suspended' });
    expectApiError(await alice.api(`/v1/platform/agents/${agentId}/pairing-codes`, { body: {} }), { code: 'agent_suspended', operation: 'createPairingCode' });
    expect((await server.query('SELECT id FROM payments')).length, 'its payments stay').toBe(1);
    const float = (await alice.api(`/v1/platform/agents/${agentId}/float`)).body;
    expect(float.movements.map((movement: { kind: string }) => movement.kind)).toEqual(['payment', 'top_up']);
    expect(float.balance).toBe(50_000 + float.movements[0].amount);
    await alice.api(`/v1/platform/agents/${agentId}/reactivate`, { method: 'POST' });
    expect((await server.api('/v1/agent/balance', { key: terminalKey })).status).toBe(200);
  });

  it('revokes a terminal at once', async () => {
    const [terminal] = (await alice.api(`/v1/platform/agents/${agentId}/terminals`)).body.data;
    expect(terminal).toMatchObject({ label: 'Cassa 1', revoked: false });
    expect((await alice.api(`/v1/platform/terminals/${terminal.id}/revoke`, { method: 'POST' })).status).toBe(204);
    expectApiError(await server.api('/v1/agent/balance', { key: terminalKey }), { code: 'unauthorized' });
  });
});
