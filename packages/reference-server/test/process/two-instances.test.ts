import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Payment } from '@pay-box/contract';
import { createEngine, MemoryBankBook, SandboxBank, type Engine } from '@pay-box/engine';
import { DEMO_HISTORY_PAYMENTS, type DemoCredentials } from '@pay-box/engine/demo';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numbersAsNumbers } from '../../src/stores/postgres/numbers-as-numbers.js';
import { PostgresStore } from '../../src/stores/postgres/postgres-store.js';
import { eventually } from '../support/eventually.js';
import { addCredits } from '../../../../test-support/load-fixture.js';
import { createDatabase, MIGRATED_TEMPLATE } from '../../../../test-support/postgres.js';
import { startReferenceServer, type ReferenceServerProcess } from '../../../../test-support/reference-server-process.js';
import { postgresUrl } from '../../../../test-support/stores.js';

interface Answer<T> {
  status: number;
  replayed: boolean;
  body: T;
}

async function call<T>(server: ReferenceServerProcess, key: string, path: string, body?: unknown, idempotencyKey?: string): Promise<Answer<T>> {
  const response = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, replayed: response.headers.get('idempotent-replayed') === 'true', body: (await response.json()) as T };
}

/** Every transfer the shared sandbox bank booked, by EndToEndId (the payment id). */
function bankBookingsByPayment(dataDir: string): Map<string, number> {
  const db = new Database(join(dataDir, 'sandbox-bank.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('SELECT end_to_end_id AS id, count(*) AS n FROM transfers GROUP BY end_to_end_id').all() as Array<{ id: string; n: number }>;
    return new Map(rows.map((row) => [row.id, row.n]));
  } finally {
    db.close();
  }
}

// Two (and more) server processes on one PostgreSQL database, as behind a load balancer. They share
// the data folder too, and with it the sandbox bank's file: one bank for all of them.
describe.skipIf(!postgresUrl)('several server instances on one PostgreSQL database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paybox-instances-'));
  const running: ReferenceServerProcess[] = [];
  let databaseUrl: string;
  let a: ReferenceServerProcess;
  let b: ReferenceServerProcess;
  let demo: DemoCredentials;
  /** The test's own view of the database, through the engine, as an operator's tool would have it. */
  let store: PostgresStore;
  let engine: Engine;

  const start = async (env: Record<string, string> = {}) => {
    const server = await startReferenceServer(dataDir, { PAYBOX_DATABASE_URL: databaseUrl, PAYBOX_RAIL_LATENCY_MS: '5', PAYBOX_LOOKUPS_PER_MINUTE: '100000', ...env });
    running.push(server);
    return server;
  };
  const pendingTransfers = async () => (await engine.books.health()).transfers.pending;
  /** Reads the database from a connection of its own, as an auditor would. */
  const query = async <T>(text: string, ...values: unknown[]): Promise<T[]> => {
    const client = new pg.Client({ connectionString: databaseUrl, types: numbersAsNumbers });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    databaseUrl = await createDatabase(postgresUrl, { template: MIGRATED_TEMPLATE });
    // Started together on an empty database: one of them seeds the demo, once.
    [a, b] = await Promise.all([start(), start()]);
    demo = a.credentials();
    store = await PostgresStore.open(databaseUrl, { poolSize: 4 });
    engine = createEngine({ store, rail: new SandboxBank({ book: new MemoryBankBook() }), settings: { publicUrl: 'http://localhost', institutionName: 'Prova', transferWaitMs: 0 } });
    for (const agentId of [demo.agentId, demo.otherAgentId]) await engine.agents.topUp(agentId, 10_000_000);
  }, 60_000);

  afterAll(async () => {
    for (const server of running) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo once when both start on an empty database', async () => {
    expect(await store.diagnostics.rowCounts()).toMatchObject({ comuni: 1, agents: 2, credits: 21 + DEMO_HISTORY_PAYMENTS, payments: 1 + DEMO_HISTORY_PAYMENTS });
    expect([a, b].filter((server) => server.output().includes('demo seeded on this first start'))).toHaveLength(1);
  });

  it('200 concurrent payments on 50 credits, sent to both: exactly 50 succeed, the others find the credit paid; one transfer each at the bank', async () => {
    await addCredits(engine, demo.comuneId, 30);
    const credits = await query<{ id: string; amount: number }>(`SELECT id, amount FROM credits WHERE status = 'open' ORDER BY id`);
    expect(credits).toHaveLength(50);

    const attempts = Array.from({ length: 200 }, (_, n) => {
      const credit = credits[n % 50]!;
      const server = n % 2 === 0 ? a : b;
      const key = n % 4 < 2 ? demo.terminalKey : demo.otherTerminalKey;
      return call<Payment & { error?: { code: string } }>(server, key, '/v1/payments', { creditId: credit.id, amount: credit.amount }, `race-${n}`);
    });
    const answers = await Promise.all(attempts);

    const succeeded = answers.filter((answer) => answer.status === 201);
    expect(succeeded).toHaveLength(50);
    expect(new Set(succeeded.map((answer) => answer.body.creditId))).toEqual(new Set(credits.map((credit) => credit.id)));
    expect(answers.filter((answer) => answer.status !== 201).map((answer) => [answer.status, answer.body.error?.code])).toEqual(Array(150).fill([409, 'credit_already_paid']));

    await eventually(async () => ((await pendingTransfers()) === 0 ? true : undefined), 20_000, 'every transfer to settle');
    const booked = bankBookingsByPayment(dataDir);
    for (const { body } of succeeded) expect(booked.get(body.id), body.id).toBe(1);
    expect(await store.diagnostics.rowCounts()).toMatchObject({ payments: 51 + DEMO_HISTORY_PAYMENTS, transfers: 51 + DEMO_HISTORY_PAYMENTS });
    await expect(engine.books.check()).resolves.toBeUndefined();
  }, 60_000);

  it('the same Idempotency-Key sent to both at once makes one payment', async () => {
    const [credit] = await addCredits(engine, demo.comuneId, 1);
    const request = { creditId: credit!.id, amount: credit!.amount };
    const answers = await Promise.all([a, b, a, b].map((server) => call<Payment & { error?: { code: string } }>(server, demo.terminalKey, '/v1/payments', request, 'same-key-both-instances')));
    // The replay of the one payment; or, for a retry that meets the first request still running on its own instance, 409.
    const payments = answers.filter((answer) => answer.status < 300);
    expect(answers.filter((answer) => answer.status >= 300).map((answer) => [answer.status, answer.body.error?.code])).toEqual(
      Array(answers.length - payments.length).fill([409, 'request_in_progress']),
    );
    expect(payments.filter((answer) => !answer.replayed)).toHaveLength(1);
    expect(new Set(payments.map((answer) => answer.body.id)).size).toBe(1);
    // Each instance answered at least one of its two with the payment: the other instance's retry waited, then replayed.
    expect(payments.length).toBeGreaterThanOrEqual(2);
    expect(await query('SELECT id FROM payments WHERE credit_id = $1', credit!.id)).toHaveLength(1);
    await expect(engine.books.check()).resolves.toBeUndefined();
  });

  it('a payment request on one instance is answered with the bank reference another instance recorded, within a second', async () => {
    // This instance never hears the bank's answer and runs no outbox worker: the retry can only be another's.
    const deaf = await start({ PAYBOX_RAIL_FAULT: 'timeout', PAYBOX_RAIL_SEND_TIMEOUT_MS: '1000', PAYBOX_OUTBOX_WORKER: 'false', PAYBOX_TRANSFER_WAIT_MS: '15000' });
    const [credit] = await addCredits(engine, demo.comuneId, 1);
    const answer = await call<Payment>(deaf, demo.terminalKey, '/v1/payments', { creditId: credit!.id, amount: credit!.amount }, 'settled-elsewhere');
    const answeredAt = Date.now();
    expect(answer.status).toBe(201);
    expect(answer.body.transfer).toMatchObject({ status: 'settled', bankReference: expect.stringMatching(/^PBXSBX/) });
    const [settlement] = await query<{ created_at: string }>(
      `SELECT l.created_at FROM ledger_transactions l JOIN transfers t ON t.settlement_transaction_id = l.id WHERE t.payment_id = $1`,
      answer.body.id,
    );
    expect(answeredAt - Date.parse(settlement!.created_at)).toBeLessThan(1_000);
    expect([a, b].filter((other) => other.output().includes(answer.body.id))).toHaveLength(1);
    expect(deaf.output()).not.toContain('"message":"transfer settled"');
  }, 30_000);

  it('an instance killed while dispatching: another finishes its transfers once its leases run out, none sent twice', async () => {
    // A slow bank: the transfers are booked when the kill lands, their answers not yet sent.
    const doomed = await start({ PAYBOX_RAIL_LATENCY_MS: '1500', PAYBOX_RAIL_SEND_TIMEOUT_MS: '1000', PAYBOX_OUTBOX_LEASE_MS: '2500' });
    const credits = await addCredits(engine, demo.comuneId, 5);
    const requests = credits.map((credit, n) => call(doomed, demo.terminalKey, '/v1/payments', { creditId: credit.id, amount: credit.amount }, `doomed-${n}`).catch(() => undefined));
    const paymentIds = await eventually(async () => {
      const rows = await query<{ id: string }>('SELECT id FROM payments WHERE credit_id = ANY($1)', credits.map((credit) => credit.id));
      return rows.length === credits.length ? rows.map((row) => row.id) : undefined;
    }, 10_000, 'the payments to commit');
    await eventually(() => (paymentIds.every((id) => bankBookingsByPayment(dataDir).has(id)) ? true : undefined), 1_000, 'the bank to book the transfers');
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    await Promise.all(requests);
    expect(await pendingTransfers()).toBeGreaterThanOrEqual(credits.length);

    await eventually(async () => ((await pendingTransfers()) === 0 ? true : undefined), 20_000, "the other instance to finish the killed one's transfers");
    const booked = bankBookingsByPayment(dataDir);
    for (const id of paymentIds) expect(booked.get(id), id).toBe(1);
    await expect(engine.books.check()).resolves.toBeUndefined();
  }, 60_000);
});
