import { demoComune, demoCredits } from '@pay-box/engine/demo';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

  it('holds one event per fact, committed with it: a payment and its settled transfer, and nothing for a payment refused', async () => {
    const before = await feed();
    const { payment } = await pay('first');
    await d.engine.transfers.idle();
    await expect(pay('second')).rejects.toMatchObject({ code: 'credit_already_paid' });
    const added = (await feed()).slice(before.length);
    expect(added.map((event) => [event.type, event.subjectId])).toEqual([
      ['payment.succeeded', payment.id],
      ['transfer.settled', payment.id],
    ]);
    expect(added[1]!.data).toMatchObject({ bankReference: payment.transfer.bankReference, transferId: payment.transfer.id });
    expect(added[0]!.seq).toBeLessThan(added[1]!.seq);
  });
});
