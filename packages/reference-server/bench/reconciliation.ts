/**
 * Reconciling a 100,000-entry treasurer's statement (the CSV layout, 9 MB) in process against the
 * storage ceiling of the same run: the very rows the import wrote (the statement, its entries, one
 * reconciliation per transfer), inserted again into a copy of the same starting database with raw
 * prepared statements in one synchronous=FULL transaction. Pay-Box also
 * parses the file, hashes it, reads the open transfers and entries back and matches them.
 *
 * Env: BENCH_STATEMENT_ENTRIES (default 100000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBankBook, SandboxBank, type StaffPrincipal } from '@pay-box/engine';
import Database from 'better-sqlite3';
import { csvStatement, type FixtureEntry } from '../../../test-support/statements/index.js';
import { configFromEnv } from '../src/config.js';
import { openEngine } from '../src/server.js';
import { DATABASE_FILE } from '../src/stores/open-store.js';
import { migrate } from '../src/stores/sqlite/migrations-runner.js';

const entryCount = Number(process.env.BENCH_STATEMENT_ENTRIES ?? 100_000);
const comuneId = 'com_bench00000001';
const day = '2026-11-30';

/** The transfers a statement proves: settled on the day, with every key a statement entry carries. */
const transfers = Array.from({ length: entryCount }, (_, n) => {
  const iuv = `47${String(n).padStart(13, '0')}00`;
  const amount = 100 + (n % 9_900);
  return { id: `trf_bench${String(n).padStart(12, '0')}`, paymentId: `pay_bench${String(n).padStart(12, '0')}`, amount, bankReference: `TRN${String(n).padStart(27, '0')}`, remittance: `/RFB/${iuv}/${(amount / 100).toFixed(2)}/TXT/MENSA` };
});

/** A database of the current schema holding the comune and its settled transfers (fixture rows: no foreign keys checked). */
function seed(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrate(db);
  db.pragma('foreign_keys = OFF');
  db.prepare(`INSERT INTO comuni (id, fiscal_code, name, treasury_iban, segregation_code, created_at) VALUES (?, '82000123453', 'Comune', 'IT41S0100003245000000001234', '47', ?)`).run(comuneId, `${day}T06:00:00.000Z`);
  db.prepare(`INSERT INTO staff_users (id, comune_id, email, name, password_hash, role, created_at) VALUES ('usr_bench00000001', ?, 'bench@comune.example', 'Bench', 'none', 'operator', ?)`).run(comuneId, `${day}T06:00:00.000Z`);
  const insert = db.prepare(
    `INSERT INTO transfers (id, comune_id, payment_id, amount, creditor_name, creditor_iban, remittance, status, send_attempts, bank_reference, created_at, settled_at)
     VALUES (?, ?, ?, ?, 'Comune', 'IT41S0100003245000000001234', ?, 'settled', 1, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const t of transfers) insert.run(t.id, comuneId, t.paymentId, t.amount, t.remittance, t.bankReference, `${day}T09:00:00.000Z`, `${day}T09:00:01.000Z`);
  })();
  db.pragma('foreign_keys = ON');
  return db;
}

type Row = Record<string, unknown>;

/** The rows an import wrote: the ceiling inserts exactly these (the same ids, so the same index work). */
function writtenRows(folder: string): { statements: Row[]; entries: Row[]; reconciliations: Row[] } {
  const db = new Database(join(folder, DATABASE_FILE), { readonly: true });
  const rows = (table: string) => db.prepare(`SELECT * FROM ${table}`).all() as Row[];
  const written = { statements: rows('statements'), entries: rows('statement_entries'), reconciliations: rows('transfer_reconciliations') };
  db.close();
  return written;
}

/** The storage ceiling: the same rows, straight into SQLite with raw prepared statements in one transaction, timed. */
function ceilingSeconds(folder: string, written: ReturnType<typeof writtenRows>): number {
  const db = seed(join(folder, 'ceiling.sqlite'));
  const insert = (table: string, sample: Row) => {
    const columns = Object.keys(sample);
    return db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
  };
  const [statement, entry, reconciliation] = [insert('statements', written.statements[0]!), insert('statement_entries', written.entries[0]!), insert('transfer_reconciliations', written.reconciliations[0]!)];
  const started = performance.now();
  db.transaction(() => {
    for (const row of written.statements) statement.run(row);
    for (const row of written.entries) entry.run(row);
    for (const row of written.reconciliations) reconciliation.run(row);
  })();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

/** Pay-Box: the operator's upload, as the engine runs it on the server's SQLite store. */
async function payBoxSeconds(folder: string): Promise<{ seconds: number; matched: number }> {
  seed(join(folder, DATABASE_FILE)).close();
  const config = configFromEnv({ PAYBOX_DATA_DIR: folder, PAYBOX_LOG_LEVEL: 'silent' });
  const { engine, close } = await openEngine(config, { rail: new SandboxBank({ book: new MemoryBankBook() }) });
  const operator: StaffPrincipal = { kind: 'staff', userId: 'usr_bench00000001', email: 'bench@comune.example', comuneId, role: 'operator', sessionId: 'bench', csrfToken: 'bench' };
  const entries: FixtureEntry[] = transfers.map((t) => ({ amount: t.amount, bookedOn: day, endToEndId: t.paymentId, bankReference: t.bankReference, remittance: t.remittance }));
  const csv = csvStatement(entries);
  try {
    const started = performance.now();
    const imported = await engine.reconciliation.importStatement(operator, csv);
    return { seconds: (performance.now() - started) / 1000, matched: imported.reconciliation.totals.matched };
  } finally {
    await close();
  }
}

export async function benchReconciliation(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'paybox-bench-reconciliation-'));
  try {
    const payBox = await payBoxSeconds(folder);
    if (payBox.matched !== entryCount) throw new Error(`matched ${payBox.matched} of ${entryCount} entries: the figures are not valid`);
    const ceiling = ceilingSeconds(folder, writtenRows(folder));
    const ratio = ceiling / payBox.seconds;
    const rows = 1 + 2 * entryCount;
    console.log(`\nReconciling a ${entryCount}-entry statement (CSV), in process, SQLite, each commit fsynced\n`);
    console.log('| what | seconds | rows/s |\n| --- | ---: | ---: |');
    console.log(`| storage ceiling: the same ${rows} rows, raw prepared statements, one transaction | ${ceiling.toFixed(2)} | ${(rows / ceiling).toFixed(0)} |`);
    console.log(`| Pay-Box: parse, hash, store, match, mark reconciled, audit (one unit of work) | ${payBox.seconds.toFixed(2)} | ${(rows / payBox.seconds).toFixed(0)} |`);
    console.log('\n| target | this run | met |\n| --- | ---: | --- |');
    console.log(`| statement reconciliation against the storage ceiling: >= 0.25x | ${ratio.toFixed(2)}x | ${ratio >= 0.25 ? 'yes' : 'NO'} |`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
