import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/context-factory.js';
import { authenticate } from '../../src/services/api-keys.js';
import { startTestServer } from '../support/test-server.js';
import type { DemoCredentials } from '../../src/services/seed-demo.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const run = promisify(execFile);

/** `npm run paybox -- <args>`, as the operator types it (from source, through tsx). */
async function paybox(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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

function withContext<T>(dataDir: string, read: (ctx: ReturnType<typeof openContext>['ctx']) => T): T {
  const { db, ctx } = openContext(dataDir, { publicUrl: 'http://localhost', institutionName: 'test', transferWaitMs: 0 });
  try {
    return read(ctx);
  } finally {
    db.close();
  }
}

describe('paybox-server command line', () => {
  let dataDir: string;
  let demo: DemoCredentials;
  beforeAll(async () => {
    const server = await startTestServer();
    dataDir = server.dataDir;
    demo = server.demo;
    await server.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrate creates a database in an empty folder', async () => {
    const empty = join(dataDir, 'empty');
    const result = await paybox(empty, 'migrate');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('database ready');
    expect(withContext(empty, (ctx) => ctx.repos.tenants.countComuni())).toBe(0);
  });

  it('topup credits the float through the ledger', async () => {
    const before = withContext(dataDir, (ctx) => ctx.ledger.floatBalance(demo.agentId));
    const result = await paybox(dataDir, 'topup', demo.agentId, '100000');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ agentId: demo.agentId, toppedUp: 100000, balance: before + 100000 });
    withContext(dataDir, (ctx) => {
      expect(ctx.ledger.floatBalance(demo.agentId)).toBe(before + 100000);
      expect(() => ctx.ledger.assertConsistent()).not.toThrow();
    });
  });

  it('topup refuses an unknown shop or a bad amount, and writes nothing', async () => {
    expect((await paybox(dataDir, 'topup', 'agt_doesnotexist00', '100')).code).toBe(1);
    expect((await paybox(dataDir, 'topup', demo.agentId, '-5')).code).toBe(2);
    expect((await paybox(dataDir, 'topup', demo.agentId, '12.50')).code).toBe(2);
  });

  it('keys create shows a secret once, stores only its hash, and revoke disables it', async () => {
    const created = await paybox(dataDir, 'keys', 'create', 'terminal', '--agent', demo.agentId, '--label', 'Cassa 2');
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout) as { id: string; secret: string };
    expect(key.secret).toMatch(/^sk_/);
    withContext(dataDir, (ctx) => {
      expect(authenticate(ctx, key.secret)).toMatchObject({ kind: 'terminal', agentId: demo.agentId });
      expect(JSON.stringify(ctx.repos.apiKeys.list())).not.toContain(key.secret);
    });
    const listed = await paybox(dataDir, 'keys', 'list');
    expect(listed.stdout).toContain(key.id);
    expect(listed.stdout).not.toContain(key.secret);
    expect((await paybox(dataDir, 'keys', 'revoke', key.id)).code).toBe(0);
    withContext(dataDir, (ctx) => expect(authenticate(ctx, key.secret)).toBeUndefined());
    expect((await paybox(dataDir, 'keys', 'revoke', key.id)).code).toBe(1);
  });

  it('an unknown command prints the usage and exits 2', async () => {
    const result = await paybox(dataDir, 'frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: paybox-server');
  });
});
