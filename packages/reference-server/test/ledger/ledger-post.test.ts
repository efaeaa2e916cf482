import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain-error.js';
import { accounts, LedgerInvariantError, type Posting } from '../../src/ledger/ledger.js';
import { openBooks, snapshotTables, type Books } from '../support/books-fixture.js';

let books: Books;
let agentId: string;

beforeEach(async () => {
  books = await openBooks({ fees: { citizenFee: 150, agentShare: 100 }, agentCount: 1, creditAmounts: [] });
  agentId = books.terminals[0]!.agentId;
});

afterEach(() => books.dispose());

const post = (postings: Posting[], kind: 'top_up' | 'reversal' = 'top_up') =>
  books.ctx.writes.run(() => books.ctx.ledger.post(kind, agentId, postings, books.ctx.clock.now()));

const topUp = (amount: number) =>
  post([
    { account: accounts.institutionBank(), amount },
    { account: accounts.agentFloat(agentId), amount: -amount },
  ]);

/** Draws `amount` from the agent's float: what a payment does. */
const drawFloat = (amount: number) =>
  post(
    [
      { account: accounts.agentFloat(agentId), amount },
      { account: accounts.institutionBank(), amount: -amount },
    ],
    'reversal',
  );

describe('Ledger.post', () => {
  it('writes one transaction whose postings move the stored balances', async () => {
    const transactionId = await topUp(10_000);

    expect(books.db.prepare('SELECT account_id AS account, amount FROM ledger_postings WHERE transaction_id = ? ORDER BY seq').all(transactionId)).toEqual([
      { account: 'institution_bank', amount: 10_000 },
      { account: `agent_float:${agentId}`, amount: -10_000 },
    ]);
    expect(books.ctx.ledger.floatBalance(agentId)).toBe(10_000);
    expect(() => books.ctx.ledger.assertConsistent()).not.toThrow();
  });

  it.each<[string, Posting[]]>([
    ['postings that do not sum to zero', [
      { account: accounts.institutionBank(), amount: 1000 },
      { account: accounts.feeRevenue(), amount: -999 },
    ]],
    ['a single posting', [{ account: accounts.institutionBank(), amount: 1000 }]],
    ['one non-zero posting and a zero one', [
      { account: accounts.institutionBank(), amount: 1000 },
      { account: accounts.feeRevenue(), amount: 0 },
    ]],
    ['no postings', []],
    ['fractions of a cent', [
      { account: accounts.institutionBank(), amount: 10.5 },
      { account: accounts.feeRevenue(), amount: -10.5 },
    ]],
    ['NaN', [
      { account: accounts.institutionBank(), amount: Number.NaN },
      { account: accounts.feeRevenue(), amount: Number.NaN },
    ]],
    ['amounts beyond safe integers', [
      { account: accounts.institutionBank(), amount: 2 ** 53 },
      { account: accounts.feeRevenue(), amount: -(2 ** 53) },
    ]],
  ])('refuses %s and writes nothing', async (_case, postings) => {
    const before = snapshotTables(books.db);
    await expect(post(postings)).rejects.toBeInstanceOf(LedgerInvariantError);
    expect(snapshotTables(books.db)).toEqual(before);
  });

  it('stores no zero postings', async () => {
    const transactionId = await post([
      { account: accounts.institutionBank(), amount: 500 },
      { account: accounts.feeRevenue(), amount: 0 },
      { account: accounts.agentFloat(agentId), amount: -500 },
    ]);
    expect(books.db.prepare('SELECT count(*) FROM ledger_postings WHERE transaction_id = ?').pluck().get(transactionId)).toBe(2);
  });

  it('lets a float go down to exactly zero and not one cent further', async () => {
    await topUp(2_000);
    const before = snapshotTables(books.db);
    const refused = await drawFloat(2_001).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'insufficient_float', details: { balance: 2_000, required: 2_001 } });
    expect(snapshotTables(books.db)).toEqual(before);

    await drawFloat(2_000);
    expect(books.ctx.ledger.floatBalance(agentId)).toBe(0);
    await expect(drawFloat(1)).rejects.toMatchObject({ code: 'insufficient_float' });
  });

  it('refuses to draw on the float of an agent that never had one', async () => {
    await expect(drawFloat(1)).rejects.toMatchObject({ code: 'insufficient_float', details: { balance: 0, required: 1 } });
  });
});

describe('ledger tables', () => {
  beforeEach(() => topUp(10_000));

  it('refuse to change or delete a posting', () => {
    expect(() => books.db.exec('UPDATE ledger_postings SET amount = amount * 2')).toThrow('ledger postings are append-only');
    expect(() => books.db.exec('DELETE FROM ledger_postings')).toThrow('ledger postings are append-only');
  });

  it('refuse to delete a transaction', () => {
    expect(() => books.db.exec('DELETE FROM ledger_transactions')).toThrow('ledger transactions are append-only');
    expect(() => books.db.exec("UPDATE ledger_transactions SET kind = 'reversal'")).toThrow('ledger transactions are append-only');
  });

  it('refuse a float balance above zero even when written by hand', () => {
    expect(() => books.db.prepare(`UPDATE ledger_accounts SET balance = 1 WHERE id = ?`).run(`agent_float:${agentId}`)).toThrow(/CHECK constraint failed/);
  });

  it('let assertConsistent catch a stored balance that differs from its postings', () => {
    books.db.prepare(`UPDATE ledger_accounts SET balance = balance + 1 WHERE id = 'institution_bank'`).run();
    expect(() => books.ctx.ledger.assertConsistent()).toThrow(LedgerInvariantError);
    expect(() => books.ctx.ledger.assertConsistent()).toThrow('institution_bank: stored 10001, replayed 10000');
  });
});
