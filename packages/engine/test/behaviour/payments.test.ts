import { demoCredits } from '@pay-box/engine/demo';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drainFloat } from '../../../../test-support/float.js';
import { expectMoneyInvariants } from '../../../../test-support/money-invariants.js';
import { storeFactories } from '../../../../test-support/stores.js';
import { openDemo, type Demo } from '../support/demo.js';

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe.each(storeFactories)('paying at a shop, on the $name store', (factory) => {
  let d: Demo;
  beforeEach(async () => {
    d = await openDemo(factory);
  });
  afterEach(() => d.dispose());

  const credit = (index: number) => demoCredits[index]!;
  const pay = (index: number, key: string, shop = d.shop) => d.engine.payments.create(shop, { creditId: credit(index).id, amount: credit(index).amount }, key);

  it('debits the float, closes the credit, issues the receipt and settles one transfer with its bank reference', async () => {
    const before = await d.engine.agents.floatBalance(d.shop.agentId);
    const { payment, replayed } = await pay(0, 'k1');

    expect(replayed).toBe(false);
    expect(payment).toMatchObject({ status: 'succeeded', amount: 14_350, fee: 150, total: 14_500, floatDebited: 14_400, transfer: { status: 'settled' } });
    expect(payment.transfer.bankReference).toMatch(/^PBXSBX\d{20}$/);
    expect(await d.engine.agents.floatBalance(d.shop.agentId)).toBe(before - 14_400);
    const [looked] = await d.engine.credits.lookup(d.shop, { noticeNumber: payment.noticeNumber });
    expect(looked).toMatchObject({ status: 'paid', paidAt: payment.createdAt });

    const receipt = await d.engine.receipts.get(d.shop, payment.receipt.id);
    expect(receipt).toMatchObject({ paymentId: payment.id, total: 14_500, transfer: { status: 'settled', bankReference: payment.transfer.bankReference } });
    expect(await d.engine.receipts.verify(receipt.verificationCode.toLowerCase().replaceAll('-', ''))).toMatchObject({ valid: true, receipt: { total: 14_500 } });
    expect(d.bank.transfersFor(payment.id)).toHaveLength(1);
    await expectMoneyInvariants(d.engine, d.bank);
  });

  it('replays the same Idempotency-Key: the same payment, nothing written', async () => {
    const first = await pay(0, 'same');
    const rows = await d.store.diagnostics.snapshot();
    const again = await pay(0, 'same');
    expect(again).toEqual({ payment: first.payment, replayed: true });
    expect(await d.store.diagnostics.snapshot()).toEqual(rows);
  });

  it('refuses a key reused with another body (422), and scopes keys per API key', async () => {
    await pay(0, 'reused');
    const rows = await d.store.diagnostics.snapshot();
    expect(await refusal(pay(1, 'reused'))).toMatchObject({ code: 'idempotency_key_reused', status: 422 });
    expect(await d.store.diagnostics.snapshot()).toEqual(rows);
    expect((await pay(1, 'reused', d.otherShop)).payment.agentId).toBe(d.otherShop.agentId);
  });

  it('the same key twice at once makes one payment: the second waits its turn (409) or replays it', async () => {
    const outcomes = await Promise.allSettled([pay(0, 'twice'), pay(0, 'twice')]);
    const paid = outcomes.filter((outcome) => outcome.status === 'fulfilled').map((outcome) => outcome.value.payment.id);
    expect(new Set(paid).size).toBe(1);
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'request_in_progress' });
    expect(d.bank.transfersFor(paid[0]!)).toHaveLength(1);
  });

  it('two shops paying one credit at once: one pays, the other is told credit_already_paid, and the money moves once', async () => {
    const outcomes = await Promise.allSettled([pay(2, 'a'), pay(2, 'b', d.otherShop)]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'credit_already_paid' } });
    await expectMoneyInvariants(d.engine, d.bank);
  });

  it('closes a credit only at the amount its payment read: an amount the comune edited meanwhile stays open', async () => {
    // On PostgreSQL an edit can commit between the payment's read of the credit and its close.
    const { id, amount } = credit(4);
    const at = new Date().toISOString();
    expect(await d.store.transaction((tx) => tx.credits.markPaid(id, at, amount + 100))).toBe(false);
    expect((await d.store.read((tx) => tx.credits.get(d.shop.comuneId, id)))!.status).toBe('open');
    expect(await d.store.transaction((tx) => tx.credits.markPaid(id, at, amount))).toBe(true);
  });

  it('refuses a wrong amount and an unknown credit, writing nothing', async () => {
    const rows = await d.store.diagnostics.snapshot();
    expect(await refusal(d.engine.payments.create(d.shop, { creditId: credit(3).id, amount: credit(3).amount - 1 }, 'wrong'))).toMatchObject({
      code: 'amount_mismatch',
      details: { expected: credit(3).amount, received: credit(3).amount - 1 },
    });
    expect(await refusal(d.engine.payments.create(d.shop, { creditId: 'crd_DoesNotExist01', amount: 100 }, 'unknown'))).toMatchObject({ code: 'credit_not_found' });
    expect(await d.store.diagnostics.snapshot()).toEqual(rows);
  });

  it('stops at insufficient_float with the balance and what was required, and charges nothing', async () => {
    // The float pays the amount and the institution's share of the fee (EUR 0.50): leave one cent less.
    const required = credit(0).amount + 50;
    await drainFloat(d.engine, d.otherShop.agentId, required - 1);
    const rows = await d.store.diagnostics.snapshot();
    const error = await refusal(pay(0, 'too-much', d.otherShop));
    expect(error).toMatchObject({ code: 'insufficient_float', status: 402, details: { balance: required - 1, required } });
    expect(await d.store.diagnostics.snapshot()).toEqual(rows);
    // One cent more and the same request goes through: the refusal stored nothing under its key.
    await d.engine.agents.topUp(d.otherShop.agentId, 1);
    expect((await pay(0, 'too-much', d.otherShop)).payment.floatDebited).toBe(required);
    expect(await d.engine.agents.floatBalance(d.otherShop.agentId)).toBe(0);
  });

  it('keeps a shop out of another shop’s payments and receipts', async () => {
    const { payment } = await pay(0, 'mine');
    expect(await refusal(d.engine.payments.get(d.otherShop, payment.id))).toMatchObject({ code: 'payment_not_found' });
    expect(await refusal(d.engine.receipts.get(d.otherShop, payment.receipt.id))).toMatchObject({ code: 'receipt_not_found' });
  });

  it('charges the fee the comune sets for shops, with the shop keeping its share in cash', async () => {
    await d.store.transaction((tx) => tx.fees.set(d.demo.comuneId, 'agent', { citizenFee: 200, agentShare: 120 }));
    const { payment } = await pay(0, 'fees');
    expect(payment).toMatchObject({ fee: 200, total: credit(0).amount + 200, floatDebited: credit(0).amount + 80 });
    await d.store.transaction((tx) => tx.fees.set(d.demo.comuneId, 'agent', { citizenFee: 0, agentShare: 0 }));
    const free = await pay(1, 'free');
    expect(free.payment).toMatchObject({ fee: 0, floatDebited: credit(1).amount });
    await expectMoneyInvariants(d.engine, d.bank);
  });
});
