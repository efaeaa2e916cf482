import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { DemoCredentials } from '../../src/services/seed-demo.js';
import { eventually } from './eventually.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = join(repoRoot, 'packages/reference-server/src/cli.ts');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** `paybox-server start` as a real process (from source, through tsx), as an operator runs it. */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'start'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PAYBOX_DATA_DIR: dataDir, PAYBOX_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
      return (await fetch(`${url}/healthz`).catch(() => undefined))?.ok ? true : undefined;
    },
    20_000,
    'server to answer /healthz',
  );
  return { url, child, output: () => output, exited };
}

export function demoCredentials(dataDir: string): DemoCredentials {
  return JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
}

/** What the sandbox bank booked for an EndToEndId, read from its own file as an auditor would. */
export function bankBookings(dataDir: string, endToEndId: string): Array<{ state: string; bank_reference: string | null }> {
  const db = new Database(join(dataDir, 'sandbox-bank.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT state, bank_reference FROM transfers WHERE end_to_end_id = ?').all(endToEndId) as Array<{ state: string; bank_reference: string | null }>;
  } finally {
    db.close();
  }
}
