import { demoComune, demoCredits } from '@pay-box/engine/demo';
import { describe, expect, it } from 'vitest';
import { giornaleDiCassa, entryFor } from '../../../../test-support/statements/index.js';
import { storeFactories } from '../../../../test-support/stores.js';
import { openDemo, type Demo } from '../support/demo.js';

const day = '2026-11-26';

/** A day at the shops, then the treasurer's giornale: one payment matched by EndToEndId, one by IUV, one missing, one unknown entry. */
async function reconcileTheDay(d: Demo) {
  const paymentIds: string[] = [];
  for (const [index, key] of [[0, 'a'], [1, 'b'], [2, 'c']] as const) {
    paymentIds.push((await d.engine.payments.create(d.shop, { creditId: demoCredits[index]!.id, amount: demoCredits[index]!.amount }, key)).payment.id);
  }
  await d.engine.transfers.idle();
  const { principal: staff } = await d.engine.staff.logIn({ email: d.demo.staff.email, password: 'demo-password' });
  const [byEndToEnd, byIuv, left] = await d.store.read((tx) => Promise.all(paymentIds.map(async (id) => (await tx.transfers.byPayment(id))!)));
  const xml = giornaleDiCassa({
    comune: demoComune,
    date: day,
    entries: [entryFor(byEndToEnd!, day), { ...entryFor(byIuv!, day), endToEndId: null, bankReference: null }, { amount: 777, bookedOn: day, remittance: 'SCONOSCIUTO' }],
  });
  const imported = await d.engine.reconciliation.importStatement(staff, xml);
  const again = await d.engine.reconciliation.importStatement(staff, xml);
  const run = await d.engine.reconciliation.run(staff);
  const closing = await d.engine.reconciliation.dailyClosing(staff, day);
  const snapshot = await d.store.diagnostics.snapshot();
  // The demo's month of past payments settles at its seed in whatever order the bank answers: which transfers are missing agrees, not when each settled.
  const missing = (result: typeof run) => ({ ...result, missingFromStatement: result.missingFromStatement.map((transfer) => transfer.id).sort() });
  return {
    left: left!.id,
    imported: { ...imported, reconciliation: missing(imported.reconciliation) },
    again: { ...again, reconciliation: missing(again.reconciliation) },
    run: missing(run),
    closing,
    rows: { statements: snapshot.statements, statement_entries: snapshot.statement_entries, transfer_reconciliations: snapshot.transfer_reconciliations },
  };
}

describe('reconciliation on every store', () => {
  it(`${storeFactories.map((factory) => factory.name).join(' and ')} match alike and hold the same reconciliation rows, column for column`, async () => {
    const results = [];
    for (const factory of storeFactories) {
      const d = await openDemo(factory, { deterministic: true });
      try {
        results.push(await reconcileTheDay(d));
      } finally {
        await d.dispose();
      }
    }
    const [first, ...others] = results;
    expect(first!.imported.reconciliation.matched.map((match) => match.by)).toEqual(['end_to_end_id', 'iuv']);
    expect(first!.imported.reconciliation.unknownToPayBox.map((entry) => entry.amount)).toEqual([777]);
    expect(first!.imported.reconciliation.missingFromStatement).toContain(first!.left);
    expect(first!.again).toMatchObject({ id: first!.imported.id, duplicate: true });
    expect(first!.run.matched).toEqual([]);
    expect(first!.rows.transfer_reconciliations).toHaveLength(2);
    for (const other of others) expect(other).toEqual(first);
  });
});
