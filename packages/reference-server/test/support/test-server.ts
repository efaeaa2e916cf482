import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBankBook, SandboxBank, type SandboxBankOptions, type Store } from '@pay-box/engine';
import type { DemoCredentials } from '@pay-box/engine/demo';
import Database from 'better-sqlite3';
import { configFromEnv, type ServerConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { SqliteBankBook } from '../../src/rails/sqlite-bank-book.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { DATABASE_FILE, openStore } from '../../src/stores/open-store.js';

export interface TestServerOptions {
  /** Reuse a data folder (restart tests); a fresh temporary one by default. */
  dataDir?: string;
  bank?: Omit<SandboxBankOptions, 'book'>;
  config?: Partial<ServerConfig>;
  /** Receives the server's JSON log lines; silent by default. */
  logLine?: (line: string) => void;
  /** Wraps the data folder's store (fault injection). */
  wrapStore?: (store: Store) => Store;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface TestServer extends RunningServer {
  dataDir: string;
  demo: DemoCredentials;
  bank: SandboxBank;
  /** Calls the real server over HTTP. */
  api<T = any>(path: string, options?: { method?: string; key?: string | null; body?: unknown; rawBody?: string; idempotencyKey?: string; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  /** Rows per table: "nothing written" checks compare two of these. */
  tableCounts(): Promise<Record<string, number>>;
  /** Reads the server's SQLite file from a read-only connection of its own, as an auditor would. */
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  /** Closes the server and deletes its data folder. */
  dispose(): Promise<void>;
}

/** The real server on a free port with a real SQLite file and a real (sandbox) bank in its own file. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'paybox-test-'));
  const base = configFromEnv({ PAYBOX_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PAYBOX_LOG_LEVEL: 'silent' });
  const config: ServerConfig = {
    ...base,
    transferWaitMs: 2_000,
    ...options.config,
    dispatch: { ...base.dispatch, retryBaseMs: 20, retryMaxMs: 200, ...options.config?.dispatch },
    worker: { ...base.worker, pollMs: 50, ...options.config?.worker },
  };
  // The bank's faults strike from the first request on: the demo's payment of the day before, sent at the seed, goes through.
  const { faults, ...bankOptions } = options.bank ?? {};
  const bank = new SandboxBank({ book: new SqliteBankBook(join(dataDir, 'sandbox-bank.sqlite')), latencyMs: 5, ...bankOptions });
  const log = options.logLine ? createLogger('debug', options.logLine) : createLogger('silent');
  const server = await startServer(config, { rail: bank, log, ...(options.wrapStore && { store: options.wrapStore(openStore(config)) }) });
  await server.engine.transfers.idle();
  if (faults) bank.injectFaults(faults);
  const demo = server.demo ?? (JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials);
  const terminalKey = demo.terminalKey;
  const auditor = new Database(join(dataDir, DATABASE_FILE), { readonly: true });

  return {
    ...server,
    dataDir,
    demo,
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
    query: <T>(sql: string, ...params: unknown[]) => auditor.prepare(sql).all(...params) as T[],
    async dispose() {
      auditor.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A sandbox bank in memory, for tests that need none of its files. */
export const memoryBank = (options: Omit<SandboxBankOptions, 'book'> = {}) => new SandboxBank({ book: new MemoryBankBook(), ...options });
