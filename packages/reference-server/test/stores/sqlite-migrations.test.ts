import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, MemoryBankBook, SandboxBank, type TerminalPrincipal } from '@pay-box/engine';
import { demoCredits } from '@pay-box/engine/demo';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableNames } from '../../src/stores/sql/schema.js';
import { migrations } from '../../src/stores/sqlite/migrations.js';
import { SqliteStore } from '../../src/stores/sqlite/sqlite-store.js';

// A comune that ran the previous release upgrades in place: its data, written under schema v2, must
// come through migration 3 whole, with every row given the comune it belongs to.
let dir: string;
let current: Database.Database;
let upgraded: Database.Database;
let upgradedStore: SqliteStore;

const openEngine = (store: SqliteStore) =>
  createEngine({
    store,
    rail: new SandboxBank({ book: new MemoryBankBook() }),
    settings: { publicUrl: 'http://localhost', institutionName: 'Istituto di prova', transferWaitMs: 0 },
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paybox-migrations-'));
  // The data, as the current release writes it: top-ups, a payment, its settlement.
  const currentFile = join(dir, 'current.sqlite');
  const store = new SqliteStore(currentFile);
  const engine = openEngine(store);
  const demo = await engine.demo.seed({ staffPassword: 'x' });
  const shop = (await engine.keys.authenticate(demo.terminalKey)) as TerminalPrincipal;
  await engine.payments.create(shop, { creditId: demoCredits[0]!.id, amount: demoCredits[0]!.amount }, 'cassa-1-0001');
  await engine.transfers.idle();
  await engine.close();
  current = new Database(currentFile, { readonly: true });

  // The same data as release v2 held it: no comune_id on keys and ledger rows, every balance on its account's row.
  const oldFile = join(dir, 'v2.sqlite');
  const old = new Database(oldFile);
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const migration of migrations.filter(({ version }) => version <= 2)) {
    old.exec(migration.sql);
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(migration.version, migration.name, '2026-01-01T00:00:00.000Z');
  }
  for (const table of tableNames) {
    const columns = old.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
    if (columns.length === 0) continue;
    // Release v2 kept no comune on a float's account row.
    const source = table === 'ledger_accounts' ? `(SELECT *, CASE kind WHEN 'agent_float' THEN NULL ELSE comune_id END AS v2_comune_id FROM ledger_balances)` : `"${table}"`;
    const select = columns.map((column) => (table === 'ledger_accounts' && column === 'comune_id' ? 'v2_comune_id AS comune_id' : `"${column}"`));
    const rows = current.prepare(`SELECT ${select.join(', ')} FROM ${source}`).all() as Record<string, unknown>[];
    const insert = old.prepare(`INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
    for (const row of rows) insert.run(row);
  }
  old.close();

  upgradedStore = new SqliteStore(oldFile);
  upgraded = new Database(oldFile, { readonly: true });
});

afterAll(async () => {
  current.close();
  upgraded.close();
  await upgradedStore.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 3 on a database of the previous release', () => {
  it('is recorded once', () => {
    expect(upgraded.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(migrations.map(({ version }) => version));
  });

  it('gives every float, key, ledger transaction and posting the comune it belongs to', () => {
    for (const [table, key] of [
      ['ledger_accounts', 'id'],
      ['idempotency_keys', 'api_key_id, idempotency_key'],
      ['ledger_transactions', 'id'],
      ['ledger_postings', 'seq'],
    ] as const) {
      const comuni = (db: Database.Database) => db.prepare(`SELECT ${key}, comune_id FROM ${table} ORDER BY ${key}`).all();
      expect(comuni(upgraded), table).toEqual(comuni(current));
      expect(upgraded.prepare(`SELECT count(*) FROM ${table} WHERE comune_id = '' OR (comune_id IS NULL AND ${table === 'ledger_accounts' ? "kind NOT IN ('fee_revenue', 'institution_bank')" : 'true'})`).pluck().get(), table).toBe(0);
    }
    expect(upgraded.prepare('SELECT count(*) FROM idempotency_keys').pluck().get()).toBe(1);
    expect(upgraded.prepare(`SELECT DISTINCT kind FROM ledger_transactions ORDER BY kind`).pluck().all()).toEqual(['payment', 'settlement', 'top_up']);
  });

  it('keeps every balance, and the books still check', async () => {
    const balances = (db: Database.Database) => db.prepare('SELECT id, balance FROM ledger_balances ORDER BY id').all();
    expect(balances(upgraded)).toEqual(balances(current));
    await expect(openEngine(upgradedStore).books.check()).resolves.toBeUndefined();
  });

  it('keeps the ledger append-only', () => {
    const tamper = new Database(join(dir, 'v2.sqlite'));
    try {
      expect(() => tamper.prepare(`UPDATE ledger_postings SET amount = amount + 1`).run()).toThrow(/append-only/);
      expect(() => tamper.prepare(`UPDATE ledger_transactions SET comune_id = 'x'`).run()).toThrow(/append-only/);
    } finally {
      tamper.close();
    }
  });
});
