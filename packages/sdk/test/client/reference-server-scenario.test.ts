import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe } from 'vitest';
import type { DemoCredentials } from '@pay-box/sdk/mock';
import { definePayBoxScenario } from '../scenario.js';

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, server: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the reference server exited with code ${server.exitCode}:\n${output()}`);
    const healthy = await fetch(`${baseUrl}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the reference server did not answer /healthz within ${timeoutMs} ms:\n${output()}`);
}

describe('the shared scenario against the real reference server (node --import tsx packages/reference-server/src/cli.ts start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paybox-sdk-scenario-'));
  let server: ChildProcess | undefined;
  let target: { credentials: DemoCredentials; baseUrl: string; fetch: typeof fetch } | undefined;

  beforeAll(async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    let output = '';
    server = spawn(process.execPath, ['--import', 'tsx', 'packages/reference-server/src/cli.ts', 'start'], {
      cwd: repositoryRoot,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PAYBOX_DATA_DIR: dataDir, PAYBOX_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForHealth(baseUrl, server, () => output, 25_000);
    const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
    target = { credentials, baseUrl, fetch: (input, init) => globalThis.fetch(input, init) };
  }, 30_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  definePayBoxScenario(() => {
    if (!target) throw new Error('the reference server did not start: see the error of beforeAll');
    return target;
  });
});
