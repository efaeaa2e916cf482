import { parseNoticeNumber } from '@pay-box/contract';
import type { StaffPrincipal } from '@pay-box/engine';
import { demoCredits, demoStaff } from '@pay-box/engine/demo';
import { describe, expect, it } from 'vitest';
import { storeFactories } from '../../../../test-support/stores.js';
import { openDemo, type Demo } from '../support/demo.js';

const csv = [
  'servizio;codice_fiscale;nominativo;descrizione;importo;scadenza',
  'MENSA;RSSMRA85T10H501O;Mario Rossi;Mensa gennaio 2027 - Rossi Luca;62,40;31/01/2027',
  'MENSA;VRDLCU78L21F839T;Luca Verdi;Mensa gennaio 2027 - Verdi Giorgio;39.00;',
  'MENSA;RSSMRA85T10H501X;Mario Rossi;Mensa gennaio 2027 - bad tax code;10;',
  'TARI;00212330344;Ditta Srl;TARI 2027;187;2027-03-31',
].join('\n');

/** A day of the gestionale: an import, a credit created, one edited, one cancelled, a market fee registered. */
async function gestionaleDay(d: Demo): Promise<{ exports: string[] }> {
  const user = (await d.store.read((tx) => tx.staffUsers.byEmail(demoStaff.email)))!;
  const staff: StaffPrincipal = { kind: 'staff', userId: user.id, email: user.email, comuneId: user.comuneId, role: 'admin', sessionId: 'test', csrfToken: 'test' };
  const { gestionale } = d.engine;
  expect(await gestionale.credits.import(staff, csv, 'valid_rows')).toMatchObject({ imported: 3, rejected: [{ line: 4 }] });
  const created = await gestionale.credits.create(staff, { serviceCode: 'MENSA', debtor: { taxCode: 'RSSMRA85T10H501O', name: 'Mario Rossi' }, description: 'Mensa febbraio 2027', amount: 6240 });
  await gestionale.credits.update(staff, created.id, { amount: 6000, dueDate: '2027-02-28' });
  await gestionale.credits.cancel(staff, demoCredits[0]!.id, 'Iscrizione ritirata');
  await d.engine.unexpectedCredits.create(
    d.shop,
    {
      serviceCode: 'MERCATO',
      debtor: { taxCode: 'VRDLCU78L21F839T', name: 'Luca Verdi' },
      fields: { market: 'SABATO-CONTADINO', date: '2026-11-28', stallNumber: 'C3', squareMeters: 4, sector: 'PRODUTTORE_AGRICOLO', licenceNumber: 'AUT-7' },
      amount: 600,
    },
    'market-fee',
  );
  await d.engine.transfers.idle();
  const [fee] = (await gestionale.unexpectedCredits.list(staff, { registered: false, limit: 500 })).data;
  expect(await gestionale.unexpectedCredits.register(staff, { items: [{ creditId: fee!.credit.id, accertamentoNumber: '2026/77', budgetChapter: '3050' }] })).toEqual({ registered: 1 });
  return { exports: [await gestionale.credits.export(staff, {}), await gestionale.unexpectedCredits.export(staff, undefined)] };
}

/** Notice numbers are valid on every store but, where IUVs are reserved in blocks (PostgreSQL), not the same ones. */
const withoutNumbers = (text: string) => text.replace(/\b3?47\d{15}\b/g, (notice) => (parseNoticeNumber(notice.length === 18 ? notice : `3${notice}`).ok ? 'NOTICE' : notice));

describe('the gestionale on every store', () => {
  it(`${storeFactories.map((factory) => factory.name).join(' and ')} hold the same credits and registrations, and export the same files`, async () => {
    const results = [];
    for (const factory of storeFactories) {
      const d = await openDemo(factory, { deterministic: true });
      try {
        const { exports } = await gestionaleDay(d);
        const snapshot = await d.store.diagnostics.snapshot();
        const numbers = (row: object) => ({ ...row, notice_number: 'NOTICE', iuv: 'IUV' });
        results.push({
          credits: snapshot.credits!.map((row) => numbers(row as object)),
          registrations: snapshot.unexpected_credit_registrations,
          actions: snapshot.staff_actions!.map((row) => withoutNumbers(JSON.stringify(row))),
          exports: exports.map(withoutNumbers),
        });
      } finally {
        await d.dispose();
      }
    }
    const [first, ...others] = results;
    expect(first!.registrations).toHaveLength(1);
    expect(first!.credits).toContainEqual(expect.objectContaining({ status: 'cancelled', cancel_reason: 'Iscrizione ritirata', cancelled_at: expect.any(String) }));
    expect(first!.credits).toContainEqual(expect.objectContaining({ amount: 6000, due_date: '2027-02-28', updated_at: expect.any(String) }));
    expect(first!.exports[0]).toContain('Mensa gennaio 2027 - Verdi Giorgio');
    for (const other of others) expect(other).toEqual(first);
  });
});
