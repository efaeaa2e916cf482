import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, LedgerInvariantError, MemoryBankBook, SandboxBank } from '@pay-box/engine';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/stores/sqlite/sqlite-store.js';

// The schema guards the books even against a hand that writes SQL past the engine.
let dir: string;
let store: SqliteStore;
let sqlConsole: Database.Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paybox-ledger-schema-'));
  const file = join(dir, 'paybox.sqlite');
  store = new SqliteStore(file);
  const engine = createEngine({
    store,
    rail: new SandboxBank({ book: new MemoryBankBook() }),
    settings: { publicUrl: 'http://localhost', institutionName: 'Istituto di prova', transferWaitMs: 0 },
  });
  await engine.demo.seed({ staffPassword: 'x' });
  sqlConsole = new Database(file);
  checkBooks = () => engine.books.check();
});

afterEach(async () => {
  sqlConsole.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

let checkBooks: () => Promise<void>;

describe('the SQLite ledger tables', () => {
  it('refuse to change or delete a posting', () => {
    expect(() => sqlConsole.exec('UPDATE ledger_postings SET amount = amount * 2')).toThrow('ledger postings are append-only');
    expect(() => sqlConsole.exec('DELETE FROM ledger_postings')).toThrow('ledger postings are append-only');
  });

  it('refuse to change or delete a transaction', () => {
    expect(() => sqlConsole.exec('DELETE FROM ledger_transactions')).toThrow('ledger transactions are append-only');
    expect(() => sqlConsole.exec("UPDATE ledger_transactions SET kind = 'reversal'")).toThrow('ledger transactions are append-only');
  });

  it('refuse a float balance above zero even when written by hand', () => {
    const [float] = sqlConsole.prepare(`SELECT id FROM ledger_accounts WHERE kind = 'agent_float'`).pluck().all() as string[];
    expect(() => sqlConsole.prepare(`UPDATE ledger_accounts SET balance = 1 WHERE id = ?`).run(float)).toThrow(/CHECK constraint failed/);
  });

  it('let the books check catch a stored balance that differs from its postings', async () => {
    sqlConsole.prepare(`UPDATE ledger_accounts SET balance = balance + 1 WHERE id = 'institution_bank'`).run();
    const error = await checkBooks().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LedgerInvariantError);
    const [, stored, replayed] = /institution_bank: stored (\d+), replayed (\d+)/.exec(String(error))!;
    expect(Number(stored) - Number(replayed)).toBe(1);
  });
});
