/**
 * Baseline: a minimal payment server on the same stack (Hono, better-sqlite3) and the same schema,
 * writing the rows of one unexpected-credit payment and its settlement (credit, payment, ledger
 * transaction and postings with their balances, receipt, transfer, outbox, idempotency key), with no
 * validation and no bank.
 *
 * As configured by default, one `synchronous=FULL` transaction per request: Pay-Box must beat it by
 * batching commits, although it also validates, checks and talks to the bank. With
 * `BASELINE_COMMIT=turn` and `BASELINE_SYNCHRONOUS=OFF` it is the storage ceiling: every request of
 * one event-loop turn in one transaction, without savepoints as Pay-Box runs a batch in which no unit
 * fails, and no disk sync at all: what writing these rows costs on this stack, and nothing else.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { migrate } from '../../src/stores/sqlite/migrations-runner.js';

const dataDir = process.env.PAYBOX_DATA_DIR!;
mkdirSync(dataDir, { recursive: true });
const db = new Database(join(dataDir, 'baseline.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${process.env.BASELINE_SYNCHRONOUS ?? 'FULL'}`);
db.pragma('foreign_keys = ON');
migrate(db);

const now = () => new Date().toISOString();
const comune = 'com_baseline0001';
const agent = 'agt_baseline0001';
const terminal = 'trm_baseline0001';
db.prepare(`INSERT INTO comuni (id, fiscal_code, name, treasury_iban, segregation_code, created_at) VALUES (?, '82000123453', 'Comune', 'IT41S0100003245000000001234', '47', ?)`).run(comune, now());
db.prepare(`INSERT INTO services (id, comune_id, code, name, description, accepts_unexpected) VALUES ('svc_baseline0001', ?, 'MERCATO', 'Mercato', 'Mercato', 1)`).run(comune);
db.prepare(`INSERT INTO agents (id, comune_id, name, tax_code, address, created_at) VALUES (?, ?, 'Tabaccheria', '01234560785', 'Via Roma 1', ?)`).run(agent, comune, now());
db.prepare(`INSERT INTO terminals (id, comune_id, agent_id, label, created_at) VALUES (?, ?, ?, 'Cassa', ?)`).run(terminal, comune, agent, now());
for (const [id, kind, balance] of [[`agent_float:${agent}`, 'agent_float', -1e12], [`comune_payable:${comune}`, 'comune_payable', 0], ['fee_revenue', 'fee_revenue', 0], ['institution_bank', 'institution_bank', 1e12]] as const) {
  db.prepare(`INSERT INTO ledger_accounts (id, kind, balance) VALUES (?, ?, ?)`).run(id, kind, balance);
}

const sql = {
  key: db.prepare(`SELECT payment_id FROM idempotency_keys WHERE api_key_id = 'key' AND idempotency_key = ?`),
  iuv: db.prepare(`UPDATE comuni SET next_iuv = next_iuv + 1 WHERE id = ? RETURNING next_iuv - 1 AS iuv`),
  credit: db.prepare(`INSERT INTO credits (id, comune_id, service_id, notice_number, iuv, debtor_type, debtor_tax_code, debtor_name, description, public_description, amount, status, unexpected, fields_json, created_at, paid_at)
    VALUES (?, ?, 'svc_baseline0001', ?, ?, 'person', ?, ?, 'Mercato', 'Mercato', ?, 'paid', 1, ?, ?, ?)`),
  float: db.prepare(`SELECT balance FROM ledger_accounts WHERE id = ?`),
  transaction: db.prepare(`INSERT INTO ledger_transactions (id, kind, reference_id, created_at) VALUES (?, ?, ?, ?)`),
  posting: db.prepare(`INSERT INTO ledger_postings (transaction_id, account_id, amount, created_at) VALUES (?, ?, ?, ?)`),
  balance: db.prepare(`UPDATE ledger_accounts SET balance = balance + ? WHERE id = ?`),
  payment: db.prepare(`INSERT INTO payments (id, comune_id, credit_id, channel, agent_id, terminal_id, amount, citizen_fee, agent_fee_share, institution_fee_share, float_debited, ledger_transaction_id, created_at)
    VALUES (?, ?, ?, 'agent', ?, ?, ?, 150, 100, 50, ?, ?, ?)`),
  counter: db.prepare(`INSERT INTO counters (comune_id, name, value) VALUES (?, 'receipt', 1) ON CONFLICT (comune_id, name) DO UPDATE SET value = value + 1 RETURNING value`),
  receipt: db.prepare(`INSERT INTO receipts (id, comune_id, payment_id, number, verification_code, issued_at) VALUES (?, ?, ?, ?, ?, ?)`),
  transfer: db.prepare(`INSERT INTO transfers (id, comune_id, payment_id, amount, creditor_name, creditor_iban, remittance, status, send_attempts, created_at) VALUES (?, ?, ?, ?, 'Comune', 'IT41S0100003245000000001234', '/RFB/x', 'pending', 1, ?)`),
  outbox: db.prepare(`INSERT INTO outbox (id, comune_id, kind, subject_id, status, available_at, created_at) VALUES (?, ?, 'transfer', ?, 'pending', ?, ?)`),
  idempotency: db.prepare(`INSERT INTO idempotency_keys (api_key_id, idempotency_key, operation, request_hash, payment_id, created_at) VALUES ('key', ?, 'createUnexpectedCredit', 'hash', ?, ?)`),
  settle: db.prepare(`UPDATE transfers SET status = 'settled', bank_reference = ?, settled_at = ?, settlement_transaction_id = ? WHERE id = ?`),
  done: db.prepare(`UPDATE outbox SET status = 'done', done_at = ? WHERE kind = 'transfer' AND subject_id = ?`),
};

let sequence = 0;
const post = (transaction: string, lines: Array<[string, number]>, at: string) => {
  for (const [account, amount] of lines) {
    sql.posting.run(transaction, account, amount, at);
    sql.balance.run(amount, account);
  }
};

const payRows = (key: string, body: { debtor: { taxCode: string; name: string }; fields: object; amount: number }): string => {
  const existing = sql.key.get(key) as { payment_id: string } | undefined;
  if (existing) return existing.payment_id;
  const n = ++sequence;
  const at = now();
  const { iuv } = sql.iuv.get(comune) as { iuv: number };
  const credit = `crd_${String(n).padStart(12, '0')}`;
  const payment = `pay_${String(n).padStart(12, '0')}`;
  sql.credit.run(credit, comune, `347${String(iuv).padStart(15, '0')}`, String(iuv), body.debtor.taxCode, body.debtor.name, body.amount, JSON.stringify(body.fields), at, at);
  const debited = body.amount + 50;
  const { balance } = sql.float.get(`agent_float:${agent}`) as { balance: number };
  if (-balance < debited) throw new Error('insufficient float');
  const ltx = `ltx_${n}a`;
  sql.transaction.run(ltx, 'payment', payment, at);
  post(ltx, [[`agent_float:${agent}`, debited], [`comune_payable:${comune}`, -body.amount], ['fee_revenue', -50]], at);
  sql.payment.run(payment, comune, credit, agent, terminal, body.amount, debited, ltx, at);
  const { value } = sql.counter.get(comune) as { value: number };
  sql.receipt.run(`rcp_${n}`, comune, payment, `2026-${value}`, `CODE-${n}`, at);
  const transfer = `trf_${n}`;
  sql.transfer.run(transfer, comune, payment, body.amount, at);
  sql.outbox.run(`obx_${n}`, comune, transfer, at, at);
  sql.idempotency.run(key, payment, at);
  const settlement = `ltx_${n}b`;
  sql.transaction.run(settlement, 'settlement', transfer, at);
  post(settlement, [[`comune_payable:${comune}`, body.amount], ['institution_bank', -body.amount]], at);
  sql.settle.run(`REF${n}`, at, settlement, transfer);
  sql.done.run(at, transfer);
  return payment;
};
const pay = db.transaction(payRows);

/** The requests of this turn of the event loop, committed together on the next (`BASELINE_COMMIT=turn`). */
const turn: Array<{ work: () => string; resolve: (id: string) => void; reject: (error: unknown) => void }> = [];
// No savepoints: a payment that failed would fail its whole turn (none fails in the bench).
const payAll = db.transaction((works: Array<() => string>) => works.map((work) => work()));
/** Answers only after the commit, as Pay-Box does. */
function commitTurn(): void {
  const jobs = turn.splice(0);
  try {
    payAll(jobs.map((job) => job.work)).forEach((id, index) => jobs[index]!.resolve(id));
  } catch (error) {
    for (const job of jobs) job.reject(error);
  }
}
const inThisTurn = (work: () => string) =>
  new Promise<string>((resolve, reject) => {
    if (turn.length === 0) setImmediate(commitTurn);
    turn.push({ work, resolve, reject });
  });
const commitEachTurn = process.env.BASELINE_COMMIT === 'turn';

const app = new Hono();
app.post('/v1/unexpected-credits', async (c) => {
  const body = await c.req.json();
  const key = c.req.header('idempotency-key') ?? '';
  const id = commitEachTurn ? await inThisTurn(() => payRows(key, body)) : pay(key, body);
  return c.json({ payment: { id, amount: body.amount, status: 'succeeded' } }, 201);
});
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => process.stdout.write('ready\n'));
