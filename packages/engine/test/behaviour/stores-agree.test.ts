import { demoCredits } from '@pay-box/engine/demo';
import { describe, expect, it } from 'vitest';
import { storeFactories } from '../../../../test-support/stores.js';
import { openDemo, type Demo } from '../support/demo.js';

/** A morning at the shops: payments, a retry, refusals, a market fee, a top-up. */
async function morning(d: Demo): Promise<void> {
  // The comune's tributi system hears of payments and market fees: each event writes its deliveries (none sent here: no worker runs).
  const { principal: admin } = await d.engine.staff.logIn({ email: d.demo.staff.email, password: 'demo-password' });
  await d.engine.webhooks.create(admin, { url: 'https://tributi.comune.example/webhooks', events: ['payment.succeeded', 'unexpected_credit.created'], description: 'Tributi' });
  const pay = (index: number, key: string, shop = d.shop) => d.engine.payments.create(shop, { creditId: demoCredits[index]!.id, amount: demoCredits[index]!.amount }, key);
  await pay(0, 'a');
  await pay(0, 'a');
  await pay(1, 'b', d.otherShop);
  await pay(1, 'c').catch(() => {});
  await d.engine.payments.create(d.shop, { creditId: demoCredits[2]!.id, amount: 1 }, 'd').catch(() => {});
  await d.engine.unexpectedCredits.create(
    d.shop,
    {
      serviceCode: 'MERCATO',
      debtor: { taxCode: 'VRDLCU78L21F839T', name: 'Luca Verdi' },
      fields: { market: 'SABATO-CONTADINO', date: '2026-11-28', stallNumber: 'C3', squareMeters: 4, sector: 'PRODUTTORE_AGRICOLO', licenceNumber: 'AUT-7' },
      amount: 600,
    },
    'e',
  );
  await d.engine.agents.topUp(d.otherShop.agentId, 25_000);
  await d.engine.transfers.idle();
}

/**
 * Every row, but the staff password hashes (salted at random, as they must be) and where a comune's
 * IUVs continue: a shared store reserves them in blocks. The credits' notice numbers still agree.
 */
async function rows(d: Demo): Promise<Record<string, unknown[]>> {
  const snapshot = await d.store.diagnostics.snapshot();
  return {
    ...snapshot,
    staff_users: snapshot.staff_users!.map((row) => ({ ...(row as object), password_hash: 'salted' })),
    comuni: snapshot.comuni!.map((row) => ({ ...(row as object), next_iuv: 'reserved' })),
  };
}

describe('every store holds the same books after the same calls', () => {
  it(`${storeFactories.map((factory) => factory.name).join(' and ')} end up with the same rows, column for column`, async () => {
    const results = [];
    for (const factory of storeFactories) {
      const d = await openDemo(factory, { deterministic: true });
      try {
        await morning(d);
        results.push(await rows(d));
      } finally {
        await d.dispose();
      }
    }
    const [first, ...others] = results;
    expect(first!.payments).toHaveLength(4);
    expect(first!.webhook_deliveries, "the morning's three payments and its market fee").toHaveLength(4);
    for (const other of others) expect(other).toEqual(first);
  });
});
