import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import type { DemoCredentials } from '@pay-box/sdk/mock';
import { startReferenceServer, type ReferenceServerProcess } from '../../../../test-support/reference-server-process.js';
import { definePayBoxScenario } from '../scenario.js';

describe('the shared scenario against the real reference server (paybox-server start, as a process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paybox-sdk-scenario-'));
  let server: ReferenceServerProcess | undefined;
  let target: { credentials: DemoCredentials; baseUrl: string; fetch: typeof fetch } | undefined;

  beforeAll(async () => {
    server = await startReferenceServer(dataDir, { PAYBOX_LOG_LEVEL: 'warn' });
    target = { credentials: server.credentials(), baseUrl: server.url, fetch: (input, init) => globalThis.fetch(input, init) };
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  definePayBoxScenario(() => {
    if (!target) throw new Error('the reference server did not start: see the error of beforeAll');
    return target;
  });
});
