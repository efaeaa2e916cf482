import type { Payment } from '@pay-box/contract';
import type { FaultName, OutboxWorker } from '@pay-box/engine';
import { demoCredits } from '@pay-box/engine/demo';
import { afterEach, describe, expect, it } from 'vitest';
import { expectMoneyInvariants } from '../../../../test-support/money-invariants.js';
import { storeFactories } from '../../../../test-support/stores.js';
import { openDemo, type Demo } from '../support/demo.js';
import { deadLine } from '../support/rails.js';

/** Short time-outs, so that recovery is exercised in milliseconds. */
const quick = { transferWaitMs: 100, dispatch: { sendTimeoutMs: 120, leaseMs: 5_000, retryBaseMs: 30, retryMaxMs: 150 } };

async function until<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(storeFactories)('transfers to the comune, on the $name store', (factory) => {
  let d: Demo | undefined;
  let worker: OutboxWorker | undefined;
  afterEach(async () => {
    await worker?.stop();
    await d?.dispose();
    worker = undefined;
    d = undefined;
  });

  /** The engine with the outbox worker running, as the server runs it. */
  async function running(demo: Demo): Promise<Demo> {
    await worker?.stop();
    worker = demo.engine.transfers.worker({ pollMs: 20 });
    worker.start();
    return demo;
  }
  const pay = (demo: Demo, index: number) => demo.engine.payments.create(demo.shop, { creditId: demoCredits[index]!.id, amount: demoCredits[index]!.amount }, `pay-${index}`);
  const answered = (demo: Demo, paymentId: string) =>
    until(async () => {
      const payment = await demo.engine.payments.get(demo.shop, paymentId);
      return payment.transfer.status === 'pending' ? undefined : payment;
    }, `the transfer of ${paymentId} to be answered`);
  const settlements = async (demo: Demo, payment: Payment) =>
    ((await demo.store.diagnostics.snapshot()).ledger_transactions as Array<{ kind: string; reference_id: string }>).filter(
      (row) => row.kind === 'settlement' && row.reference_id === payment.transfer.id,
    ).length;

  describe('a bank that misbehaves: still one transfer per payment and the books balanced', () => {
    it.each<[FaultName, string]>([
      ['timeout', 'the answer never comes: asked for the status, the bank says settled'],
      ['lost', 'the order never reached the bank: the status is unknown, so it is sent, once'],
      ['late', 'the answer comes after the time-out: processing, then settled by the late answer'],
      ['duplicate', 'the bank answers twice: the second answer changes nothing'],
    ])('%s: %s', async (fault) => {
      // A lost order is lost once: were every send lost, no transfer could ever arrive.
      d = await running(await openDemo(factory, { ...quick, bank: { faults: { fault, rate: 1, ...(fault === 'lost' && { times: 1 }) }, lateAnswerMs: 150 } }));
      const { payment } = await pay(d, 0);
      if (fault !== 'duplicate') expect(payment.transfer).toMatchObject({ status: 'pending', bankReference: null });

      const settled = await answered(d, payment.id);
      expect(settled.transfer.status).toBe('settled');
      expect(d.bank.transfersFor(payment.id).map((booked) => booked.bankReference)).toEqual([settled.transfer.bankReference]);
      await new Promise((resolve) => setTimeout(resolve, 250)); // late and duplicate answers arrive meanwhile
      expect(await settlements(d, settled)).toBe(1);
      await expectMoneyInvariants(d.engine, d.bank);
    });

    it('reject: rejected once, nothing settles, the comune is still owed the amount, the outbox is done', async () => {
      d = await running(await openDemo(factory, { ...quick, bank: { faults: { fault: 'reject' } } }));
      const { payment } = await pay(d, 0);
      const rejected = await answered(d, payment.id);
      expect(rejected.transfer).toMatchObject({ status: 'rejected', bankReference: null });
      expect(d.bank.transfersFor(payment.id)).toHaveLength(1);
      expect(await settlements(d, rejected)).toBe(0);
      expect((await d.engine.books.health()).pendingOutbox).toBe(0);
      await expectMoneyInvariants(d.engine, d.bank);
    });
  });

  describe('a process killed in the middle of a payment', () => {
    it.each(['before the bank', 'after the bank'] as const)('killed %s received the order: the next start sends it, once', async (when) => {
      d = await openDemo(factory, quick);
      const line = deadLine(d.bank, when);
      const crashing = await d.restart({ rail: line });
      // The process dies waiting for the bank; what it would still have done afterwards fails on the closed store.
      pay(crashing, 0).catch(() => {});
      await until(async () => (line.sent.length > 0 ? true : undefined), 'the order to leave');
      d = await running(await crashing.restart({ crashed: true }));
      await d.engine.transfers.releaseAllLeases();

      const paymentId = line.sent[0]!.endToEndId;
      const settled = await answered(d, paymentId);
      expect(settled.transfer.status).toBe('settled');
      expect(d.bank.transfersFor(paymentId)).toHaveLength(1);
      await expectMoneyInvariants(d.engine, d.bank);
    });

    it('killed again and again while recovering, it still resumes at once when it comes back', async () => {
      d = await openDemo(factory, quick);
      let line = deadLine(d.bank, 'before the bank');
      let current = await d.restart({ rail: line });
      pay(current, 0).catch(() => {});
      await until(async () => (line.sent.length > 0 ? true : undefined), 'the payment to commit and its order to leave');
      const paymentId = line.sent[0]!.endToEndId;
      for (let crash = 0; crash < 5; crash++) {
        // Each run claims the transfer, asks the bank about it, and dies before the answer.
        line = deadLine(d.bank, 'before the bank');
        current = await current.restart({ crashed: true, rail: line });
        await current.engine.transfers.releaseAllLeases();
        const now = Date.now();
        const claimed = await current.store.transaction((tx) => tx.outbox.claimDue(new Date(now).toISOString(), new Date(now + 60_000).toISOString(), 10));
        expect(claimed.map((row) => row.failures)).toEqual([0]);
        void current.engine.context.dispatcher.dispatch(claimed[0]!);
      }
      d = await running(await current.restart({ crashed: true }));
      await d.engine.transfers.releaseAllLeases();
      const started = Date.now();
      await answered(d, paymentId);
      // Crashes cut claims short; they are not failures, so the backoff does not grow with them.
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(d.bank.transfersFor(paymentId)).toHaveLength(1);
      await expectMoneyInvariants(d.engine, d.bank);
    });
  });
});
