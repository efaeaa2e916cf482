import { romeDate, type DailyClosing, type ErrorBody, type ReconciliationResult, type StatementDetail, type StatementImport } from '@pay-box/contract';
import { demoComune } from '@pay-box/engine/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camt053, csvStatement, entryFor, giornaleDiCassa, type FixtureEntry, type SentTransfer } from '../../../../test-support/statements/index.js';
import { validateGiornaleDiCassa } from '../../../../test-support/statements/validate-opi.js';
import { freshKey, lookupNotice, pay } from '../support/demo-flow.js';
import { eventually } from '../support/eventually.js';
import { expectApiError } from '../support/expect-api-error.js';
import { postWithoutFinishing } from '../support/partial-upload.js';
import { marketStallRequest } from '../support/operation-samples.js';
import { addComuneWithAdmin } from '../support/second-comune.js';
import { logIn, staffWithRole, type StaffClient } from '../support/staff-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

type SettledTransfer = SentTransfer & { id: string };

describe('reconciling the treasurer’s statements', () => {
  let server: TestServer;
  let operator: StaffClient;
  const today = romeDate(new Date());

  /** The transfer of a payment once the sandbox bank settled it, as the `transfers` table holds it. */
  function settledTransfer(paymentId: string): Promise<SettledTransfer> {
    return eventually(async () => {
      const [row] = await server.query<{ id: string; payment_id: string; amount: number; bank_reference: string | null; remittance: string }>(
        'SELECT id, payment_id, amount, bank_reference, remittance FROM transfers WHERE payment_id = ?',
        paymentId,
      );
      return row?.bank_reference ? { id: row.id, paymentId: row.payment_id, amount: Number(row.amount), bankReference: row.bank_reference, remittance: row.remittance } : undefined;
    }, 5_000, 'the transfer to settle');
  }

  /** A market stall fee paid at the shop's terminal (an unexpected credit: as many as a test needs), settled by the sandbox bank. */
  async function payAtTheShop(): Promise<SettledTransfer> {
    const payment = await server.api<{ payment: { id: string } }>('/v1/unexpected-credits', { body: marketStallRequest, idempotencyKey: freshKey('stall') });
    expect(payment.status, payment.text).toBe(201);
    return settledTransfer(payment.body.payment.id);
  }

  const upload = (client: StaffClient, content: string, type: string) => client.api<StatementImport & ErrorBody>('/v1/admin/statements', { rawBody: content, headers: { 'content-type': type } });
  const unknownEntry = (remittance: string): FixtureEntry => ({ amount: 4_321, bookedOn: today, bankReference: `TRN${Date.now()}${remittance.length}`, remittance, debtorName: 'MARIO ROSSI' });
  const matchedIds = (result: ReconciliationResult) => result.matched.map((match) => [match.transferId, match.by]);
  const missingIds = (result: ReconciliationResult) => result.missingFromStatement.map((transfer) => transfer.id);

  beforeAll(async () => {
    server = await startTestServer();
    operator = await staffWithRole(server, await logIn(server), 'operator');
  });
  afterAll(() => server.dispose());

  it('a giornale di cassa valid against the OPI schema: matched by EndToEndId and by CRO/TRN, one payment missing, one entry unknown', async () => {
    const [byEndToEnd, byReference, left] = [await payAtTheShop(), await payAtTheShop(), await payAtTheShop()];
    const stranger = unknownEntry('BONIFICO DA PRIVATO');
    const xml = giornaleDiCassa({ comune: demoComune, date: today, entries: [entryFor(byEndToEnd, today), { ...entryFor(byReference, today), endToEndId: null, remittance: 'ACCREDITO' }, stranger] });
    expect(await validateGiornaleDiCassa(xml)).toEqual({ valid: true, output: '' });

    const response = await upload(operator, xml, 'application/xml');
    expect(response.status, response.text).toBe(201);
    expect(response.body).toMatchObject({ format: 'opi_giornale_di_cassa', period: { from: today, to: today }, entries: 3, amount: byEndToEnd.amount + byReference.amount + stranger.amount, duplicate: false, receivedBy: operator.session.user.email });
    const { reconciliation } = response.body;
    expect(matchedIds(reconciliation)).toEqual(expect.arrayContaining([[byEndToEnd.id, 'end_to_end_id'], [byReference.id, 'bank_reference']]));
    expect(reconciliation.totals.matched).toBe(2);
    expect(missingIds(reconciliation)).toContain(left.id);
    expect(missingIds(reconciliation)).not.toContain(byEndToEnd.id);
    expect(reconciliation.unknownToPayBox).toEqual([expect.objectContaining({ amount: stranger.amount, bankReference: stranger.bankReference, remittance: stranger.remittance, bookedOn: today })]);

    const current = (await operator.api<ReconciliationResult>('/v1/admin/reconciliation')).body;
    expect(matchedIds(current)).toEqual(expect.arrayContaining([[byEndToEnd.id, 'end_to_end_id'], [byReference.id, 'bank_reference']]));
    const audit = await (await logIn(server)).api<{ data: Array<{ action: string; subjectId: string }> }>('/v1/admin/audit-log');
    expect(audit.body.data).toContainEqual(expect.objectContaining({ action: 'statement.import', subjectId: response.body.id }));

    const detail = await operator.api<StatementDetail>(`/v1/admin/statements/${response.body.id}`);
    expect(detail.body.entryList.map((entry) => entry.reconciledTransferId)).toEqual([byEndToEnd.id, byReference.id, null]);
  });

  it('a camt.053: matched by EndToEndId and by the IUV of the /RFB/ remittance, one missing, one unknown; debits left out', async () => {
    const [byEndToEnd, byIuv, left] = [await payAtTheShop(), await payAtTheShop(), await payAtTheShop()];
    const stranger = unknownEntry('VERSAMENTO CONTANTI');
    const xml = camt053({
      iban: demoComune.treasuryIban,
      date: today,
      entries: [entryFor(byEndToEnd, today), { ...entryFor(byIuv, today), endToEndId: null, bankReference: null }, stranger],
      debits: [{ amount: 100, bookedOn: today, remittance: 'COMMISSIONI' }],
    });
    const response = await upload(operator, xml, 'text/xml');
    expect(response.status, response.text).toBe(201);
    expect(response.body).toMatchObject({ format: 'camt053', entries: 3, duplicate: false });
    const { reconciliation } = response.body;
    expect(matchedIds(reconciliation)).toEqual([
      [byEndToEnd.id, 'end_to_end_id'],
      [byIuv.id, 'iuv'],
    ]);
    expect(missingIds(reconciliation)).toContain(left.id);
    expect(reconciliation.unknownToPayBox.map((entry) => entry.remittance)).toContain(stranger.remittance);
  });

  it('importing the same statement twice changes nothing and answers with the earlier statement', async () => {
    const transfer = await payAtTheShop();
    const csv = csvStatement([entryFor(transfer, today)]);
    const first = await upload(operator, csv, 'text/csv');
    expect(first.status, first.text).toBe(201);
    const before = await server.tableCounts();
    const again = await upload(operator, csv, 'text/csv');
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: first.body.id, duplicate: true, entries: 1 });
    expect(await server.tableCounts()).toEqual(before);
    expect(await server.query('SELECT transfer_id FROM transfer_reconciliations WHERE transfer_id = ?', transfer.id)).toHaveLength(1);
  });

  it('two uploads at once of one comune: the same file is imported once, a transfer is reconciled once', async () => {
    const transfer = await payAtTheShop();
    const csv = csvStatement([entryFor(transfer, today)]);
    const other = csvStatement([{ ...entryFor(transfer, today), remittance: 'ALTRA COPIA' }]);
    const answers = await Promise.all([upload(operator, csv, 'text/csv'), upload(operator, csv, 'text/csv'), upload(operator, other, 'text/csv')]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(answers.slice(0, 2).map((answer) => answer.body.duplicate).sort()).toEqual([false, true]);
    // A duplicate answers with the reconciliation as it stands; the imports list the matches they made.
    const made = answers.filter((answer) => !answer.body.duplicate).flatMap((answer) => answer.body.reconciliation.matched);
    expect(made.filter((match) => match.transferId === transfer.id)).toHaveLength(1);
    expect(await server.query('SELECT transfer_id FROM transfer_reconciliations WHERE transfer_id = ?', transfer.id)).toHaveLength(1);
  });

  it('an amount that differs is a mismatch, never a match', async () => {
    const transfer = await payAtTheShop();
    const response = await upload(operator, csvStatement([{ ...entryFor(transfer, today), amount: transfer.amount + 100 }]), 'text/csv');
    expect(response.status, response.text).toBe(201);
    const mismatch = response.body.reconciliation.amountMismatches.find((candidate) => candidate.transfer.id === transfer.id);
    expect(mismatch).toMatchObject({ by: 'end_to_end_id', difference: 100, entry: { amount: transfer.amount + 100 } });
    expect(matchedIds(response.body.reconciliation)).toEqual([]);
    expect(await server.query('SELECT transfer_id FROM transfer_reconciliations WHERE transfer_id = ?', transfer.id)).toEqual([]);
  });

  it('a run later re-evaluates what is open: an entry that arrived before its payment is matched once the transfer settles', async () => {
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[0]!);
    const iuv = credit.noticeNumber.slice(1);
    const early = await upload(operator, csvStatement([{ amount: credit.amount, bookedOn: today, remittance: `/RFB/${iuv}/TXT/ANTICIPATO` }]), 'text/csv');
    expect(early.body.reconciliation.unknownToPayBox.map((entry) => entry.iuv)).toContain(iuv);

    const paid = await pay(server, credit);
    expect(paid.status, paid.text).toBe(201);
    const transfer = await settledTransfer(paid.body.id);
    const run = await operator.api<ReconciliationResult>('/v1/admin/reconciliations', { method: 'POST' });
    expect(run.status, run.text).toBe(200);
    expect(matchedIds(run.body)).toEqual([[transfer.id, 'iuv']]);
    expect(run.body.unknownToPayBox.map((entry) => entry.iuv)).not.toContain(iuv);
    const again = await operator.api<ReconciliationResult>('/v1/admin/reconciliations', { method: 'POST' });
    expect(again.body.matched, 'what was matched stays matched, and is not matched twice').toEqual([]);
  });

  it('a statement that arrives late reconciles the payment it was missing', async () => {
    const transfer = await payAtTheShop();
    const before = (await operator.api<ReconciliationResult>('/v1/admin/reconciliation')).body;
    expect(missingIds(before)).toContain(transfer.id);
    const late = await upload(operator, csvStatement([entryFor(transfer, today)]), 'text/csv');
    expect(matchedIds(late.body.reconciliation)).toEqual([[transfer.id, 'end_to_end_id']]);
    expect(missingIds(late.body.reconciliation)).not.toContain(transfer.id);
  });

  it('refuses a statement with bad entries, listing each line and reason, and imports nothing', async () => {
    const before = await server.tableCounts();
    const csv = 'booked_on,amount,end_to_end_id,bank_reference,remittance\n2026-11-30,12.50,,,ok\n2026-13-01,12.5.0,,,bad\n';
    const response = await upload(operator, csv, 'text/csv');
    expectApiError(response, { code: 'statement_entries_invalid', operation: 'importStatement' });
    expect(response.body.error.details).toEqual({
      rejected: [{ line: 3, reasons: ['booked_on "2026-13-01" is not a calendar date', 'amount "12.5.0" is not an amount in euro with a dot and at most two decimals'] }],
    });
    expect(await server.tableCounts()).toEqual(before);
  });

  it.each([
    ['a file that is not a statement', 'text/csv', 'nome,cognome\nMario,Rossi\n', 'statement_not_recognized'],
    ['another comune’s giornale di cassa', 'application/xml', giornaleDiCassa({ comune: { fiscalCode: '00000000001', name: 'Altrove' }, date: '2026-11-30', entries: [] }), 'statement_wrong_account'],
    ['a camt.053 of another account', 'application/xml', camt053({ iban: 'IT60X0542811101000000123456', date: '2026-11-30', entries: [] }), 'statement_wrong_account'],
  ] as const)('refuses %s, and imports nothing', async (_name, type, content, code) => {
    const before = await server.tableCounts();
    expectApiError(await upload(operator, content, type), { code, operation: 'importStatement' });
    expect(await server.tableCounts()).toEqual(before);
  });

  it('refuses an oversized statement before reading it whole (413)', async () => {
    const response = await postWithoutFinishing(`${server.url}/v1/admin/statements`, {
      headers: { 'content-type': 'text/csv', cookie: operator.cookie, 'x-csrf-token': operator.session.csrfToken },
      declaredBytes: 21 * 1024 * 1024,
      sentBytes: 1024,
    });
    expectApiError(response, { code: 'payload_too_large', operation: 'importStatement' });
  });

  it('a viewer reads the reconciliation and the statements but cannot import', async () => {
    const viewer = await staffWithRole(server, await logIn(server), 'viewer');
    expect((await viewer.api('/v1/admin/reconciliation')).status).toBe(200);
    const page = await viewer.api<{ data: Array<{ id: string }>; nextCursor: string | null }>('/v1/admin/statements?limit=2');
    expect(page.body.data).toHaveLength(2);
    const next = await viewer.api<{ data: Array<{ id: string }> }>(`/v1/admin/statements?limit=2&cursor=${encodeURIComponent(page.body.nextCursor!)}`);
    expect(next.body.data.map((statement) => statement.id)).not.toContain(page.body.data[0]!.id);
    expectApiError(await upload(viewer, csvStatement([]), 'text/csv'), { code: 'role_forbidden', operation: 'importStatement' });
    expectApiError(await viewer.api('/v1/admin/statements/stm_0000000000000000'), { code: 'statement_not_found', operation: 'getStatement' });
  });

  it("the daily closing puts the day's payments, transfers and entries side by side, as JSON, CSV and PDF", async () => {
    const closing = await operator.api<DailyClosing>(`/v1/admin/daily-closing?date=${today}`);
    expect(closing.status, closing.text).toBe(200);
    const { lines, totals } = closing.body;
    const paymentLines = lines.filter((line) => line.paymentId !== null);
    expect(totals.payments.count).toBe(paymentLines.length);
    expect(totals.payments.amount).toBe(paymentLines.reduce((sum, line) => sum + line.paymentAmount!, 0));
    expect(totals.transfers.amount - totals.payments.amount).toBe(totals.differences.transfersMinusPayments);
    const [reconciled] = await server.query<{ transfer_id: string }>('SELECT transfer_id FROM transfer_reconciliations');
    expect(lines).toContainEqual(expect.objectContaining({ transferId: reconciled!.transfer_id, matchedBy: expect.any(String), difference: 0 }));
    expect(lines.filter((line) => line.paymentId === null).map((line) => line.entryAmount)).toContain(4_321);
    expect(totals.statementEntries.unknown).toBeGreaterThanOrEqual(2 * 4_321);

    const csv = await operator.api(`/v1/admin/daily-closing?date=${today}&format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0]).toBe('date,payment_id,paid_at,service,notice_number,channel,payment_amount,transfer_id,transfer_status,bank_reference,transfer_amount,entry_id,entry_booked_on,entry_amount,matched_by,difference');
    expect(rows).toHaveLength(lines.length + 2);
    expect(rows.at(-1)).toMatch(new RegExp(`^${today},TOTAL,`));

    const pdf = await operator.api(`/v1/admin/daily-closing?date=${today}&format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.text.startsWith('%PDF-')).toBe(true);
  });

  it("another comune's staff sees nothing of this comune's statements, reconciliation or closing", async () => {
    const [statement] = (await operator.api<{ data: Array<{ id: string }> }>('/v1/admin/statements')).body.data;
    const stranger = await logIn(server, await addComuneWithAdmin(server));
    expect((await stranger.api('/v1/admin/statements')).body).toEqual({ data: [], nextCursor: null });
    expectApiError(await stranger.api(`/v1/admin/statements/${statement!.id}`), { code: 'statement_not_found', operation: 'getStatement' });
    const theirs = (await stranger.api<ReconciliationResult>('/v1/admin/reconciliation')).body;
    expect(theirs.totals).toEqual({ matched: 0, missingFromStatement: 0, unknownToPayBox: 0, amountMismatches: 0 });
    const closing = (await stranger.api<DailyClosing>(`/v1/admin/daily-closing?date=${today}`)).body;
    expect(closing).toMatchObject({ comune: { id: 'com_Altrove000000001' }, lines: [], totals: { payments: { count: 0 }, statementEntries: { count: 0 } } });

    const before = await server.query('SELECT transfer_id FROM transfer_reconciliations ORDER BY transfer_id');
    const run = await stranger.api<ReconciliationResult>('/v1/admin/reconciliations', { method: 'POST' });
    expect(run.body.matched).toEqual([]);
    const demoGiornale = giornaleDiCassa({ comune: demoComune, date: today, entries: [unknownEntry('ALTROVE')] });
    expectApiError(await upload(stranger, demoGiornale, 'application/xml'), { code: 'statement_wrong_account', operation: 'importStatement' });
    expect(await server.query('SELECT transfer_id FROM transfer_reconciliations ORDER BY transfer_id')).toEqual(before);
  });
});
