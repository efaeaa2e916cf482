/**
 * Importing 100,000 credits from CSV (the documented layout, about 9 MB) in process against the
 * storage ceiling of the same run: the very credit rows the import wrote, inserted again into a copy
 * of the same starting database with raw prepared statements in one synchronous=FULL transaction.
 * Pay-Box also parses the file, checks every row (service, tax code, amount, day, duplicates in the
 * file and among the comune's credits), numbers the credits and writes the audit line.
 *
 * The engine first imports 10,000 credits into another comune, untimed, so that it is measured warm
 * (the ceiling's database gets those rows too).
 *
 * Env: BENCH_IMPORT_CREDITS (default 100000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBankBook, SandboxBank, type StaffPrincipal } from '@pay-box/engine';
import Database from 'better-sqlite3';
import { configFromEnv } from '../src/config.js';
import { openEngine } from '../src/server.js';
import { DATABASE_FILE } from '../src/stores/open-store.js';
import { migrate } from '../src/stores/sqlite/migrations-runner.js';

const creditCount = Number(process.env.BENCH_IMPORT_CREDITS ?? 100_000);
const comuneId = 'com_bench00000002';
/** A comune the untimed warm-up imports into first, so that the timed import runs warm as a server's would. */
const warmUpComuneId = 'com_bench00000003';
const warmUpCredits = 10_000;
const at = '2026-11-30T06:00:00.000Z';
const taxCodes = ['RSSMRA85T10H501O', 'VRDLCU78L21F839T', '00212330344'];

/** Two comuni of the current schema, each with its MENSA service and an operator. */
function seed(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrate(db);
  for (const [id, fiscalCode, n] of [[comuneId, '82000123453', 2], [warmUpComuneId, '00212330344', 3]] as const) {
    db.prepare(`INSERT INTO comuni (id, fiscal_code, name, treasury_iban, segregation_code, created_at) VALUES (?, ?, 'Comune', 'IT41S0100003245000000001234', '47', ?)`).run(id, fiscalCode, at);
    db.prepare(`INSERT INTO services (id, comune_id, code, name, description) VALUES (?, ?, 'MENSA', 'Mensa scolastica', 'Retta mensile')`).run(`svc_benchMENSA000${n}`, id);
    db.prepare(`INSERT INTO staff_users (id, comune_id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, 'Bench', 'none', 'operator', ?)`).run(`usr_bench0000000${n}`, id, `bench${n}@comune.example`, at);
  }
  return db;
}

const operatorOf = (comune: string, n: number): StaffPrincipal => ({ kind: 'staff', userId: `usr_bench0000000${n}`, email: `bench${n}@comune.example`, comuneId: comune, role: 'operator', sessionId: 'bench', csrfToken: 'bench' });

/** Next month's school meals: a different pupil on each row, half with a due day, amounts from 1,00 to 99,99. */
function creditsCsv(count: number): string {
  const lines = ['servizio;codice_fiscale;nominativo;descrizione;descrizione_pubblica;importo;scadenza'];
  for (let n = 0; n < count; n++) {
    const cents = 100 + (n % 9_900);
    lines.push(`MENSA;${taxCodes[n % taxCodes.length]};Famiglia ${n};Mensa gennaio 2027 - alunno ${n};Mensa scolastica gennaio 2027;${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')};${n % 2 === 0 ? '31/01/2027' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

type Row = Record<string, unknown>;

/** The credits the imports wrote, by comune: the ceiling inserts exactly these (the same ids and notice numbers, so the same index work). */
function writtenCredits(folder: string): { warmUp: Row[]; timed: Row[] } {
  const db = new Database(join(folder, DATABASE_FILE), { readonly: true });
  const of = (comune: string) => db.prepare('SELECT * FROM credits WHERE comune_id = ?').all(comune) as Row[];
  const rows = { warmUp: of(warmUpComuneId), timed: of(comuneId) };
  db.close();
  return rows;
}

/** The storage ceiling: the same rows, straight into SQLite with a raw prepared statement in one transaction, timed. */
function ceilingSeconds(folder: string, rows: ReturnType<typeof writtenCredits>): number {
  const db = seed(join(folder, 'ceiling.sqlite'));
  const columns = Object.keys(rows.timed[0]!);
  const insert = db.prepare(`INSERT INTO credits (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
  const insertAll = db.transaction((all: Row[]) => {
    for (const row of all) insert.run(row);
  });
  // The warm-up's rows too, untimed, as Pay-Box's database holds them.
  insertAll(rows.warmUp);
  const started = performance.now();
  insertAll(rows.timed);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

/** Pay-Box: the operator's upload, as the engine runs it on the server's SQLite store. */
async function payBoxSeconds(folder: string): Promise<{ seconds: number; imported: number }> {
  seed(join(folder, DATABASE_FILE)).close();
  const config = configFromEnv({ PAYBOX_DATA_DIR: folder, PAYBOX_LOG_LEVEL: 'silent' });
  const { engine, close } = await openEngine(config, { rail: new SandboxBank({ book: new MemoryBankBook() }) });
  const csv = creditsCsv(creditCount);
  try {
    await engine.gestionale.credits.import(operatorOf(warmUpComuneId, 3), creditsCsv(warmUpCredits), 'all_or_nothing');
    const started = performance.now();
    const report = await engine.gestionale.credits.import(operatorOf(comuneId, 2), csv, 'all_or_nothing');
    return { seconds: (performance.now() - started) / 1000, imported: report.imported };
  } finally {
    await close();
  }
}

export async function benchCreditImport(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'paybox-bench-credit-import-'));
  try {
    const payBox = await payBoxSeconds(folder);
    if (payBox.imported !== creditCount) throw new Error(`imported ${payBox.imported} of ${creditCount} credits: the figures are not valid`);
    const ceiling = ceilingSeconds(folder, writtenCredits(folder));
    const ratio = ceiling / payBox.seconds;
    console.log(`\nImporting ${creditCount} credits from CSV, in process, SQLite, each commit fsynced\n`);
    console.log('| what | seconds | credits/s |\n| --- | ---: | ---: |');
    console.log(`| storage ceiling: the same ${creditCount} rows, a raw prepared statement, one transaction | ${ceiling.toFixed(2)} | ${(creditCount / ceiling).toFixed(0)} |`);
    console.log(`| Pay-Box: parse, check every row, number, store in batches, audit (one unit of work) | ${payBox.seconds.toFixed(2)} | ${(creditCount / payBox.seconds).toFixed(0)} |`);
    console.log('\n| target | this run | met |\n| --- | ---: | --- |');
    console.log(`| credit import against the storage ceiling: >= 0.25x | ${ratio.toFixed(2)}x | ${ratio >= 0.25 ? 'yes' : 'NO'} |`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
