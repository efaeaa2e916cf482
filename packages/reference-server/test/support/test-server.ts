import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBankBook, SandboxBank, type Clock, type SandboxBankOptions, type Store } from '@pay-box/engine';
import type { DemoCredentials } from '@pay-box/engine/demo';
import Database from 'better-sqlite3';
import pg from 'pg';
import { configFromEnv, type ServerConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { SqliteBankBook } from '../../src/rails/sqlite-bank-book.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { DATABASE_FILE, openStore } from '../../src/stores/open-store.js';
import { numbersAsNumbers } from '../../src/stores/postgres/numbers-as-numbers.js';
import { postgresDatabases } from '../../../../test-support/stores.js';

export interface TestServerOptions {
  /** Reuse a data folder (restart tests); a fresh temporary one by default. */
  dataDir?: string;
  /** Reuse a PostgreSQL database (restart tests, with `dataDir`); see `onPostgres`. */
  databaseUrl?: string;
  bank?: Omit<SandboxBankOptions, 'book'>;
  config?: Partial<ServerConfig>;
  /** Receives the server's JSON log lines; silent by default. */
  logLine?: (line: string) => void;
  /** Wraps the data folder's store (fault injection). */
  wrapStore?: (store: Store) => Store;
  /** The engine's clock (session expiry, lock-outs); the system's by default. */
  clock?: Clock;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface TestServer extends RunningServer {
  dataDir: string;
  /** The server's PostgreSQL database, when the suite runs on PostgreSQL. */
  databaseUrl: string | undefined;
  demo: DemoCredentials;
  bank: SandboxBank;
  /** Calls the real server over HTTP. */
  api<T = any>(path: string, options?: { method?: string; key?: string | null; body?: unknown; rawBody?: string; idempotencyKey?: string; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  /** Rows per table: "nothing written" checks compare two of these. */
  tableCounts(): Promise<Record<string, number>>;
  /**
   * Runs SQL on the server's database from a connection of its own, as an auditor or a database
   * console would (`?` for parameters, on either database).
   */
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** Closes the server and deletes its data folder. */
  dispose(): Promise<void>;
}

/**
 * The HTTP suite runs twice: on the data folder's SQLite file, and (the `postgres` test project) on
 * a database of its own on the test run's PostgreSQL server.
 */
export const onPostgres = process.env.PAYBOX_TEST_STORE === 'postgres';

/** The real server on a free port with a real database and a real (sandbox) bank in its own file. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'paybox-test-'));
  const databaseUrl = options.databaseUrl ?? (onPostgres ? await postgresDatabases.take() : undefined);
  const base = configFromEnv({ PAYBOX_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PAYBOX_LOG_LEVEL: 'silent' });
  const config: ServerConfig = {
    ...base,
    transferWaitMs: 2_000,
    ...options.config,
    dispatch: { ...base.dispatch, retryBaseMs: 20, retryMaxMs: 200, ...options.config?.dispatch },
    worker: { ...base.worker, pollMs: 50, ...options.config?.worker },
    database: databaseUrl ? { url: databaseUrl, poolSize: 4 } : undefined,
  };
  // The bank's faults strike from the first request on: the demo's payment of the day before, sent at the seed, goes through.
  const { faults, ...bankOptions } = options.bank ?? {};
  const bank = new SandboxBank({ book: new SqliteBankBook(join(dataDir, 'sandbox-bank.sqlite')), latencyMs: 5, ...bankOptions });
  const log = options.logLine ? createLogger('debug', options.logLine) : createLogger('silent');
  const server = await startServer(config, { rail: bank, log, ...(options.clock && { clock: options.clock }), ...(options.wrapStore && { store: options.wrapStore(await openStore(config)) }) });
  await server.engine.transfers.idle();
  if (faults) bank.injectFaults(faults);
  const demoFile = join(dataDir, 'demo-credentials.json');
  const demo = server.demo ?? (existsSync(demoFile) ? (JSON.parse(readFileSync(demoFile, 'utf8')) as DemoCredentials) : undefined);
  const terminalKey = demo?.terminalKey;

  return {
    ...server,
    dataDir,
    databaseUrl,
    /** The demo's keys; a server started with `seedDemo: false` has none. */
    get demo(): DemoCredentials {
      if (!demo) throw new Error('this test server was started without the demo');
      return demo;
    },
    bank,
    async api(path, { method, key = terminalKey, body, rawBody, idempotencyKey, headers = {} } = {}) {
      const response = await fetch(`${server.url}${path}`, {
        method: method ?? (body !== undefined || rawBody !== undefined ? 'POST' : 'GET'),
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
          ...headers,
        },
        body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await response.text();
      let parsed: unknown = text;
      if (response.headers.get('content-type')?.includes('json')) parsed = JSON.parse(text);
      return { status: response.status, headers: response.headers, body: parsed as never, text };
    },
    tableCounts: () => server.store.diagnostics.rowCounts(),
    query: <T>(sql: string, ...params: unknown[]) => (databaseUrl ? postgresQuery<T>(databaseUrl, sql, params) : sqliteQuery<T>(join(dataDir, DATABASE_FILE), sql, params)),
    async dispose() {
      await server.close();
      if (databaseUrl) await postgresDatabases.giveBack(databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A sandbox bank in memory, for tests that need none of its files. */
export const memoryBank = (options: Omit<SandboxBankOptions, 'book'> = {}) => new SandboxBank({ book: new MemoryBankBook(), ...options });

async function sqliteQuery<T>(file: string, sql: string, params: unknown[]): Promise<T[]> {
  const db = new Database(file);
  try {
    const statement = db.prepare(sql);
    return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
  } finally {
    db.close();
  }
}

async function postgresQuery<T>(url: string, sql: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, types: numbersAsNumbers });
  await client.connect();
  try {
    let n = 0;
    return (await client.query(sql.replaceAll('?', () => `$${++n}`), params)).rows as T[];
  } finally {
    await client.end();
  }
}
