import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UnitOfWorkError, type Store, type StoreDiagnostics, type UnitOfWork } from '@pay-box/engine';
import { compileQuery, type SqlExecutor, type SqlQuery } from '../sql/prepared.js';
import { sqlRepositories } from '../sql/repositories/index.js';
import { primaryKeys, tableNames } from '../sql/schema.js';
import { migrate } from './migrations-runner.js';
import { WalCheckpointer } from './wal-checkpointer.js';
import { useWal } from './wal-mode.js';
import { WalSync } from './wal-sync.js';

export interface SqliteStoreOptions {
  /** Most units of work committed together in one transaction (group commit); 1 turns it off. */
  maxBatch?: number;
  /** How long to wait for a lock another process holds (the command line writing beside the server). Default 5 s. */
  busyTimeoutMs?: number;
}

/** How much of the file each connection maps into memory: more than most comuni's databases will reach. */
const MAP_BYTES = 1024 ** 3;

interface Job {
  work: (tx: UnitOfWork) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** The first unit of a batch that failed, and why. */
interface Failure {
  failed: Job;
  error: unknown;
}

interface PreparedStatement {
  statement: Database.Statement;
  bind: (params: object) => unknown[];
  /** The names of a query's columns, in order; empty for a statement that returns no rows. */
  columns: string[];
}

/**
 * Runs the query set on one better-sqlite3 connection, each statement prepared once. Rows come from
 * the driver as arrays and are named here: the driver names each row's columns through V8's C++ API,
 * which took more of a lookup's reads than SQLite did.
 */
class SqliteExecutor implements SqlExecutor {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<SqlQuery<never, unknown>, PreparedStatement>();

  constructor(private readonly db: Database.Database) {}

  all<P extends object, O>(query: SqlQuery<P, O>, params: P): O[] {
    const { statement, bind, columns } = this.prepared(query);
    return (statement.all(...bind(params)) as unknown[][]).map((values) => named(columns, values) as O);
  }

  first<P extends object, O>(query: SqlQuery<P, O>, params: P): O | undefined {
    const { statement, bind, columns } = this.prepared(query);
    const values = statement.get(...bind(params)) as unknown[] | undefined;
    return values && (named(columns, values) as O);
  }

  run<P extends object>(query: SqlQuery<P, unknown>, params: P): number {
    const { statement, bind } = this.prepared(query);
    return statement.run(...bind(params)).changes;
  }

  /** Whether the query only reads (a write on the read-only connection fails, as it should). */
  readsOnly<P, O>(query: SqlQuery<P, O>): boolean {
    return this.prepared(query).statement.readonly;
  }

  private prepared<P, O>(query: SqlQuery<P, O>): PreparedStatement {
    const key = query as unknown as SqlQuery<never, unknown>;
    let entry = this.statements.get(key);
    if (!entry) {
      const { sql, bind } = compileQuery(query, 'sqlite');
      const statement = this.db.prepare(sql);
      const columns = statement.reader ? statement.raw(true).columns().map((column) => column.name) : [];
      entry = { statement, bind, columns };
      this.statements.set(key, entry);
    }
    return entry;
  }
}

/** A row as the query names it (a later column of the same name wins, as with the driver's objects). */
function named(columns: string[], values: unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let at = 0; at < columns.length; at++) row[columns[at]!] = values[at];
  return row;
}

/**
 * Reads of committed data. Between batches the writer holds nothing uncommitted, and its page cache
 * is warm, where SQLite drops the read-only connection's cache each time another connection has
 * committed: under payments, an API key's lookup took 47 µs on average against 103 µs on the
 * read-only connection alone. While a batch is open, or for a statement that would write, the
 * read-only connection serves.
 */
class CommittedReads implements SqlExecutor {
  readonly dialect = 'sqlite' as const;

  constructor(
    private readonly writer: Database.Database,
    private readonly onWriter: SqliteExecutor,
    private readonly onReader: SqliteExecutor,
  ) {}

  all<P extends object, O>(query: SqlQuery<P, O>, params: P): O[] {
    return this.executorFor(query).all(query, params);
  }

  first<P extends object, O>(query: SqlQuery<P, O>, params: P): O | undefined {
    return this.executorFor(query).first(query, params);
  }

  run<P extends object>(query: SqlQuery<P, unknown>, params: P): number {
    return this.onReader.run(query, params);
  }

  private executorFor<P, O>(query: SqlQuery<P, O>): SqliteExecutor {
    return !this.writer.inTransaction && this.onWriter.readsOnly(query) ? this.onWriter : this.onReader;
  }
}

/**
 * The embedded store: one SQLite file in WAL mode, each commit fsynced before anyone is told of it, so
 * an acknowledged payment survives a power cut. One connection writes; reads only ever see committed
 * data: on the writer between batches, on a second, read-only connection while a batch is open.
 *
 * Group commit: units of work queued in the same turn of the event loop run one after the other in
 * one `BEGIN IMMEDIATE ... COMMIT` (one fsync for many payments). A unit that throws rolls back alone:
 * its batch runs again with a savepoint per unit, itself left out (`commitBatch`). A unit's promise
 * settles only after the commit: nobody is told "done" before it is durable. A unit still pending
 * when the event loop turns awaited something other than its transaction: it is rolled back and
 * fails with UnitOfWorkError.
 *
 * The fsync runs off the event loop (WalSync): the next batch runs while the disk confirms the last
 * one. A read may therefore see a batch a few milliseconds before it is durable; a power cut in that
 * moment loses the batch, as it would before its commit, and nothing has acted on it: a bank transfer,
 * a webhook or a payment's answer leaves only after a commit of its own that is acknowledged, and a
 * WAL is durable in order.
 *
 * Once the file sees steady commits, a thread of its own copies the WAL back into it (WalCheckpointer),
 * so that no commit waits for a checkpoint.
 */
export class SqliteStore implements Store {
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private readonly writes: UnitOfWork;
  private readonly reads: UnitOfWork;
  private readonly checkpointer: WalCheckpointer;
  private readonly walSync: WalSync;
  private readonly maxBatch: number;
  /** Transaction control, prepared once: `exec` would parse it again for every unit of work. */
  private readonly control;
  private pending: Job[] = [];
  private flushing = false;
  /** Set after a batch in which a unit failed: the next runs each unit in a savepoint from the start. */
  private isolateUnits = false;
  private closed = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};

  constructor(
    private readonly file: string,
    options: SqliteStoreOptions = {},
  ) {
    mkdirSync(dirname(file), { recursive: true });
    this.writer = new Database(file);
    const busyTimeout = options.busyTimeoutMs ?? 5_000;
    this.writer.pragma(`busy_timeout = ${busyTimeout}`);
    useWal(this.writer, busyTimeout);
    // NORMAL writes a commit's frames without an fsync; WalSync then syncs them off the event loop
    // before the batch is acknowledged: FULL's durability for whatever anyone is told is done.
    this.writer.pragma('synchronous = NORMAL');
    this.writer.pragma('foreign_keys = ON');
    // After a unit has failed, batches run each unit in a savepoint, whose page images SQLite keeps
    // in a sub-journal; past 64 KiB it spilled to a temporary file, never truncated until the commit:
    // about 30 write() calls per payment. In memory, it costs no system call.
    this.writer.pragma('temp_store = MEMORY');
    migrate(this.writer);
    this.checkpointer = new WalCheckpointer(this.writer, file, busyTimeout);
    this.walSync = new WalSync(`${file}-wal`);
    this.reader = new Database(file, { readonly: true });
    this.reader.pragma(`busy_timeout = ${busyTimeout}`);
    // Pages read through a memory map, not a system call each: less CPU per lookup and per payment,
    // measured side by side (docs/benchmarks.md). Writes still go through the WAL: a crash is as safe.
    for (const connection of [this.writer, this.reader]) connection.pragma(`mmap_size = ${MAP_BYTES}`);
    const onWriter = new SqliteExecutor(this.writer);
    this.writes = sqlRepositories(onWriter);
    this.reads = sqlRepositories(new CommittedReads(this.writer, onWriter, new SqliteExecutor(this.reader)));
    this.maxBatch = options.maxBatch ?? 256;
    const prepare = (sql: string) => this.writer.prepare(sql);
    this.control = {
      begin: prepare('BEGIN IMMEDIATE'),
      commit: prepare('COMMIT'),
      rollback: prepare('ROLLBACK'),
      savepoint: prepare('SAVEPOINT unit'),
      release: prepare('RELEASE unit'),
      rollbackTo: prepare('ROLLBACK TO unit'),
    };
  }

  readonly shared = false;
  discards = 0;

  /** One server process owns the file (the command line only adds rows beside it). */
  exclusively<T>(_name: string, work: () => Promise<T>): Promise<T> {
    return work();
  }

  readonly diagnostics: StoreDiagnostics = {
    rowCounts: async () => Object.fromEntries(tableNames.map((table) => [table, this.reader.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number])),
    snapshot: async () =>
      Object.fromEntries(tableNames.map((table) => [table, this.reader.prepare(`SELECT * FROM "${table}" ORDER BY ${primaryKeys[table].join(', ')}`).all()])),
  };

  transaction<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    if (this.walSync.failure) return Promise.reject(this.walSync.failure);
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        this.idle = new Promise((done) => (this.markIdle = done));
        setImmediate(() => void this.flush());
      }
    });
  }

  read<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return work(this.reads);
  }

  /** A connection of its own in a read transaction: WAL keeps its snapshot while the writer goes on. */
  async snapshot<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('the store is closed');
    const connection = new Database(this.file, { readonly: true });
    try {
      connection.exec('BEGIN');
      return await work(sqlRepositories(new SqliteExecutor(connection)));
    } finally {
      connection.close();
    }
  }

  /** Waits for queued units of work and their syncs, then closes the checkpointing thread and both connections. */
  async close(): Promise<void> {
    await this.idle;
    if (this.closed) return;
    this.closed = true;
    await this.walSync.close();
    await this.checkpointer.stop();
    this.reader.close();
    this.writer.close();
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0, this.maxBatch);
    let outcomes: Outcome[];
    try {
      outcomes = await this.commitBatch(batch);
    } catch (error) {
      for (const job of batch) job.reject(error);
      return this.afterFlush();
    }
    const durable = this.walSync.afterCommit();
    this.afterFlush();
    durable.then(
      () =>
        batch.forEach((job, index) => {
          const outcome = outcomes[index]!;
          if (outcome.ok) job.resolve(outcome.value);
          else job.reject(outcome.error);
        }),
      (error: unknown) => batch.forEach((job) => job.reject(error)),
    );
  }

  /**
   * Runs a batch in one transaction and commits it. First without savepoints: each costs a copy of
   * every page the unit touches, and units rarely fail (measured in docs/benchmarks.md). When one
   * fails, the whole transaction rolls back and the batch runs again with a savepoint per unit, the
   * failed unit rejected with its error and not run again; so does the next batch, until a batch
   * runs with no failure. A unit may therefore run twice, as a PostgreSQL unit may after a deadlock:
   * it awaits nothing but `tx`, and nobody saw its first run.
   */
  private async commitBatch(batch: Job[]): Promise<Outcome[]> {
    const { begin, commit, rollback } = this.control;
    try {
      begin.run();
      const together = this.isolateUnits ? undefined : await this.runTogether(batch);
      let outcomes: Outcome[];
      if (together && 'outcomes' in together) outcomes = together.outcomes;
      else {
        if (together) {
          this.discards++;
          // A failing statement may have ended the transaction already (SQLite does so on a full disk).
          if (this.writer.inTransaction) rollback.run();
          begin.run();
        }
        outcomes = await this.runIsolated(batch, together);
        this.isolateUnits = outcomes.some((outcome) => !outcome.ok);
      }
      commit.run();
      this.checkpointer.committed();
      return outcomes;
    } catch (error) {
      this.discards++;
      if (this.writer.inTransaction) rollback.run();
      throw error;
    }
  }

  /** Every unit in the open transaction, none in a savepoint; stops at the first that fails. */
  private async runTogether(batch: Job[]): Promise<{ outcomes: Outcome[] } | Failure> {
    const outcomes: Outcome[] = [];
    for (const job of batch) {
      try {
        outcomes.push({ ok: true, value: await this.runUnit(job) });
      } catch (error) {
        return { failed: job, error };
      }
    }
    return { outcomes };
  }

  /** Each unit in a savepoint of its own, so that one that fails rolls back alone; `known` has already failed. */
  private async runIsolated(batch: Job[], known: Failure | undefined): Promise<Outcome[]> {
    const { savepoint, release, rollbackTo } = this.control;
    const outcomes: Outcome[] = [];
    for (const job of batch) {
      if (job === known?.failed) {
        outcomes.push({ ok: false, error: known.error });
        continue;
      }
      savepoint.run();
      try {
        const value = await this.runUnit(job);
        release.run();
        outcomes.push({ ok: true, value });
      } catch (error) {
        this.discards++;
        rollbackTo.run();
        release.run();
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  /** One unit's work, which must not let the event loop turn: that would mean it awaited something other than `tx`. */
  private async runUnit(job: Job): Promise<unknown> {
    let crossedTurn = false;
    const sentinel = setImmediate(() => (crossedTurn = true));
    try {
      const value = await job.work(this.writes);
      if (crossedTurn) throw new UnitOfWorkError('a unit of work awaited something other than its transaction');
      return value;
    } finally {
      clearImmediate(sentinel);
    }
  }

  private afterFlush(): void {
    if (this.pending.length > 0) {
      setImmediate(() => void this.flush());
    } else {
      this.flushing = false;
      this.markIdle();
    }
  }
}
