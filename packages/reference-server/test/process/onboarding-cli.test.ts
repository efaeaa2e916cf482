import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Credit, Payment } from '@pay-box/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paybox, withEngine } from '../support/cli.js';
import { logIn } from '../support/staff-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const servicesFile = fileURLToPath(new URL('../fixtures/services-roccabianca.yaml', import.meta.url));
const json = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!);

/** docs/onboarding.md, as an operator types it: from an empty folder to a paid credit, never touching the demo. */
describe('onboarding from the command line', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paybox-onboarding-'));
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const state = {} as { comuneId: string; adminPassword: string; agentId: string; code: string };

  beforeAll(async () => {
    for (const [email, name] of [['ops1@istituto.example', 'Ops Uno'], ['ops2@istituto.example', 'Ops Due']]) {
      const created = await paybox(dataDir, 'platform-users', 'create', '--email', email!, '--name', name!);
      expect(created.code, created.stderr).toBe(0);
      expect(json(created.stdout)).toMatchObject({ email, role: 'platform', password: expect.stringMatching(/^[\w-]{20}$/) });
    }
  });

  it('creates the comune with its admin, after refusing a mistyped IBAN', async () => {
    const base = ['comuni', 'create', '--name', 'Comune di Roccabianca', '--fiscal-code', '00212330344', '--segregation-code', '07'];
    const mistyped = await paybox(dataDir, ...base, '--iban', 'IT79S0503401633000000012354');
    expect(mistyped.code).toBe(2);
    expect(mistyped.stderr).toContain('treasuryIban: not a valid IBAN');

    const created = await paybox(dataDir, ...base, '--iban', 'IT79 S050 3401 6330 0000 0012 345', '--origin', 'https://www.comune.roccabianca.example', '--support-email', 'tributi@comune.roccabianca.example', '--admin-email', 'admin@comune.roccabianca.example', '--as', 'ops1@istituto.example');
    expect(created.code, created.stderr).toBe(0);
    const result = json(created.stdout);
    expect(result.comune).toMatchObject({ name: 'Comune di Roccabianca', treasuryBank: 'Banco BPM', supportContacts: { email: 'tributi@comune.roccabianca.example' } });
    state.comuneId = result.comune.id;
    state.adminPassword = result.adminPassword;
  });

  it('imports the services and fees, shows them, and onboards a shop with a float', async () => {
    const imported = await paybox(dataDir, 'services', 'import', state.comuneId, servicesFile);
    expect(imported.code, imported.stderr).toBe(0);
    expect(json(imported.stdout).fees).toEqual([{ channel: 'agent', status: 'set' }, { channel: 'web', status: 'set' }]);

    const agent = await paybox(dataDir, 'agents', 'create', state.comuneId, '--name', 'Bar Centrale di Rossi Anna', '--tax-code', '01234567897', '--address', 'Piazza Garibaldi 3, Roccabianca', '--opening-hours', '[{"day":1,"opens":"07:00","closes":"20:00"}]');
    expect(agent.code, agent.stderr).toBe(0);
    state.agentId = json(agent.stdout).id;
    const topUp = await paybox(dataDir, 'agents', 'top-up', state.agentId, '--amount', '50000', '--reference', 'TRN 0306909606100000063111', '--as', 'ops1@istituto.example');
    expect(topUp.code, topUp.stderr).toBe(0);
    expect(json(topUp.stdout)).toMatchObject({ balance: 50_000, movements: [{ kind: 'top_up', amount: 50_000 }] });

    const shown = json((await paybox(dataDir, 'comuni', 'show', state.comuneId)).stdout);
    expect(shown).toMatchObject({ agents: 1, services: [{ code: 'MERCATO' }, { code: 'TARI' }] });
  });

  it('changes the shop fee only with a second platform user, named with --as', async () => {
    const asked = await paybox(dataDir, 'fees', 'set', state.comuneId, '--channel', 'agent', '--citizen-fee', '200', '--agent-share', '120', '--effective-at', new Date().toISOString(), '--reason', 'Convenzione 2027', '--as', 'ops1@istituto.example');
    expect(asked.code, asked.stderr).toBe(0);
    const change = json(asked.stdout);
    expect(change).toMatchObject({ status: 'pending_approval', requestedBy: 'ops1@istituto.example' });

    const self = await paybox(dataDir, 'changes', 'approve', change.id, '--as', 'ops1@istituto.example');
    expect(self.code).toBe(1);
    expect(self.stderr).toContain('second_approver_required');
    expect(await withEngine(dataDir, async (engine) => (await engine.platform.comuni.get(state.comuneId)).fees)).toContainEqual({ channel: 'agent', citizenFee: 150, agentShare: 100 });

    const approved = await paybox(dataDir, 'changes', 'approve', change.id, '--as', 'ops2@istituto.example');
    expect(json(approved.stdout)).toMatchObject({ status: 'applied', approvedBy: 'ops2@istituto.example' });
  });

  it('pairs a terminal by code; the comune’s admin creates a credit; the terminal pays it; a suspension stops the terminal at once', async () => {
    const pairing = await paybox(dataDir, 'terminals', 'pair', state.agentId, '--label', 'Cassa 1');
    expect(pairing.code, pairing.stderr).toBe(0);
    const { code } = json(pairing.stdout);

    server = await startTestServer({ dataDir, config: { seedDemo: false } });
    const paired = await server.api('/v1/terminals/pair', { key: null, body: { code } });
    expect(paired.status, paired.text).toBe(201);
    const terminalKey: string = paired.body.secretKey;

    const admin = await logIn(server, { email: 'admin@comune.roccabianca.example', password: state.adminPassword });
    const credit = await admin.api('/v1/admin/credits', { body: { serviceCode: 'TARI', debtor: { taxCode: 'RSSMRA85T10H501O', name: 'Mario Rossi' }, description: 'TARI 2026', amount: 9_900 } });
    expect(credit.status, credit.text).toBe(201);
    const [found] = (await server.api<{ data: Credit[] }>('/v1/credits/lookup', { key: terminalKey, body: { noticeNumber: credit.body.noticeNumber } })).body.data;
    const paid = await server.api<Payment>('/v1/payments', { key: terminalKey, body: { creditId: found!.id, amount: 9_900 }, idempotencyKey: 'cli-onboarding' });
    expect(paid.status, paid.text).toBe(201);
    expect(paid.body.fee, 'the approved fee').toBe(200);

    const suspended = await paybox(dataDir, 'agents', 'suspend', state.agentId, '--reason', 'Verifica antiriciclaggio');
    expect(suspended.code, suspended.stderr).toBe(0);
    const refused = await server.api('/v1/agent/balance', { key: terminalKey });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('agent_suspended');
  });
});
