import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Engine } from '@pay-box/engine';
import { repositoryRoot } from '../../../../test-support/local.js';
import { serverArgs } from '../../../../test-support/reference-server-process.js';
import { configFromEnv } from '../../src/config.js';
import { openEngine } from '../../src/server.js';

const run = promisify(execFile);

/** `paybox-server <args>`, as the operator types it (this test run's build of the sources). */
export async function paybox(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, serverArgs(args), {
      cwd: repositoryRoot,
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

