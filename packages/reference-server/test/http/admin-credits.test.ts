import { parseNoticeNumber, type AdminCredit, type CreditImportReport } from '@pay-box/contract';
import { demoComune } from '@pay-box/engine/demo';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupNotice, pay } from '../support/demo-flow.js';
import { expectApiError } from '../support/expect-api-error.js';
import { postWithoutFinishing } from '../support/partial-upload.js';
import { addComuneWithAdmin } from '../support/second-comune.js';
import { logIn, staffWithRole, type StaffClient } from '../support/staff-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const comuneSite = 'http://localhost:8787';
const header = 'servizio;codice_fiscale;nominativo;descrizione;descrizione_pubblica;importo;scadenza;codice_avviso';

/** A school-meal row of the import layout: `n` makes each one a different credit. */
const mealRow = (n: number, amount = '62,40') => `MENSA;RSSMRA85T10H501O;Mario Rossi;Mensa gennaio 2027 - figlio ${n};Mensa scolastica gennaio 2027;${amount};31/01/2027;`;
const csvOf = (...rows: string[]) => `${[header, ...rows].join('\n')}\n`;

describe('credits in the gestionale standard', () => {
  let server: TestServer;
  let admin: StaffClient;
  let operator: StaffClient;
  let viewer: StaffClient;
  const importCsv = (csv: string, mode: 'all_or_nothing' | 'valid_rows') =>
    operator.api<CreditImportReport>(`/v1/admin/credit-imports?mode=${mode}`, { rawBody: csv, headers: { 'content-type': 'text/csv' } });
  const newCredit = async (change: Partial<{ amount: number; dueDate: string }> = {}) => {
    const created = await operator.api<AdminCredit>('/v1/admin/credits', {
      body: { serviceCode: 'MENSA', debtor: { taxCode: 'vrd lcu 78l21 f839t', name: 'Sara Bianchi' }, description: 'Mensa gennaio 2027 - Bianchi Sara', amount: 5460, dueDate: '2027-01-31', ...change },
    });
    expect(created.status, created.text).toBe(201);
    return created.body;
  };

  beforeAll(async () => {
    server = await startTestServer();
    admin = await logIn(server);
    operator = await staffWithRole(server, admin, 'operator');
    viewer = await staffWithRole(server, admin, 'viewer');
  });
  afterAll(() => server.dispose());

  it('creates a credit with a valid notice number of the comune, which a terminal looks up and pays', async () => {
    const credit = await newCredit();
    const notice = parseNoticeNumber(credit.noticeNumber);
    expect(notice.ok && notice.value).toMatchObject({ auxDigit: 3, segregationCode: demoComune.segregationCode, iuv: credit.iuv });
    expect(credit).toMatchObject({ status: 'open', amount: 5460, service: { code: 'MENSA' }, debtor: { type: 'person', taxCode: 'VRDLCU78L21F839T', name: 'Sara Bianchi' }, publicDescription: 'Mensa scolastica' });

    const found = await lookupNotice(server, credit.noticeNumber);
    expect(found).toMatchObject({ id: credit.id, amount: 5460, status: 'open' });
    const paid = await pay(server, found);
    expect(paid.status, paid.text).toBe(201);
    expect((await viewer.api<AdminCredit>(`/v1/admin/credits/${credit.id}`)).body).toMatchObject({ status: 'paid', paidAt: expect.any(String) });

    const log = await admin.api('/v1/admin/audit-log?limit=50');
    expect(log.body.data).toContainEqual(expect.objectContaining({ action: 'credit.create', subjectId: credit.id, actor: expect.objectContaining({ email: operator.session.user.email }) }));
  });

  it('edits an open credit, refuses to edit or cancel one that is not open, and a viewer cannot change anything', async () => {
    const credit = await newCredit();
    const edited = await operator.api<AdminCredit>(`/v1/admin/credits/${credit.id}`, { method: 'PATCH', body: { amount: 6000, dueDate: null, debtor: { taxCode: 'RSSMRA85T10H501O', name: 'Mario Rossi' } } });
    expect(edited.body).toMatchObject({ amount: 6000, dueDate: null, debtor: { taxCode: 'RSSMRA85T10H501O', name: 'Mario Rossi' }, updatedAt: expect.any(String), noticeNumber: credit.noticeNumber });
    expect((await lookupNotice(server, credit.noticeNumber)).amount, 'the shops see the new amount').toBe(6000);

    expectApiError(await viewer.api(`/v1/admin/credits/${credit.id}`, { method: 'PATCH', body: { amount: 1 } }), { code: 'role_forbidden', operation: 'updateAdminCredit' });
    expectApiError(await operator.api(`/v1/admin/credits/${credit.id}`, { method: 'PATCH', body: { amount: 0 } }), { code: 'validation_failed', operation: 'updateAdminCredit', field: 'amount' });

    expect((await pay(server, { id: credit.id, amount: 6000 })).status).toBe(201);
    const before = await server.tableCounts();
    expectApiError(await operator.api(`/v1/admin/credits/${credit.id}`, { method: 'PATCH', body: { amount: 1 } }), { code: 'credit_not_open', operation: 'updateAdminCredit' });
    expectApiError(await operator.api(`/v1/admin/credits/${credit.id}/cancel`, { body: { reason: 'too late' } }), { code: 'credit_not_open', operation: 'cancelAdminCredit' });
    expect(await server.tableCounts()).toEqual(before);
  });

  it('cancels an open credit with its reason: no shop and no web page can collect it any more', async () => {
    const credit = await newCredit();
    expectApiError(await operator.api(`/v1/admin/credits/${credit.id}/cancel`, { body: { reason: '' } }), { code: 'validation_failed', operation: 'cancelAdminCredit', field: 'reason' });
    const cancelled = await operator.api<AdminCredit>(`/v1/admin/credits/${credit.id}/cancel`, { body: { reason: 'Iscrizione ritirata' } });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Iscrizione ritirata', cancelledAt: expect.any(String) });

    expectApiError(await pay(server, credit), { code: 'credit_not_payable', operation: 'createPayment' });
    const web = await server.api('/v1/checkout-sessions', {
      key: server.demo.publishableKey,
      headers: { origin: comuneSite },
      body: { creditId: credit.id, amount: credit.amount, returnUrl: `${comuneSite}/paga` },
    });
    expectApiError(web, { code: 'credit_not_payable', operation: 'createCheckoutSession' });
    expectApiError(await operator.api(`/v1/admin/credits/${credit.id}`, { method: 'PATCH', body: { amount: 1 } }), { code: 'credit_not_open', operation: 'updateAdminCredit' });

    const log = await admin.api('/v1/admin/audit-log?limit=50');
    expect(log.body.data).toContainEqual(expect.objectContaining({ action: 'credit.cancel', subjectId: credit.id, details: expect.objectContaining({ reason: 'Iscrizione ritirata' }) }));
  });

  it('lists with filters and a cursor, newest first', async () => {
    const credits = [await newCredit({ amount: 101 }), await newCredit({ amount: 102 }), await newCredit({ amount: 103 })];
    const seen: AdminCredit[] = [];
    for (let cursor: string | null = null, pages = 0; pages === 0 || cursor !== null; pages++) {
      const page: { status: number; text: string; body: { data: AdminCredit[]; nextCursor: string | null } } = await viewer.api(`/v1/admin/credits?q=bianchi&status=open&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status, page.text).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data);
      cursor = page.body.nextCursor;
    }
    expect(new Set(seen.map((credit) => credit.id)).size, 'no credit twice across pages').toBe(seen.length);
    expect(seen.every((credit) => credit.status === 'open' && /bianchi/i.test(credit.debtor.name))).toBe(true);
    expect(seen.map((credit) => credit.id)).toEqual(expect.arrayContaining(credits.map((credit) => credit.id)));
    const createdAts = seen.map((credit) => credit.createdAt);
    expect(createdAts).toEqual([...createdAts].sort().reverse());

    const byNotice = await viewer.api<{ data: AdminCredit[] }>(`/v1/admin/credits?q=${credits[1]!.noticeNumber}`);
    expect(byNotice.body.data.map((credit) => credit.id)).toEqual([credits[1]!.id]);
    const due = await viewer.api<{ data: AdminCredit[] }>('/v1/admin/credits?service=TARI&dueFrom=2020-01-01&dueTo=2099-12-31&limit=500');
    expect(due.body.data.length).toBeGreaterThan(0);
    expect(due.body.data.every((credit) => credit.service.code === 'TARI' && credit.dueDate !== null)).toBe(true);
    expectApiError(await viewer.api('/v1/admin/credits?cursor=nonsense'), { code: 'validation_failed', operation: 'listAdminCredits' });
  });

  it('lists the services with their fields for the forms', async () => {
    const services = await viewer.api<{ data: Array<{ code: string; acceptsUnexpected: boolean; fields: unknown[] | null }> }>('/v1/admin/services');
    expect(services.body.data.map((service) => service.code)).toEqual(expect.arrayContaining(['MENSA', 'MERCATO', 'TARI']));
    expect(services.body.data.find((service) => service.code === 'MERCATO')).toMatchObject({ acceptsUnexpected: true, fields: expect.arrayContaining([expect.objectContaining({ name: 'squareMeters' })]) });
  });

  describe('CSV import', () => {
    const oneBadRow = () => csvOf(mealRow(1), mealRow(2), 'MENSA;RSSMRA85T10H501X;Mario Rossi;Mensa gennaio 2027 - figlio 3;;0,00;31/02/2027;', mealRow(4));

    it('all-or-nothing: one bad row imports nothing and is reported with its line and reasons', async () => {
      const before = await server.tableCounts();
      const response = await importCsv(oneBadRow(), 'all_or_nothing');
      expect(response.status, response.text).toBe(200);
      expect(response.body).toEqual({
        mode: 'all_or_nothing',
        total: 4,
        imported: 0,
        rejected: [{ line: 4, reasons: [expect.stringMatching(/^codice_fiscale: /), expect.stringMatching(/^importo: must be more than zero/), expect.stringMatching(/^scadenza: 31\/02\/2027/)] }],
      });
      expect(await server.tableCounts(), 'nothing written, not even an audit line').toEqual(before);
    });

    it('valid rows: imports the good rows with generated notice numbers, and reports the bad one', async () => {
      const csv = oneBadRow().replaceAll('figlio', 'figlia');
      const response = await importCsv(csv, 'valid_rows');
      expect(response.body).toMatchObject({ mode: 'valid_rows', total: 4, imported: 3, rejected: [{ line: 4 }] });
      const imported = await viewer.api<{ data: AdminCredit[] }>('/v1/admin/credits?q=rossi&limit=500');
      const rows = imported.body.data.filter((credit) => credit.description.includes('figlia'));
      expect(rows.map((credit) => credit.description).sort()).toEqual(['Mensa gennaio 2027 - figlia 1', 'Mensa gennaio 2027 - figlia 2', 'Mensa gennaio 2027 - figlia 4']);
      for (const credit of rows) {
        expect(credit).toMatchObject({ amount: 6240, dueDate: '2027-01-31', status: 'open', publicDescription: 'Mensa scolastica gennaio 2027' });
        expect(parseNoticeNumber(credit.noticeNumber).ok).toBe(true);
      }
      const log = await admin.api('/v1/admin/audit-log?limit=50');
      expect(log.body.data).toContainEqual(expect.objectContaining({ action: 'credit.import', details: { mode: 'valid_rows', total: 4, imported: 3, rejected: 1 } }));

      const again = await importCsv(csv, 'valid_rows');
      expect(again.body.imported).toBe(0);
      expect(again.body.rejected.map((row) => row.line)).toEqual([2, 3, 4, 5]);
      expect(again.body.rejected[0]!.reasons).toEqual([expect.stringMatching(/the same credit exists already \(notice number \d{18}\)/)]);
    });

    it('reports duplicates within the file, unknown services, foreign notice numbers, and counts lines across quoted line breaks', async () => {
      const csv = csvOf(
        mealRow(10),
        '"MENSA";RSSMRA85T10H501O;"Rossi\nMario";"two-line row";;1.5;2027-01-31;',
        mealRow(10),
        'PISCINA;RSSMRA85T10H501O;Mario Rossi;Corso nuoto;;40;;',
        'MENSA;RSSMRA85T10H501O;Mario Rossi;Mensa con avviso;;40;;301000000000000144',
        '',
        'MENSA;RSSMRA85T10H501O;Mario Rossi;Mensa;;12.345;;',
      );
      const response = await importCsv(csv, 'all_or_nothing');
      expect(response.body.imported).toBe(0);
      expect(response.body.total).toBe(6);
      expect(response.body.rejected).toEqual([
        { line: 5, reasons: ['row: the same credit is on line 2'] },
        { line: 6, reasons: [expect.stringMatching(/^servizio: the comune has no service PISCINA/)] },
        { line: 7, reasons: [expect.stringMatching(/^codice_avviso: /)] },
        { line: 9, reasons: [expect.stringMatching(/^importo: 12.345 is not an amount/)] },
      ]);
    });

    it('refuses a file without the documented header, and one over 20 MB before reading it whole', async () => {
      const wrong = await operator.api('/v1/admin/credit-imports?mode=valid_rows', { rawBody: 'nome;cognome\nMario;Rossi\n', headers: { 'content-type': 'text/csv' } });
      expectApiError(wrong, { code: 'credit_import_unreadable', operation: 'importAdminCredits' });
      expect(wrong.body.error.details).toMatchObject({ unknownColumns: ['nome', 'cognome'], missingColumns: expect.arrayContaining(['servizio', 'importo']) });
      expectApiError(await operator.api('/v1/admin/credit-imports', { body: { csv: 'no' } }), { code: 'unsupported_media_type', operation: 'importAdminCredits' });

      // Answers come while the body is still unfinished: the server refuses it without reading it whole.
      const before = await server.tableCounts();
      const headers = { cookie: operator.cookie, 'x-csrf-token': operator.session.csrfToken, 'content-type': 'text/csv' };
      const url = `${server.url}/v1/admin/credit-imports?mode=valid_rows`;
      const announced = await postWithoutFinishing(url, { headers, sentBytes: 1024, declaredBytes: 21 * 1024 * 1024 });
      expectApiError(announced, { code: 'payload_too_large', operation: 'importAdminCredits' });
      const chunked = await postWithoutFinishing(url, { headers, sentBytes: 20 * 1024 * 1024 + 1 });
      expectApiError(chunked, { code: 'payload_too_large', operation: 'importAdminCredits' });
      expect(await server.tableCounts()).toEqual(before);
    });

    it('imports the example file of docs/cruscotto.md as written', async () => {
      const docs = readFileSync(new URL('../../../../docs/cruscotto.md', import.meta.url), 'utf8');
      const example = /Example \(`crediti-mensa\.csv`\):\n\n```csv\n([\s\S]*?)```/.exec(docs)![1]!;
      const response = await importCsv(example, 'all_or_nothing');
      expect(response.body).toEqual({ mode: 'all_or_nothing', total: 3, imported: 3, rejected: [] });
      const tari = await viewer.api<{ data: AdminCredit[] }>('/v1/admin/credits?q=347000000000012353');
      expect(tari.body.data[0]).toMatchObject({ amount: 18700, dueDate: '2027-03-31', service: { code: 'TARI' }, publicDescription: 'TARI - Tassa sui rifiuti' });
    });

    it('exports in the import layout: the file reads back row for row and imports again as duplicates only', async () => {
      const response = await viewer.api('/v1/admin/credits/export?service=MENSA');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="crediti-\d{4}-\d{2}-\d{2}\.csv"$/);
      const parsed = Papa.parse<Record<string, string>>(response.text.trim(), { header: true, delimiter: ';' });
      expect(parsed.meta.fields).toEqual(header.split(';'));
      const listed = await viewer.api<{ data: AdminCredit[] }>('/v1/admin/credits?service=MENSA&limit=500');
      expect(parsed.data).toHaveLength(listed.body.data.length);
      const first = listed.body.data[0]!;
      expect(parsed.data[0]).toEqual({
        servizio: 'MENSA',
        codice_fiscale: first.debtor.taxCode,
        nominativo: first.debtor.name,
        descrizione: first.description,
        descrizione_pubblica: first.publicDescription,
        importo: `${Math.trunc(first.amount / 100)},${String(first.amount % 100).padStart(2, '0')}`,
        scadenza: first.dueDate ?? '',
        codice_avviso: first.noticeNumber,
      });

      const before = await server.tableCounts();
      const reimport = await importCsv(response.text, 'all_or_nothing');
      expect(reimport.body).toMatchObject({ total: parsed.data.length, imported: 0 });
      expect(reimport.body.rejected).toHaveLength(parsed.data.length);
      for (const row of reimport.body.rejected) expect(row.reasons).toEqual([expect.stringMatching(/^codice_avviso: a credit with notice number \d{18} exists already$/)]);
      expect(await server.tableCounts()).toEqual(before);
    });
  });

  it('another comune’s staff gets 404 for these credits and sees none of them', async () => {
    const credit = await newCredit();
    const stranger = await logIn(server, await addComuneWithAdmin(server));
    expectApiError(await stranger.api(`/v1/admin/credits/${credit.id}`), { code: 'credit_not_found', operation: 'getAdminCredit' });
    expectApiError(await stranger.api(`/v1/admin/credits/${credit.id}`, { method: 'PATCH', body: { amount: 1 } }), { code: 'credit_not_found', operation: 'updateAdminCredit' });
    expectApiError(await stranger.api(`/v1/admin/credits/${credit.id}/cancel`, { body: { reason: 'not mine' } }), { code: 'credit_not_found', operation: 'cancelAdminCredit' });
    expect((await stranger.api('/v1/admin/credits')).body.data).toEqual([]);
    expect((await stranger.api(`/v1/admin/credits?q=${credit.noticeNumber}`)).body.data).toEqual([]);
    expect((await stranger.api('/v1/admin/credits/export')).text.trim()).toBe(header);
    expect((await admin.api<AdminCredit>(`/v1/admin/credits/${credit.id}`)).body.status).toBe('open');
  });
});
