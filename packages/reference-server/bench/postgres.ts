/**
 * Pay-Box on PostgreSQL, with one and two server instances, next to SQLite in the same run. The
 * load: market fees paid at 20 shops, either all shops of one comune or one shop in each of 20
 * comuni. Two instances share the machine's 2 cores with PostgreSQL and the load generator, so this
 * cannot show scale; it shows that a second instance does not make things slower (no lock
 * contention collapse) and that one busy comune is not a hot-row bottleneck.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createEngine, MemoryBankBook, SandboxBank, type Engine, type Store } from '@pay-box/engine';
import { PostgresStore } from '../src/stores/postgres/postgres-store.js';
import { SqliteStore } from '../src/stores/sqlite/sqlite-store.js';
import { DATABASE_FILE } from '../src/stores/open-store.js';
import { addComuni, addShops, type LoadShop } from '../../../test-support/load-fixture.js';
import { createDatabase, startThrowawayPostgres } from '../../../test-support/postgres.js';
import { atLeast, demoCredentials, marketFee, measure, measureInRounds, paybox, report, type Load, type Measured } from './harness.js';

const SHOPS = 20;
/** Each PostgreSQL setup is measured this many times, in turn with the others (BENCH_ROUNDS). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FLOAT = 100_000_000_000;

/** Writes beside the running servers, through the engine's port, as the comune's own tools would. */
async function withEngine<T>(store: Store, work: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = createEngine({ store, rail: new SandboxBank({ book: new MemoryBankBook() }), settings: { publicUrl: 'http://localhost', institutionName: 'Bench', transferWaitMs: 0 } });
  try {
    return await work(engine);
  } finally {
    await engine.close();
    await store.close();
  }
}

/** What PostgreSQL counted for the database: lock trouble shows as deadlocks and rolled-back transactions. */
async function databaseCounters(url: string): Promise<{ commits: number; rollbacks: number; deadlocks: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT xact_commit, xact_rollback, deadlocks FROM pg_stat_database WHERE datname = current_database()`);
    return { commits: Number(rows[0].xact_commit), rollbacks: Number(rows[0].xact_rollback), deadlocks: Number(rows[0].deadlocks) };
  } finally {
    await client.end();
  }
}

const payAt = (shops: LoadShop[]): Load => ({
  path: '/v1/unexpected-credits',
  headers: (n) => ({ authorization: `Bearer ${shops[n % shops.length]!.terminalKey}` }),
  body: marketFee,
});

export async function benchPostgres(): Promise<void> {
  const results: Measured[] = [];

  // SQLite, the same load: 20 shops of the demo comune.
  const embedded = await paybox();
  const sqliteShops = await withEngine(new SqliteStore(join(embedded.dataDir, DATABASE_FILE)), (engine) => addShops(engine, demoCredentials(embedded).comuneId, SHOPS, FLOAT));
  const sqlite = await measure('SQLite, 1 instance, one comune', embedded, payAt(sqliteShops));
  await embedded.stop();

  // A PostgreSQL that fsyncs its commits, as production does.
  const postgres = await startThrowawayPostgres({ durable: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'paybox-bench-shared-'));
  try {
    const url = await createDatabase(postgres.url('postgres'));
    const env = { PAYBOX_DATABASE_URL: url };
    const first = await paybox(env, dataDir);
    const second = await paybox(env, dataDir);
    const { oneComune, twentyComuni } = await withEngine(await PostgresStore.open(url), async (engine) => ({
      oneComune: await addShops(engine, demoCredentials(first).comuneId, SHOPS, FLOAT),
      twentyComuni: await addComuni(engine, { count: SHOPS, float: FLOAT }),
    }));
    const [oneInstanceOne, oneInstanceTwenty, twoInstancesOne, twoInstancesTwenty] = await measureInRounds(
      [
        { label: 'PostgreSQL, 1 instance, one comune', servers: [first], load: payAt(oneComune) },
        { label: 'PostgreSQL, 1 instance, 20 comuni', servers: [first], load: payAt(twentyComuni) },
        { label: 'PostgreSQL, 2 instances, one comune', servers: [first, second], load: payAt(oneComune) },
        { label: 'PostgreSQL, 2 instances, 20 comuni', servers: [first, second], load: payAt(twentyComuni) },
      ],
      ROUNDS,
    );
    results.push(sqlite, oneInstanceOne!, oneInstanceTwenty!, twoInstancesOne!, twoInstancesTwenty!);
    // Every payment must have balanced the books: a fast wrong answer is no answer.
    await withEngine(await PostgresStore.open(url), (engine) => engine.books.check());
    const contention = await databaseCounters(url);
    await Promise.all([first.stop(), second.stop()]);

    report(results, [
      atLeast(twoInstancesOne!, oneInstanceOne!, 1, '2 instances against 1, one comune'),
      atLeast(twoInstancesTwenty!, oneInstanceTwenty!, 1, '2 instances against 1, 20 comuni'),
      atLeast(oneInstanceOne!, oneInstanceTwenty!, 0.8, 'one comune against 20 comuni, 1 instance'),
      atLeast(twoInstancesOne!, twoInstancesTwenty!, 0.8, 'one comune against 20 comuni, 2 instances'),
    ]);
    console.log(`\nPostgreSQL (2 instances, one comune) against SQLite: ${(twoInstancesOne!.perSecond / sqlite.perSecond).toFixed(2)}x payments/s`);
    console.log(`PostgreSQL over the whole run: ${contention.commits} commits, ${contention.rollbacks} rollbacks (refusals and retried units), ${contention.deadlocks} deadlocks`);
  } finally {
    postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
