import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, type ServerConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { SandboxBank, type SandboxBankOptions } from '../../src/rails/sandbox-bank.js';
import { startServer, type RunningServer } from '../../src/server.js';
import type { DemoCredentials } from '../../src/services/seed-demo.js';

export interface TestServerOptions {
  /** Reuse a data folder (restart tests); a fresh temporary one by default. */
  dataDir?: string;
  bank?: Omit<SandboxBankOptions, 'file'>;
  config?: Partial<ServerConfig>;
  /** Receives the server's JSON log lines; silent by default. */
  logLine?: (line: string) => void;
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
  tableCounts(): Record<string, number>;
  /** Closes the server and deletes its data folder. */
  dispose(): Promise<void>;
}

const TABLES = ['credits', 'payments', 'receipts', 'transfers', 'outbox', 'ledger_transactions', 'ledger_postings', 'idempotency_keys'];

/** The real server on a free port with a real SQLite file and a real (sandbox) bank. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'paybox-test-'));
  const config: ServerConfig = {
    ...configFromEnv({ PAYBOX_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PAYBOX_LOG_LEVEL: 'silent' }),
    transferWaitMs: 2_000,
    ...options.config,
  };
  config.dispatcher = { ...config.dispatcher, retryBaseMs: 20, retryMaxMs: 200, pollMs: 50, ...options.config?.dispatcher };
  const bank = new SandboxBank({ file: join(dataDir, 'sandbox-bank.sqlite'), latencyMs: 5, ...options.bank });
  const log = options.logLine ? createLogger('debug', options.logLine) : createLogger('silent');
  const server = await startServer(config, { rail: bank, log });
  const demo = server.demo ?? (JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials);
  const terminalKey = demo.terminalKey;

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
    tableCounts() {
      return Object.fromEntries(TABLES.map((table) => [table, server.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number]));
    },
    async dispose() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
