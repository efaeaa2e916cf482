import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoCredentials } from '@pay-box/sdk/demo';
import { inject } from 'vitest';
import { freePort, repositoryRoot } from './local.js';

/**
 * The reference server as a real process, started the way an operator starts it
 * (`paybox-server start`, this test run's build of the sources: see server-build.ts). Shared by
 * every package's tests, which talk to it over HTTP only: nothing imports the server.
 */

export interface ReferenceServerProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  exited: Promise<number | null>;
  credentials(): DemoCredentials;
  /** Runs `paybox-server <args>` against the same data folder and returns what it printed. */
  cli(...args: string[]): Promise<string>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<number | null>;
}

/** Node's arguments that run `paybox-server <args>`. */
export const serverArgs = (args: string[]): string[] => ['--enable-source-maps', inject('serverCli'), ...args];

function runCli(args: string[], env: NodeJS.ProcessEnv, stdio: 'pipe'): ChildProcess {
  return spawn(process.execPath, serverArgs(args), { cwd: repositoryRoot, env, stdio });
}

/** Starts `paybox-server start` on a free port, or on `env.PORT` (to start it again where it was). */
export async function startReferenceServer(dataDir: string, env: Record<string, string> = {}): Promise<ReferenceServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const url = `http://127.0.0.1:${port}`;
  const processEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', PAYBOX_DATA_DIR: dataDir, PAYBOX_LOG_LEVEL: 'info', ...env };
  const child = runCli(['start'], processEnv, 'pipe');
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the reference server exited with code ${child.exitCode}:\n${output}`);
    if (await fetch(`${url}/healthz`).then((response) => response.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`the reference server did not answer /healthz in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    dataDir,
    child,
    exited,
    output: () => output,
    credentials: () => JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials,
    cli: (...args) =>
      new Promise((resolve, reject) => {
        const command = runCli(args, processEnv, 'pipe');
        let printed = '';
        command.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
        command.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
        command.once('exit', (code) => (code === 0 ? resolve(printed) : reject(new Error(`paybox-server ${args.join(' ')} exited ${code}:\n${printed}`))));
      }),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
