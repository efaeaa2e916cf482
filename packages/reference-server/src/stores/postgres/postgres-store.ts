import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Store, StoreDiagnostics, UnitOfWork } from '@pay-box/engine';
import { compileQuery, type SqlExecutor, type SqlQuery } from '../sql/prepared.js';
import { sqlRepositories } from '../sql/repositories/index.js';
import { iuvBases, takeIuvs } from '../sql/repositories/tenants.js';
import { primaryKeys, tableNames } from '../sql/schema.js';
import { migratePostgres } from './migrations-runner.js';
import { numbersAsNumbers } from './numbers-as-numbers.js';

export interface PostgresStoreOptions {
  /** Connections this instance opens at most. Default 10. */
  poolSize?: number;
  /** How many times a unit of work that lost a deadlock or a serialisation race runs again. Default 5. */
  retries?: number;
}

/** Runs the query set on one connection (or the pool, for reads), each statement prepared once per connection by name. */
class PostgresExecutor implements SqlExecutor {
  readonly dialect = 'postgres' as const;

  constructor(private readonly connection: pg.Pool | pg.PoolClient) {}

  async all<P extends object, O>(query: SqlQuery<P, O>, params: P): Promise<O[]> {
    return (await this.query<O>(query, params)).rows;
  }

  async first<P extends object, O>(query: SqlQuery<P, O>, params: P): Promise<O | undefined> {
    return (await this.query<O>(query, params)).rows[0];
  }

  async run<P extends object>(query: SqlQuery<P, unknown>, params: P): Promise<number> {
    return (await this.query(query, params)).rowCount ?? 0;
  }

  private query<O>(query: SqlQuery<never, unknown>, params: object): Promise<pg.QueryResult<O & pg.QueryResultRow>> {
    const { name, sql, bind } = compileQuery(query, 'postgres');
    return this.connection.query<O & pg.QueryResultRow>({ name, text: sql, values: bind(params) });
  }
}

/** How many IUV bases an instance reserves at a time, per comune. */
const IUV_BLOCK = 100;

/** Lost a deadlock (40P01) or a serialisation race (40001): the unit of work rolled back whole and can run again. */
const isRetryable = (error: unknown) => error instanceof Error && ['40P01', '40001'].includes((error as { code?: string }).code ?? '');

/**
 * The shared store: one PostgreSQL database that several server instances use at once.
 *
 * Isolation: READ COMMITTED with row locks, not SERIALIZABLE. The money rules need only a few rows
 * held, each taken by the statement that decides: the credit is closed by an UPDATE ... WHERE status =
 * 'open' (a second payer waits for the first, then finds it paid and writes nothing), the float is read
 * FOR UPDATE before its floor is checked, an Idempotency-Key is claimed by an INSERT that waits for a
 * concurrent claim of the same key, a bank answer locks its transfer, and the outbox is claimed FOR
 * UPDATE SKIP LOCKED. SERIALIZABLE would also abort payments that only share the comune's accounts,
 * and make every busy comune a retry loop. The locks are always taken in one order (credit, float,
 * balances, counters), so deadlocks do not arise between payments; one that another path causes is
 * retried, like a serialisation failure.
 */
export class PostgresStore implements Store {
  readonly shared = true;
  discards = 0;
  private readonly reads: UnitOfWork;
  /** Reserves IUV blocks on connections of their own (see unitOf): never the ones units of work wait for. */
  private readonly iuvExecutor: PostgresExecutor;
  /** The IUV bases this instance has reserved and not used yet, per comune. */
  private readonly iuvBlocks = new Map<string, { next: number; end: number }>();
  private readonly reservingIuvs = new Map<string, Promise<void>>();
  /** The repositories of each pooled connection, built once. */
  private readonly units = new WeakMap<pg.PoolClient, UnitOfWork>();
  private readonly retries: number;
  private running = 0;
  private closed = false;
  private allDone: () => void = () => {};

  private constructor(
    private readonly pool: pg.Pool,
    private readonly iuvPool: pg.Pool,
    options: PostgresStoreOptions,
  ) {
    this.reads = sqlRepositories(new PostgresExecutor(pool));
    this.iuvExecutor = new PostgresExecutor(iuvPool);
    this.retries = options.retries ?? 5;
  }

  /** Connects, and brings the database's schema up to this release (instances starting together take turns). */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: numbersAsNumbers, application_name: 'pay-box' });
    const iuvPool = new pg.Pool({ connectionString: url, max: 2, types: numbersAsNumbers, application_name: 'pay-box iuv' });
    // An idle connection that breaks (a database restart) is dropped from the pool, not thrown at the process.
    pool.on('error', () => {});
    iuvPool.on('error', () => {});
    try {
      const client = await pool.connect();
      try {
        await migratePostgres(client);
      } finally {
        client.release();
      }
    } catch (error) {
      await Promise.all([pool.end(), iuvPool.end()]);
      throw error;
    }
    return new PostgresStore(pool, iuvPool, options);
  }

  readonly diagnostics: StoreDiagnostics = {
    rowCounts: async () => {
      const counts = await Promise.all(tableNames.map(async (table) => [table, Number((await this.pool.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n)] as const));
      return Object.fromEntries(counts);
    },
    snapshot: () =>
      this.inSnapshot(async (client) => {
        const rows: Record<string, unknown[]> = {};
        for (const table of tableNames) rows[table] = (await client.query(`SELECT * FROM "${table}" ORDER BY ${primaryKeys[table].join(', ')}`)).rows;
        return rows;
      }),
  };

  async transaction<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    return this.tracked(async () => {
      for (let attempt = 0; ; attempt++) {
        const client = await this.pool.connect();
        let broken: Error | undefined;
        try {
          await client.query('BEGIN');
          const result = await work(this.unitOf(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          this.discards++;
          await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
          if (!isRetryable(error) || attempt >= this.retries) throw error;
        } finally {
          client.release(broken);
        }
        // Both sides of a deadlock retry: a random pause lets one of them go first.
        await sleep(Math.random() * 5 * (attempt + 1));
      }
    });
  }

  /** Holds a session advisory lock named after `name` on a connection of its own while `work` runs. */
  exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.tracked(async () => {
      const client = await this.pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
        }
      } finally {
        client.release();
      }
    });
  }

  read<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    return this.tracked(() => work(this.reads));
  }

  /** REPEATABLE READ, read only: one snapshot for the whole audit, and writers go on meanwhile. */
  snapshot<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    return this.inSnapshot((client) => work(sqlRepositories(new PostgresExecutor(client))));
  }

  /** Waits for units of work under way, then closes the pool. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.running > 0) await new Promise<void>((resolve) => (this.allDone = resolve));
    await Promise.all([this.pool.end(), this.iuvPool.end()]);
  }

  private inSnapshot<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.tracked(async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        return await work(client);
      } finally {
        await client.query('ROLLBACK').catch(() => {});
        client.release();
      }
    });
  }

  private unitOf(client: pg.PoolClient): UnitOfWork {
    let unit = this.units.get(client);
    if (!unit) {
      unit = sqlRepositories(new PostgresExecutor(client));
      unit.comuni = { ...unit.comuni, nextIuvBase: (id) => this.nextIuvBase(id), nextIuvBases: (id, count) => this.reserveIuvBases(id, count) };
      this.units.set(client, unit);
    }
    return unit;
  }

  /**
   * IUV bases come from blocks this instance reserves, like a cached sequence: the comune's row is
   * taken for one short statement per block, never held until a payment commits, so the comune's
   * unexpected credits do not queue on it. What a failed payment took, or an instance stopped
   * before using, is a gap; two instances never get the same base.
   */
  private async nextIuvBase(comuneId: string): Promise<string> {
    for (;;) {
      const block = this.iuvBlocks.get(comuneId);
      if (block && block.next < block.end) return String(block.next++).padStart(13, '0');
      let reserving = this.reservingIuvs.get(comuneId);
      if (!reserving) {
        reserving = this.reserveIuvs(comuneId).finally(() => this.reservingIuvs.delete(comuneId));
        this.reservingIuvs.set(comuneId, reserving);
      }
      await reserving;
    }
  }

  private async reserveIuvs(comuneId: string): Promise<void> {
    const reserved = await this.iuvExecutor.first(takeIuvs, { id: comuneId, count: IUV_BLOCK });
    if (!reserved) throw new Error(`no comune ${comuneId} to number`);
    this.iuvBlocks.set(comuneId, { next: reserved.first, end: reserved.first + IUV_BLOCK });
  }

  /** An import's bases, in one reservation of their own: the comune's row is not held while the import commits. */
  private async reserveIuvBases(comuneId: string, count: number): Promise<string[]> {
    if (count === 0) return [];
    const reserved = await this.iuvExecutor.first(takeIuvs, { id: comuneId, count });
    if (!reserved) throw new Error(`no comune ${comuneId} to number`);
    return iuvBases(reserved.first, count);
  }

  private async tracked<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('the store is closed');
    this.running++;
    try {
      return await work();
    } finally {
      if (--this.running === 0 && this.closed) this.allDone();
    }
  }
}
