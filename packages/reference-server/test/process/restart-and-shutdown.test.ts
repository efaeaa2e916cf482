import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Credit, Payment } from '@pay-box/contract';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { startReferenceServer, type ReferenceServerProcess } from '../../../../test-support/reference-server-process.js';
import { bankBookings } from '../support/bank-book.js';

async function call<T>(server: ReferenceServerProcess, key: string, path: string, body?: unknown, idempotencyKey?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function payFirstDemoCredit(server: ReferenceServerProcess): Promise<Payment> {
  const demo = server.credentials();
  const credit = (await call<{ data: Credit[] }>(server, demo.terminalKey, '/v1/credits/lookup', { noticeNumber: demo.sampleNoticeNumbers[0] })).body.data[0]!;
  const created = await call<Payment>(server, demo.terminalKey, '/v1/payments', { creditId: credit.id, amount: credit.amount }, `restart-${credit.id}`);
  expect(created.status).toBe(201);
  return created.body;
}

const outboxPending = (dataDir: string) => {
  const db = new Database(join(dataDir, 'paybox.sqlite'), { readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM outbox WHERE status = 'pending'`).pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('a server process killed or stopped in the middle of its work', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paybox-process-'));
  let running: ReferenceServerProcess | undefined;
  afterEach(async () => {
    running?.child.kill('SIGKILL');
    await running?.exited;
    running = undefined;
  });

  it.each([
    ['after the bank booked the transfer (its answer lost)', 'timeout', 1],
    ['before the bank received it (the request lost)', 'lost', 0],
  ] as const)('killed %s: the next start finishes the outbox without a second transfer', async (_when, fault, bookedBeforeKill) => {
    rmSync(dataDir, { recursive: true, force: true });
    // The bank never answers and the dispatcher would wait a minute: the kill lands mid-dispatch.
    running = await startReferenceServer(dataDir, { PAYBOX_RAIL_FAULT: fault, PAYBOX_RAIL_SEND_TIMEOUT_MS: '60000', PAYBOX_OUTBOX_LEASE_MS: '150000', PAYBOX_TRANSFER_WAIT_MS: '200' });
    const payment = await payFirstDemoCredit(running);
    expect(payment.transfer.status).toBe('pending');
    await eventually(() => (running!.output().includes('"status":201') ? true : undefined), 5_000, 'the payment to be logged');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bankBookings(dataDir, payment.id)).toHaveLength(bookedBeforeKill);

    running.child.kill('SIGKILL');
    await running.exited;

    running = await startReferenceServer(dataDir, { PAYBOX_RAIL_SEND_TIMEOUT_MS: '2000' });
    const key = running.credentials().terminalKey;
    const settled = await eventually(async () => {
      const current = (await call<Payment>(running!, key, `/v1/payments/${payment.id}`)).body;
      return current.transfer.status === 'settled' ? current : undefined;
    }, 15_000, 'the transfer to settle after the restart');
    const booked = bankBookings(dataDir, payment.id);
    expect(booked).toHaveLength(1);
    expect(booked[0]!.bank_reference).toBe(settled.transfer.bankReference);
    expect(outboxPending(dataDir)).toBe(0);
  });

  it('SIGTERM lets a payment in flight finish, then exits cleanly with the outbox consistent', async () => {
    rmSync(dataDir, { recursive: true, force: true });
    running = await startReferenceServer(dataDir, { PAYBOX_RAIL_FAULT: 'timeout', PAYBOX_RAIL_SEND_TIMEOUT_MS: '800', PAYBOX_TRANSFER_WAIT_MS: '1500' });
    const inFlight = payFirstDemoCredit(running);
    await new Promise((resolve) => setTimeout(resolve, 300));
    running.child.kill('SIGTERM');
    const payment = await inFlight;
    expect(payment.status).toBe('succeeded');
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain('shut down cleanly');
    expect(bankBookings(dataDir, payment.id).length).toBeLessThanOrEqual(1);
    // Whatever the dispatcher had not finished is still in the outbox, and the next start completes it.
    running = await startReferenceServer(dataDir);
    const key = running.credentials().terminalKey;
    await eventually(async () => ((await call<Payment>(running!, key, `/v1/payments/${payment.id}`)).body.transfer.status === 'settled' ? true : undefined), 15_000);
    expect(bankBookings(dataDir, payment.id)).toHaveLength(1);
    expect(outboxPending(dataDir)).toBe(0);
  });
});
