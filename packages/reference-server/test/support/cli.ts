import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Engine } from '@pay-box/engine';
import { configFromEnv } from '../../src/config.js';
import { openEngine } from '../../src/server.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const run = promisify(execFile);

/** `npm run paybox -- <args>`, as the operator types it (from source, through tsx). */
export async function paybox(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'packages/reference-server/src/cli.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, PAYBOX_DATA_DIR: dataDir, PAYBOX_LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Opens the data folder's engine, as the server would, to read what the command wrote. */
export async function withEngine<T>(dataDir: string, read: (engine: Engine) => Promise<T>): Promise<T> {
  const opened = await openEngine(configFromEnv({ PAYBOX_DATA_DIR: dataDir }));
  try {
    return await read(opened.engine);
  } finally {
    await opened.close();
  }
}

