import type { Payment } from '@pay-box/contract';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultName } from '@pay-box/engine';
import { lookupNotice, pay } from '../support/demo-flow.js';
import { eventually } from '../support/eventually.js';
import { expectMoneyInvariants } from '../support/invariants.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** A bank that misbehaves on purpose, with short time-outs so the dispatcher's recovery is exercised quickly. */
async function serverWithFault(fault: FaultName, rate = 1, times?: number): Promise<TestServer> {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  return startTestServer({
    bank: { faults: { fault, rate, ...(times === undefined ? {} : { times }) }, random, latencyMs: 5, lateAnswerMs: 150 },
    config: { transferWaitMs: 100, dispatch: { sendTimeoutMs: 120, leaseMs: 5_000, retryBaseMs: 30, retryMaxMs: 150 }, worker: { pollMs: 20, concurrency: 8 } },
  });
}

async function finalPayment(server: TestServer, id: string): Promise<Payment> {
  return eventually(async () => {
    const payment = (await server.api<Payment>(`/v1/payments/${id}`)).body;
    return payment.transfer.status === 'pending' ? undefined : payment;
  }, 8_000, `transfer of ${id} to leave pending`);
}

const settlementPostings = async (server: TestServer, paymentId: string) =>
  (await server.query(`SELECT l.id FROM ledger_transactions l JOIN transfers t ON t.id = l.reference_id WHERE l.kind = 'settlement' AND t.payment_id = ?`, paymentId)).length;

describe('the bank misbehaves: still exactly one transfer per payment and a consistent ledger', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });

  it.each<[FaultName, string]>([
    ['timeout', 'the answer never comes: the dispatcher asks the status and finds it settled'],
    ['lost', 'the request never reached the bank: the status is unknown, so it is sent, once'],
    ['late', 'the answer comes after the time-out: processing, then settled through the late answer'],
    ['duplicate', 'the bank answers twice: the second answer changes nothing'],
  ])('%s: %s', async (fault) => {
    // A lost request is lost once: were every send lost, no transfer could ever arrive.
    server = await serverWithFault(fault, 1, fault === 'lost' ? 1 : undefined);
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[0]!);
    const created = await pay(server, credit);
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('succeeded');
    if (fault !== 'duplicate') expect(created.body.transfer).toMatchObject({ status: 'pending', bankReference: null });

    const settled = await finalPayment(server, created.body.id);
    expect(settled.transfer.status).toBe('settled');
    expect(server.bank.transfersFor(settled.id)).toHaveLength(1);
    expect(server.bank.transfersFor(settled.id)[0]!.bankReference).toBe(settled.transfer.bankReference);
    await new Promise((resolve) => setTimeout(resolve, 250)); // let late and duplicate answers arrive
    expect(await settlementPostings(server, settled.id)).toBe(1);
    const text = await server.api(`/v1/receipts/${settled.receipt.id}?format=text80`);
    expect(text.text).toContain(settled.transfer.bankReference!);
    await expectMoneyInvariants(server);
  });

  it('reject: the transfer is rejected once, nothing settles, the comune is still owed the amount', async () => {
    server = await serverWithFault('reject');
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[0]!);
    const created = await pay(server, credit);
    const rejected = await finalPayment(server, created.body.id);
    expect(rejected.transfer).toMatchObject({ status: 'rejected', bankReference: null });
    expect(rejected.status).toBe('succeeded');
    expect(server.bank.transfersFor(rejected.id)).toHaveLength(1);
    expect(await settlementPostings(server, rejected.id)).toBe(0);
    expect(await server.query(`SELECT balance FROM ledger_balances WHERE kind = 'comune_payable'`)).toEqual([{ balance: -credit.amount }]);
    const receipt = await server.api(`/v1/receipts/${rejected.receipt.id}?format=text58`);
    expect(receipt.text).toMatch(/CRO\/TRN:\s+in verifica/);
    expect(await server.query(`SELECT id FROM outbox WHERE status = 'pending'`)).toEqual([]);
    await expectMoneyInvariants(server);
  });

  it('a mixed bad day: half the transfers hit random faults, every payment ends with at most one bank transfer', async () => {
    for (const fault of ['timeout', 'late', 'duplicate', 'lost'] as const) {
      server = await serverWithFault(fault, 0.5);
      const payments = await Promise.all(
        server.demo.sampleNoticeNumbers.slice(0, 6).map(async (notice) => (await pay(server!, await lookupNotice(server!, notice))).body),
      );
      for (const payment of payments) expect((await finalPayment(server, payment.id)).transfer.status).toBe('settled');
      await new Promise((resolve) => setTimeout(resolve, 250));
      await expectMoneyInvariants(server);
      await server.dispose();
      server = undefined;
    }
  });
});
