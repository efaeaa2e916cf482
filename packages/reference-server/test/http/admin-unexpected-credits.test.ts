import type { Payment, UnexpectedCreditEntry } from '@pay-box/contract';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshKey } from '../support/demo-flow.js';
import { expectApiError } from '../support/expect-api-error.js';
import { marketStallRequest } from '../support/operation-samples.js';
import { addComuneWithAdmin } from '../support/second-comune.js';
import { logIn, staffWithRole, type StaffClient } from '../support/staff-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

type Page = { data: UnexpectedCreditEntry[]; nextCursor: string | null };

describe('unexpected credits to register in the comune’s books', () => {
  let server: TestServer;
  let admin: StaffClient;
  let operator: StaffClient;
  let viewer: StaffClient;
  /** A market fee a shop's terminal collects: the credit is opened and closed by the payment. */
  const marketFee = async (stallNumber: string) => {
    const response = await server.api<{ payment: Payment }>('/v1/unexpected-credits', { body: { ...marketStallRequest, fields: { ...marketStallRequest.fields, stallNumber } }, idempotencyKey: freshKey('market') });
    expect(response.status, response.text).toBe(201);
    return response.body.payment;
  };
  const queue = async (registered: boolean) => (await viewer.api<Page>(`/v1/admin/unexpected-credits?registered=${registered}&limit=500`)).body.data;
  const register = (items: Array<{ creditId: string; accertamentoNumber: string; budgetChapter: string }>) => operator.api<{ registered: number }>('/v1/admin/unexpected-credits/registrations', { body: { items } });

  beforeAll(async () => {
    server = await startTestServer();
    admin = await logIn(server);
    operator = await staffWithRole(server, admin, 'operator');
    viewer = await staffWithRole(server, admin, 'viewer');
  });
  afterAll(() => server.dispose());

  it('queues a market fee paid at a shop with all its fields; registered, it leaves the queue and appears in the export', async () => {
    const payment = await marketFee('B7');
    const waiting = (await queue(false)).find((entry) => entry.payment.id === payment.id);
    expect(waiting).toMatchObject({
      credit: { unexpected: true, status: 'paid', amount: 1500, service: { code: 'MERCATO' }, debtor: { taxCode: marketStallRequest.debtor.taxCode, name: 'Mario Rossi' }, fields: { ...marketStallRequest.fields, stallNumber: 'B7' } },
      payment: { id: payment.id, channel: 'agent', agentName: expect.any(String) },
      registration: null,
    });
    const creditId = waiting!.credit.id;

    expectApiError(await viewer.api('/v1/admin/unexpected-credits/registrations', { body: { items: [{ creditId, accertamentoNumber: '2026/77', budgetChapter: '3050' }] } }), {
      code: 'role_forbidden',
      operation: 'registerUnexpectedCredits',
    });
    expect((await register([{ creditId, accertamentoNumber: '2026/77', budgetChapter: '3050' }])).body).toEqual({ registered: 1 });
    expect((await queue(false)).some((entry) => entry.credit.id === creditId)).toBe(false);
    expect((await queue(true)).find((entry) => entry.credit.id === creditId)?.registration).toEqual({
      accertamentoNumber: '2026/77',
      budgetChapter: '3050',
      registeredAt: expect.any(String),
      registeredBy: operator.session.user.email,
    });

    const exported = await viewer.api('/v1/admin/unexpected-credits/export?registered=true');
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = Papa.parse<Record<string, string>>(exported.text.trim(), { header: true, delimiter: ';' });
    const docs = readFileSync(new URL('../../../../docs/cruscotto.md', import.meta.url), 'utf8');
    expect(docs, 'the documented layout is the one written').toContain(exported.text.split('\r\n')[0]);
    expect(rows.meta.fields).toEqual(expect.arrayContaining(['data_pagamento', 'importo', 'servizio', 'codice_fiscale', 'nominativo', 'numero_accertamento', 'capitolo_bilancio', 'campo_stallNumber', 'campo_squareMeters']));
    expect(rows.data.find((row) => row.id_credito === creditId)).toMatchObject({
      id_pagamento: payment.id,
      data_pagamento: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      importo: '15,00',
      servizio: 'MERCATO',
      codice_fiscale: marketStallRequest.debtor.taxCode,
      nominativo: 'Mario Rossi',
      numero_accertamento: '2026/77',
      capitolo_bilancio: '3050',
      campo_stallNumber: 'B7',
      campo_squareMeters: '10',
      campo_market: 'GIOVEDI-CENTRO',
    });

    const log = await admin.api('/v1/admin/audit-log?limit=50');
    expect(log.body.data).toContainEqual(expect.objectContaining({ action: 'unexpected_credit.register', subjectId: creditId, details: expect.objectContaining({ accertamentoNumber: '2026/77', budgetChapter: '3050' }) }));
  });

  it('registers in bulk, all or none; the same registration again changes nothing, another is refused', async () => {
    const [first, second] = [await marketFee('C1'), await marketFee('C2')];
    const ids = (await queue(false)).filter((entry) => [first.id, second.id].includes(entry.payment.id)).map((entry) => entry.credit.id);
    expect(ids).toHaveLength(2);

    const before = await server.tableCounts();
    const withUnknown = await register([
      { creditId: ids[0]!, accertamentoNumber: '2026/80', budgetChapter: '3050' },
      { creditId: 'crd_0000000000000000', accertamentoNumber: '2026/81', budgetChapter: '3050' },
    ]);
    expectApiError(withUnknown, { code: 'credit_not_found', operation: 'registerUnexpectedCredits' });
    expect(await server.tableCounts(), 'all or none').toEqual(before);

    const bulk = ids.map((creditId, n) => ({ creditId, accertamentoNumber: `2026/8${n}`, budgetChapter: '3050' }));
    expect((await register(bulk)).body).toEqual({ registered: 2 });
    const afterBulk = await server.tableCounts();
    expect((await register(bulk)).body, 'sent again: nothing new').toEqual({ registered: 0 });
    expect(await server.tableCounts()).toEqual(afterBulk);
    expectApiError(await register([{ ...bulk[0]!, accertamentoNumber: '2026/99' }]), { code: 'unexpected_credit_already_registered', operation: 'registerUnexpectedCredits' });

    const demoCredit = (await viewer.api<{ data: Array<{ id: string; unexpected: boolean }> }>('/v1/admin/credits?status=open&limit=1')).body.data[0]!;
    expectApiError(await register([{ creditId: demoCredit.id, accertamentoNumber: '2026/1', budgetChapter: '1' }]), { code: 'credit_not_found', operation: 'registerUnexpectedCredits' });
  });

  it('pages the queue with a cursor, newest payment first', async () => {
    for (const stall of ['D1', 'D2', 'D3']) await marketFee(stall);
    const seen: UnexpectedCreditEntry[] = [];
    for (let cursor: string | null = null, pages = 0; pages === 0 || cursor !== null; pages++) {
      const page: Page = (await viewer.api<Page>(`/v1/admin/unexpected-credits?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body;
      seen.push(...page.data);
      cursor = page.nextCursor;
    }
    expect(new Set(seen.map((entry) => entry.credit.id)).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(6);
    const paidAt = seen.map((entry) => entry.payment.createdAt);
    expect(paidAt).toEqual([...paidAt].sort().reverse());
  });

  it('another comune’s staff sees none of them and gets 404 registering one', async () => {
    const creditId = (await queue(false))[0]!.credit.id;
    const stranger = await logIn(server, await addComuneWithAdmin(server));
    expect((await stranger.api<Page>('/v1/admin/unexpected-credits')).body.data).toEqual([]);
    expect((await stranger.api('/v1/admin/unexpected-credits/export')).text).not.toContain(creditId);
    expectApiError(await stranger.api('/v1/admin/unexpected-credits/registrations', { body: { items: [{ creditId, accertamentoNumber: 'X', budgetChapter: 'Y' }] } }), {
      code: 'credit_not_found',
      operation: 'registerUnexpectedCredits',
    });
    expect((await queue(false)).some((entry) => entry.credit.id === creditId)).toBe(true);
  });
});
