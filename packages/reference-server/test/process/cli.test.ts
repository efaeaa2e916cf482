import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoCredentials } from '@pay-box/engine/demo';
import { paybox, withEngine } from '../support/cli.js';
import { startTestServer } from '../support/test-server.js';

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
    expect(await withEngine(empty, (engine) => engine.books.isEmpty())).toBe(true);
  });

  it('topup credits the float through the ledger', async () => {
    const before = await withEngine(dataDir, (engine) => engine.agents.floatBalance(demo.agentId));
    const result = await paybox(dataDir, 'topup', demo.agentId, '100000');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ agentId: demo.agentId, toppedUp: 100000, balance: before + 100000 });
    await withEngine(dataDir, async (engine) => {
      expect(await engine.agents.floatBalance(demo.agentId)).toBe(before + 100000);
      await expect(engine.books.check()).resolves.toBeUndefined();
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
    await withEngine(dataDir, async (engine) => {
      expect(await engine.keys.authenticate(key.secret)).toMatchObject({ kind: 'terminal', agentId: demo.agentId });
      expect(JSON.stringify(await engine.context.store.diagnostics.snapshot())).not.toContain(key.secret);
    });
    const listed = await paybox(dataDir, 'keys', 'list');
    expect(listed.stdout).toContain(key.id);
    expect(listed.stdout).not.toContain(key.secret);
    expect((await paybox(dataDir, 'keys', 'revoke', key.id)).code).toBe(0);
    expect(await withEngine(dataDir, (engine) => engine.keys.authenticate(key.secret))).toBeUndefined();
    expect((await paybox(dataDir, 'keys', 'revoke', key.id)).code).toBe(1);
  });

  it('check reports consistent books, and names what is wrong when a balance was tampered with', async () => {
    const healthy = await paybox(dataDir, 'check');
    expect(healthy.code).toBe(0);
    expect(JSON.parse(healthy.stdout)).toMatchObject({ books: 'consistent', pendingOutbox: 0 });

    const tamper = new Database(join(dataDir, 'paybox.sqlite'));
    tamper.prepare(`UPDATE ledger_accounts SET balance = balance + 1 WHERE id = 'institution_bank'`).run();
    const broken = await paybox(dataDir, 'check');
    tamper.prepare(`UPDATE ledger_accounts SET balance = balance - 1 WHERE id = 'institution_bank'`).run();
    tamper.close();
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/institution_bank: stored \d+, replayed \d+/);
  });

  it('an unknown command prints the usage and exits 2', async () => {
    const result = await paybox(dataDir, 'frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: paybox-server');
  });
});
