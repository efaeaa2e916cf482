import { demoComune, demoCredits } from '@pay-box/engine/demo';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectMoneyInvariants } from '../../../../test-support/money-invariants.js';
import { storeFactories } from '../../../../test-support/stores.js';
import { openDemo, type Demo } from '../support/demo.js';

describe.each(storeFactories)('the events feed, on the $name store', (factory) => {
  let d: Demo;
  beforeEach(async () => {
    d = await openDemo(factory);
  });
  afterEach(() => d.dispose());

  const feed = () => d.store.read((tx) => tx.events.after(demoComune.id, 0, 1_000));
  const pay = (key: string) => d.engine.payments.create(d.shop, { creditId: demoCredits[0]!.id, amount: demoCredits[0]!.amount }, key);

  it('keeps the order of the events a fact appends, however many', async () => {
    const before = await feed();
    const at = new Date().toISOString();
    const events = Array.from({ length: 19 }, (_, i) => ({ id: `evt_order${String(i).padStart(15, '0')}`, comuneId: demoComune.id, type: 'test.ordered', subjectId: `sub_${i}`, data: { i }, createdAt: at }));
    await d.store.transaction((tx) => tx.events.append(events));
    const added = (await feed()).slice(before.length);
    expect(added.map((event) => event.data)).toEqual(events.map((event) => event.data));
    expect(added.map((event) => event.seq)).toEqual([...added.map((event) => event.seq)].sort((a, b) => a - b));
  });

  it('holds one event per fact, committed with it: a payment, its credit paid and its settled transfer, and nothing for a payment refused', async () => {
    const before = await feed();
    const { payment } = await pay('first');
    await d.engine.transfers.idle();
    await expect(pay('second')).rejects.toMatchObject({ code: 'credit_already_paid' });
    const added = (await feed()).slice(before.length);
    expect(added.map((event) => [event.type, event.subjectId])).toEqual([
      ['payment.succeeded', payment.id],
      ['credit.paid', demoCredits[0]!.id],
      ['transfer.settled', payment.id],
    ]);
    // The shop is named as the comune's books name it (the name comes with the key's authentication, not a read of its own).
    const shop = (await d.store.read((tx) => tx.agents.get(d.shop.agentId)))!;
    expect(added[0]!.data).toMatchObject({ id: payment.id, agent: { id: shop.id, name: shop.name } });
    expect(added[1]!.data).toMatchObject({ paymentId: payment.id, noticeNumber: payment.noticeNumber, amount: demoCredits[0]!.amount, receiptNumber: payment.receipt.number });
    expect(added[2]!.data).toMatchObject({ bankReference: payment.transfer.bankReference, transferId: payment.transfer.id });
    expect(added.map((event) => event.seq)).toEqual([...added.map((event) => event.seq)].sort((a, b) => a - b));
  });

  it('a rejected transfer sent again settles once under a new EndToEndId; a second retry and a resolution after it are refused', async () => {
    const { principal: staff } = await d.engine.staff.logIn({ email: d.demo.staff.email, password: 'demo-password' });
    d.bank.injectFaults({ fault: 'reject', times: 1 });
    const { payment } = await pay('rejected');
    await d.engine.transfers.idle();
    expect(payment.transfer.status).toBe('rejected');

    const retried = await d.engine.live.transfers.retry(staff, payment.transfer.id);
    expect(retried).toMatchObject({ status: 'pending', retries: 1 });
    await expect(d.engine.live.transfers.retry(staff, payment.transfer.id)).rejects.toMatchObject({ code: 'transfer_not_rejected' });
    await d.engine.transfers.idle();
    const detail = await d.engine.live.payments.get(staff, payment.id);
    expect(detail).toMatchObject({ endToEndId: `${payment.id}-R1`, transfer: { status: 'settled' } });
    expect(d.bank.transfersFor(`${payment.id}-R1`).map((booked) => booked.bankReference)).toEqual([detail.transfer.bankReference]);
    await expect(d.engine.live.transfers.resolve(staff, payment.transfer.id, { note: 'too late' })).rejects.toMatchObject({ code: 'transfer_not_rejected' });
    // A late answer to the rejected send changes nothing.
    expect(await d.engine.transfers.recordAnswer(payment.id, { outcome: 'rejected', reasonCode: 'AC04', reason: 'Closed account number' })).toBe('already_recorded');
    expect((await feed()).filter((event) => event.subjectId === payment.id).map((event) => event.type)).toEqual(['payment.succeeded', 'transfer.failed', 'transfer.retried', 'transfer.settled']);
    await expectMoneyInvariants(d.engine, d.bank);
  });
});
