import { romeDate } from '@pay-box/contract';
import { accountId, accounts, type CardEntry } from '@pay-box/engine';
import { demoCredits } from '@pay-box/engine/demo';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hmacSha256 } from '../../src/sandbox/hmac.js';
import { expectMoneyInvariants } from '../../../../test-support/money-invariants.js';
import { storeFactories } from '../../../../test-support/stores.js';
import { openDemo, type Demo } from '../support/demo.js';

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);
const card = (number: string): CardEntry => ({ number, expiry: '12/30', cvc: '123', holder: 'Giulia Bianchi' });
const cards = { ok: '4242 4242 4242 4242', declined: '4000 0000 0000 0002', noFunds: '4000 0000 0000 9995', authentication: '4000 0027 6000 3184' };
const returnUrl = 'http://localhost:8787/pagamenti?tab=tari';

describe.each(storeFactories)('paying by card on the comune site, on the $name store', (factory) => {
  let d: Demo;
  beforeEach(async () => {
    d = await openDemo(factory);
  });
  afterEach(() => d.dispose());

  const credit = demoCredits[0]!;
  const open = (index = 0) => d.engine.checkoutSessions.create(d.website, { creditId: demoCredits[index]!.id, amount: demoCredits[index]!.amount, returnUrl, locale: 'it' });
  const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
  const payWith = async (url: string, number: string) => d.acquirer.submitCard(tokenOf(url), card(number));
  const balanceOf = async (id: string) => (await d.engine.context.store.read((tx) => tx.ledger.balance(id))) ?? 0;

  it('opens a session with the web fee and the acquirer page, and sends the citizen back to the comune with its id', async () => {
    const session = await open();
    expect(session).toMatchObject({ status: 'open', creditId: credit.id, amount: credit.amount, fee: 100, total: credit.amount + 100, payment: null, lastDecline: null });
    expect(session.url).toMatch(/^http:\/\/paybox\.test\/sandbox-acquirer\/pay\//);
    expect(new URL(session.returnUrl).searchParams.get('paybox_checkout')).toBe(session.id);
    expect(new URL(session.returnUrl).searchParams.get('tab')).toBe('tari');
    expect(Date.parse(session.expiresAt) - Date.parse(session.createdAt)).toBe(30 * 60_000);
    expect(await d.acquirer.openPayment(tokenOf(session.url))).toMatchObject({ reference: session.id, amount: session.total, merchantName: 'Comune di Valdimonte', expired: false });
  });

  it('settles a card payment like a shop payment: credit closed, receipt, one transfer with its CRO/TRN, the card captured once', async () => {
    const floatBefore = await d.engine.agents.floatBalance(d.shop.agentId);
    const session = await open();
    expect(await payWith(session.url, cards.ok)).toEqual({ kind: 'authorized' });
    await d.engine.transfers.idle();

    const paid = await d.engine.checkoutSessions.get(d.website, session.id);
    expect(paid.status).toBe('succeeded');
    expect(paid.payment).toMatchObject({ channel: 'web', agentId: null, terminalId: null, amount: credit.amount, fee: 100, total: credit.amount + 100, floatDebited: 0, transfer: { status: 'settled' } });
    expect(paid.payment!.transfer.bankReference).toMatch(/^PBXSBX\d{20}$/);
    const [looked] = await d.engine.credits.lookup(d.website, { noticeNumber: paid.payment!.noticeNumber });
    expect(looked!.status).toBe('paid');

    const receipt = await d.engine.checkoutSessions.receipt(d.website, session.id);
    expect(receipt).toMatchObject({ total: credit.amount + 100, collectedBy: { agentName: null }, transfer: { bankReference: paid.payment!.transfer.bankReference } });
    expect(receipt.collectedBy.statement).toBe('Incassato da Pay-Box Istituto di Pagamento S.p.A. per conto di Comune di Valdimonte.');

    // The acquirer owes the whole charge; the comune was paid by the transfer; no shop's float moved.
    expect(await balanceOf(accountId(accounts.acquirerReceivable()))).toBe(credit.amount + 100);
    expect(await d.engine.agents.floatBalance(d.shop.agentId)).toBe(floatBefore);
    expect(d.acquirer.operations).toEqual([{ operation: 'capture', authorizationId: expect.stringMatching(/^aut_/), amount: credit.amount + 100 }]);
    expect(d.bank.transfersFor(paid.payment!.id)).toHaveLength(1);
    await expectMoneyInvariants(d.engine, d.bank);
  });

  it('a refused card charges nothing and leaves the session open for another card', async () => {
    const session = await open();
    const rows = await d.store.diagnostics.rowCounts();
    expect(await payWith(session.url, cards.declined)).toEqual({ kind: 'declined', reason: 'card_declined' });
    expect(await payWith(session.url, cards.noFunds)).toEqual({ kind: 'declined', reason: 'insufficient_funds' });
    const declined = await d.engine.checkoutSessions.get(d.website, session.id);
    expect(declined).toMatchObject({ status: 'open', payment: null, lastDecline: { reason: 'insufficient_funds' } });
    expect(await d.store.diagnostics.rowCounts()).toEqual(rows);

    expect(await payWith(session.url, cards.ok)).toEqual({ kind: 'authorized' });
    expect((await d.engine.checkoutSessions.get(d.website, session.id)).status).toBe('succeeded');
  });

  it('asks for the bank’s confirmation (3-D Secure): refused, nothing is charged; confirmed, it pays', async () => {
    const session = await open();
    const asked = await payWith(session.url, cards.authentication);
    expect(asked.kind).toBe('authentication');
    const challenge = (asked as { challenge: string }).challenge;
    expect(await d.acquirer.authenticate(tokenOf(session.url), 'forged', true)).toEqual({ kind: 'unavailable' });
    expect(await d.acquirer.authenticate(tokenOf(session.url), challenge, false)).toEqual({ kind: 'declined', reason: 'authentication_failed' });
    expect((await d.engine.checkoutSessions.get(d.website, session.id)).lastDecline?.reason).toBe('authentication_failed');
    expect(await d.acquirer.authenticate(tokenOf(session.url), challenge, true)).toEqual({ kind: 'authorized' });
    expect((await d.engine.checkoutSessions.get(d.website, session.id)).status).toBe('succeeded');
  });

  it('the same notification twice (a double callback) makes one payment', async () => {
    const delivered: Request[] = [];
    const deliver = (request: Request) => d.engine.checkoutSessions.recordNotification(request.headers.get('x-body')!, request.headers);
    d.acquirer.deliverTo(async (request) => {
      const body = await request.text();
      delivered.push(new Request(request.url, { method: 'POST', headers: { ...Object.fromEntries(request.headers), 'x-body': body } }));
      return Response.json({ effect: await d.engine.checkoutSessions.recordNotification(body, request.headers) });
    });
    const session = await open();
    await payWith(session.url, cards.ok);
    await d.engine.transfers.idle();
    const rows = await d.store.diagnostics.snapshot();
    expect(await deliver(delivered[0]!)).toBe('repeated');
    expect(await d.store.diagnostics.snapshot()).toEqual(rows);
    expect(d.acquirer.operations.filter((operation) => operation.operation === 'capture')).toHaveLength(1);
  });

  it('two tabs paying one credit: one payment; the other tab is told it is already paid and its card is not charged', async () => {
    const [first, second] = await Promise.all([open(), open()]);
    const outcomes = await Promise.all([payWith(first.url, cards.ok), payWith(second.url, cards.ok)]);
    expect(outcomes).toEqual([{ kind: 'authorized' }, { kind: 'authorized' }]);
    await d.engine.transfers.idle();

    const sessions = await Promise.all([first, second].map((session) => d.engine.checkoutSessions.get(d.website, session.id)));
    expect(sessions.map((session) => session.status).sort()).toEqual(['already_paid', 'succeeded']);
    expect(sessions.find((session) => session.status === 'already_paid')!.payment).toBeNull();
    expect(d.acquirer.operations.map((operation) => operation.operation).sort()).toEqual(['capture', 'void']);
    await expectMoneyInvariants(d.engine, d.bank);
  });

  it('a credit paid at a shop meanwhile: the card authorised later is voided, and the session says already paid', async () => {
    const session = await open();
    await d.engine.payments.create(d.shop, { creditId: credit.id, amount: credit.amount }, 'shop-first');
    await payWith(session.url, cards.ok);
    await d.engine.transfers.idle();
    expect(await d.engine.checkoutSessions.get(d.website, session.id)).toMatchObject({ status: 'already_paid', payment: null });
    expect(d.acquirer.operations).toEqual([{ operation: 'void', authorizationId: expect.stringMatching(/^aut_/) }]);
    expect(await balanceOf(accountId(accounts.acquirerReceivable()))).toBe(0);
    expect(await refusal(open())).toMatchObject({ code: 'credit_already_paid' });
  });

  it('a capture the acquirer refuses is retried by the outbox until it is done, once', async () => {
    d.acquirer.failNext('capture', 2);
    const worker = d.engine.transfers.worker({ pollMs: 20 });
    worker.start();
    try {
      const session = await open();
      await payWith(session.url, cards.ok);
      expect((await d.engine.checkoutSessions.get(d.website, session.id)).status).toBe('succeeded');
      await expect.poll(() => d.acquirer.operations.length, { timeout: 5_000 }).toBe(1);
      await expect.poll(() => d.engine.context.store.read((tx) => tx.outbox.pendingCount()), { timeout: 5_000 }).toBe(0);
    } finally {
      await worker.stop();
    }
  });

  it('refuses a notification that is not signed by the acquirer, or that charges another amount, changing nothing that moves money', async () => {
    const session = await open();
    const rows = await d.store.diagnostics.snapshot();
    const forged = JSON.stringify({ reference: session.id, outcome: 'authorized', authorizationId: 'aut_forged0000000000000', amount: session.total });
    const headers = new Headers({ 'Sandbox-Acquirer-Signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` });
    expect(await refusal(d.engine.checkoutSessions.recordNotification(forged, headers))).toMatchObject({ code: 'unauthorized' });
    expect(await refusal(d.engine.checkoutSessions.recordNotification(forged, new Headers()))).toMatchObject({ code: 'unauthorized' });
    expect(await d.store.diagnostics.snapshot()).toEqual(rows);
  });

  it('an authorisation that arrives after the session expired is voided, and the session reads expired', async () => {
    const session = await open();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.parse(session.expiresAt) + 1_000);
      expect((await d.engine.checkoutSessions.get(d.website, session.id)).status).toBe('expired');
      // The acquirer's page refuses a card by then; a late notification, signed as it signs them, is voided.
      expect(await payWith(session.url, cards.ok)).toEqual({ kind: 'unavailable' });
      const body = JSON.stringify({ reference: session.id, outcome: 'authorized', authorizationId: 'aut_LateAuthorisation000', amount: session.total });
      const sentAt = Math.floor(Date.now() / 1000);
      const headers = new Headers({ 'Sandbox-Acquirer-Signature': `t=${sentAt},v1=${await hmacSha256('sandbox-acquirer-secret-for-tests-only', `${sentAt}.${body}`)}` });
      expect(await d.engine.checkoutSessions.recordNotification(body, headers)).toBe('voided');
    } finally {
      vi.useRealTimers();
    }
    await d.engine.transfers.idle();
    expect(d.acquirer.operations).toEqual([{ operation: 'void', authorizationId: 'aut_LateAuthorisation000' }]);
    expect((await d.engine.checkoutSessions.get(d.website, session.id)).payment).toBeNull();
    expect(await balanceOf(accountId(accounts.acquirerReceivable()))).toBe(0);
  });

  it('refuses a genuine notification replayed after the five minutes its signature is good for', async () => {
    const session = await open();
    const body = JSON.stringify({ reference: session.id, outcome: 'authorized', authorizationId: 'aut_ReplayedLater00000', amount: session.total });
    const sentAt = Math.floor(Date.now() / 1000) - 301;
    const headers = new Headers({ 'Sandbox-Acquirer-Signature': `t=${sentAt},v1=${await hmacSha256('sandbox-acquirer-secret-for-tests-only', `${sentAt}.${body}`)}` });
    expect(await refusal(d.engine.checkoutSessions.recordNotification(body, headers))).toMatchObject({ code: 'unauthorized' });
    expect((await d.engine.checkoutSessions.get(d.website, session.id)).status).toBe('open');
  });

  it('refuses to open a session that could not pay, or that would send the citizen to a page the comune does not own', async () => {
    const rows = await d.store.diagnostics.rowCounts();
    const create = (changes: object) => d.engine.checkoutSessions.create(d.website, { creditId: credit.id, amount: credit.amount, returnUrl, locale: 'it', ...changes });
    expect(await refusal(create({ returnUrl: 'https://phishing.example/pay' }))).toMatchObject({ code: 'validation_failed', details: [{ path: 'returnUrl' }] });
    expect(await refusal(create({ amount: credit.amount - 1 }))).toMatchObject({ code: 'amount_mismatch', details: { expected: credit.amount } });
    expect(await refusal(create({ creditId: 'crd_0000000000000000' }))).toMatchObject({ code: 'credit_not_found' });
    expect(await d.store.diagnostics.rowCounts()).toEqual(rows);
    expect(await refusal(d.engine.checkoutSessions.get(d.website, 'cks_0000000000000000'))).toMatchObject({ code: 'checkout_session_not_found' });
  });

  it('a traffic fine paid by card from its pre-notice: the credit is opened and closed when the card is authorised, none is left by a session given up', async () => {
    const today = romeDate(new Date());
    const preNotice = { serviceCode: 'MULTA', debtor: { taxCode: 'BNCGLI90D43F205U', name: 'Giulia Bianchi' }, fields: { preNoticeNumber: 'PA-2026-0142', plate: 'AB123CD', date: today, place: 'via Roma 12', violation: 'ART158-SOSTA' } };
    const openFine = () => d.engine.checkoutSessions.create(d.website, { unexpectedCredit: preNotice, amount: 2_940, returnUrl, locale: 'it' });
    const credits = async () => (await d.store.diagnostics.rowCounts()).credits ?? 0;
    const before = await credits();

    const given = await openFine();
    expect(given).toMatchObject({ status: 'open', creditId: null, noticeNumber: null, serviceCode: 'MULTA', amount: 2_940, fee: 100, total: 3_040 });
    expect(given.description).toContain('AB123CD');
    const session = await openFine();
    expect(await credits(), 'no credit until a card pays').toBe(before);

    expect(await payWith(session.url, cards.ok)).toEqual({ kind: 'authorized' });
    const paid = await d.engine.checkoutSessions.get(d.website, session.id);
    expect(paid).toMatchObject({ status: 'succeeded', creditId: expect.stringMatching(/^crd_/), noticeNumber: expect.stringMatching(/^3\d{17}$/), payment: { channel: 'web', amount: 2_940 } });
    expect(paid.payment!.creditId).toBe(paid.creditId);
    const fine = await d.engine.context.store.read((tx) => tx.credits.get(d.website.comuneId, paid.creditId!));
    expect(fine).toMatchObject({ unexpected: true, status: 'paid', amount: 2_940, fields: { violation: 'ART158-SOSTA', plate: 'AB123CD' } });
    expect(await credits()).toBe(before + 1);
    expect((await d.engine.checkoutSessions.get(d.website, given.id)).status).toBe('open');

    expect(await refusal(d.engine.checkoutSessions.create(d.website, { unexpectedCredit: preNotice, amount: 4_200, returnUrl, locale: 'it' }))).toMatchObject({
      code: 'amount_out_of_bounds',
      details: { expected: 2_940, reduced: true },
    });
    expect(await refusal(d.engine.checkoutSessions.create(d.website, { unexpectedCredit: { ...preNotice, fields: { ...preNotice.fields, plate: '' } }, amount: 2_940, returnUrl, locale: 'it' }))).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'unexpectedCredit.fields.plate' }],
    });
    await expectMoneyInvariants(d.engine, d.bank);
  });

  it('lists the comune’s shops with their opening hours, for paying in cash', async () => {
    const { data } = await d.engine.points.list(d.website);
    expect(data.map((point) => point.name)).toEqual(['Edicola del Mercato', 'Tabaccheria Centrale di Neri Carla']);
    expect(data[1]!.openingHours).toContainEqual({ day: 1, opens: '07:30', closes: '13:00' });
    expect(data[0]!.openingHours.some((interval) => interval.day === 7)).toBe(true);
  });
});
