import { makeNoticeNumber, romeDate } from '@pay-box/contract';
import { demoCredits } from '@pay-box/engine/demo';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drainFloat } from '../../../../test-support/float.js';
import { expectMoneyInvariants } from '../../../../test-support/money-invariants.js';
import { storeFactories } from '../../../../test-support/stores.js';
import { openDemo, type Demo } from '../support/demo.js';

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

/** A market fee the comune learns of only when it is paid: 12.5 m² rounded up to 13, at EUR 1.50. */
const marketFee = {
  serviceCode: 'MERCATO',
  debtor: { taxCode: 'VRDLCU78L21F839T', name: 'Luca Verdi' },
  fields: { market: 'GIOVEDI-CENTRO', date: '2026-11-26', stallNumber: 'B12', squareMeters: 12.5, sector: 'ALIMENTARE', licenceNumber: 'AUT-2019-0042' },
  amount: 1_950,
};

describe.each(storeFactories)('credits, on the $name store', (factory) => {
  let d: Demo;
  beforeEach(async () => {
    d = await openDemo(factory);
  });
  afterEach(() => d.dispose());

  describe('lookups reveal nothing personal to a key holder', () => {
    // The comune's own descriptions name a street and a child ("via Roma 12", "Rossi Luca").
    const personal = /via Roma 12|Rossi Luca|Mario|Rossi(?! Luca)/;

    it('by tax code and service: the open credits only, masked, with their citizen-safe descriptions', async () => {
      const [first] = await d.engine.credits.lookup(d.shop, { debtorTaxCode: 'RSSMRA85T10H501O', serviceCode: 'TARI' });
      await d.engine.payments.create(d.shop, { creditId: first!.id, amount: first!.amount }, 'pay-first');
      for (const principal of [d.shop, d.website]) {
        const credits = await d.engine.credits.lookup(principal, { debtorTaxCode: 'RSSMRA85T10H501O', serviceCode: 'TARI' });
        expect(credits.map((credit) => [credit.description, credit.status])).toEqual([['TARI 2026 rata 2 di 2', 'open']]);
        expect(credits[0]!.debtor).toEqual({ type: 'person', name: 'M*** R***', taxCode: 'RSS***********1O', masked: true });
        expect(JSON.stringify(credits)).not.toMatch(personal);
      }
    });

    it('by notice, and in the payment and receipt a shop gets: no surname, no address', async () => {
      const meal = demoCredits.find((credit) => credit.description.includes('Rossi Luca'))!;
      const [credit] = await d.engine.credits.lookup(d.website, { noticeNumber: (await d.engine.credits.lookup(d.shop, { debtorTaxCode: 'RSSMRA85T10H501O', serviceCode: 'MENSA' }))[0]!.noticeNumber });
      expect(credit).toMatchObject({ id: meal.id, description: 'Mensa scolastica novembre 2026', fields: null });
      const { payment } = await d.engine.payments.create(d.shop, { creditId: meal.id, amount: meal.amount }, 'meal');
      const receipt = await d.engine.receipts.get(d.shop, payment.receipt.id);
      for (const answer of [credit, payment, receipt, await d.engine.receipts.verify(receipt.verificationCode)]) {
        expect(JSON.stringify(answer)).not.toMatch(personal);
      }
      expect(receipt.description).toBe('Mensa scolastica novembre 2026');
    });
  });

  describe('lookups by notice see the comune\'s catalogue as it is now', () => {
    // A lookup by notice reads the credit and the catalogue's version in one read: a change made
    // beside the engine (the command line, another instance) must still show on the next lookup.
    it('a fee changed in the store shows at once, by notice number and by QR code', async () => {
      const notice = d.demo.sampleNoticeNumbers[0]!;
      const [before] = await d.engine.credits.lookup(d.shop, { noticeNumber: notice });
      await d.store.transaction((tx) => tx.fees.set(d.demo.comuneId, 'agent', { citizenFee: before!.fee + 35, agentShare: 10 }));
      const [byNotice] = await d.engine.credits.lookup(d.shop, { noticeNumber: notice });
      expect(byNotice).toMatchObject({ id: before!.id, fee: before!.fee + 35, total: before!.amount + before!.fee + 35 });
      const [byQr] = await d.engine.credits.lookup(d.shop, { qr: `PAGOPA|002|${notice}|82000123453|${before!.amount}` });
      expect(byQr).toMatchObject({ id: before!.id, fee: before!.fee + 35 });
    });

    it('a notice the comune does not have, or a QR code of another comune, is not found', async () => {
      const unknown = makeNoticeNumber('47', '9999999999999');
      expect(await refusal(d.engine.credits.lookup(d.shop, { noticeNumber: unknown }))).toMatchObject({ code: 'credit_not_found' });
      const notice = d.demo.sampleNoticeNumbers[0]!;
      expect(await refusal(d.engine.credits.lookup(d.shop, { qr: `PAGOPA|002|${notice}|01234567897|100` }))).toMatchObject({ code: 'credit_not_found' });
    });
  });

  describe('unexpected credits', () => {
    it('opens and pays a market fee in one step, keeping every field and a causale built from them', async () => {
      const { credit, payment } = await d.engine.unexpectedCredits.create(d.shop, marketFee, 'market-1');
      expect(credit).toMatchObject({ unexpected: true, status: 'paid', amount: 1_950, fields: { ...marketFee.fields }, debtor: { name: 'L*** V***', masked: true } });
      expect(credit.description).toMatch(/^Canone mercatale - spunta: Mercato GIOVEDI-CENTRO, Data di occupazione 2026-11-26, Numero posteggio B12, Superficie/);
      expect(credit.description.length).toBeLessThanOrEqual(140);
      expect(credit.noticeNumber).toMatch(/^347\d{15}$/);
      expect(payment).toMatchObject({ creditId: credit.id, amount: 1_950, fee: 150, transfer: { status: 'settled' } });
      await expectMoneyInvariants(d.engine, d.bank);
    });

    it('keeps the shop’s free text for the comune only', async () => {
      const { credit } = await d.engine.unexpectedCredits.create(d.shop, { ...marketFee, description: 'Luca Verdi, via dei Mille 3' }, 'market-2');
      expect(credit.description).not.toContain('via dei Mille');
      const rows = (await d.store.diagnostics.snapshot()).credits as Array<{ id: string; description: string }>;
      expect(rows.find((row) => row.id === credit.id)?.description).toBe('Luca Verdi, via dei Mille 3');
    });

    it('refuses what the service does not allow, writing nothing', async () => {
      const rows = await d.store.diagnostics.snapshot();
      const create = (request: object, key: string) => refusal(d.engine.unexpectedCredits.create(d.shop, { ...marketFee, ...request }, key));
      expect(await create({ amount: 1_800 }, 'r1')).toMatchObject({ code: 'amount_out_of_bounds', details: { expected: 1_950, units: 13, unitAmount: 150 } });
      expect(await create({ serviceCode: 'TARI' }, 'r2')).toMatchObject({ code: 'unexpected_credits_not_accepted' });
      expect(await create({ serviceCode: 'NOPE' }, 'r3')).toMatchObject({ code: 'service_not_found' });
      expect(await create({ fields: { ...marketFee.fields, squareMeters: 0.5, colour: 'red' } }, 'r4')).toMatchObject({
        code: 'validation_failed',
        details: expect.arrayContaining([
          { path: 'fields.colour', message: 'unknown field for this service' },
          { path: 'fields.squareMeters', message: 'must be at least 1' },
        ]),
      });
      expect(await d.store.diagnostics.snapshot()).toEqual(rows);
    });

    it('refused for a float too low, writes nothing but, on a shared store, the IUV it took: a gap, never a duplicate', async () => {
      await drainFloat(d.engine, d.shop.agentId, 1_000);
      const before = await d.store.diagnostics.snapshot();
      expect(await refusal(d.engine.unexpectedCredits.create(d.shop, marketFee, 'market-poor'))).toMatchObject({ code: 'insufficient_float' });
      const after = await d.store.diagnostics.snapshot();
      // A shared store reserves IUVs in blocks, outside the unit of work: its comune row moved on.
      if (d.store.shared) expect({ ...after, comuni: [] }).toEqual({ ...before, comuni: [] });
      else expect(after).toEqual(before);

      await d.engine.agents.topUp(d.shop.agentId, 10_000);
      const { credit } = await d.engine.unexpectedCredits.create(d.shop, marketFee, 'market-poor');
      const firstFree = (before.comuni![0] as { next_iuv: number }).next_iuv;
      expect(credit.noticeNumber).toBe(makeNoticeNumber('47', String(firstFree + (d.store.shared ? 1 : 0)).padStart(13, '0')));
    });

    it('a traffic fine paid from its pre-notice before it is registered: 30% off within 5 days, the full amount after', async () => {
      const today = romeDate(new Date());
      const daysAgo = (days: number) => romeDate(new Date(Date.now() - days * 86_400_000));
      const preNotice = (date: string) => ({
        serviceCode: 'MULTA',
        debtor: { taxCode: 'BNCGLI90D43F205U', name: 'Giulia Bianchi' },
        fields: { preNoticeNumber: `PA-${date}`, plate: 'AB123CD', date, place: 'via Roma 12', violation: 'ART158-SOSTA' },
      });

      const early = await d.engine.unexpectedCredits.create(d.shop, { ...preNotice(today), amount: 2_940 }, 'fine-early');
      expect(early.credit).toMatchObject({ unexpected: true, status: 'paid', amount: 2_940, fields: { violation: 'ART158-SOSTA', date: today } });
      expect(early.payment).toMatchObject({ amount: 2_940, transfer: { status: 'settled' } });
      expect(await refusal(d.engine.unexpectedCredits.create(d.shop, { ...preNotice(daysAgo(9)), amount: 2_940 }, 'fine-late'))).toMatchObject({
        code: 'amount_out_of_bounds',
        details: { expected: 4_200, fullAmount: 4_200, reduced: false },
      });
      expect((await d.engine.unexpectedCredits.create(d.shop, { ...preNotice(daysAgo(9)), amount: 4_200 }, 'fine-late')).payment.amount).toBe(4_200);
      expect(await refusal(d.engine.unexpectedCredits.create(d.shop, { ...preNotice(romeDate(new Date(Date.now() + 2 * 86_400_000))), amount: 2_940 }, 'fine-future'))).toMatchObject({
        code: 'validation_failed',
        details: [{ path: 'fields.date', message: 'must not be after today' }],
      });
      await expectMoneyInvariants(d.engine, d.bank);
    });

    it('replays a retried request: one credit, one payment', async () => {
      const first = await d.engine.unexpectedCredits.create(d.shop, marketFee, 'market-3');
      const again = await d.engine.unexpectedCredits.create(d.shop, marketFee, 'market-3');
      expect(again).toEqual({ ...first, replayed: true });
      expect((await d.store.diagnostics.rowCounts()).credits).toBe(22);
    });
  });
});
