import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPayBox } from '@pay-box/sdk';
import { demoComune } from '@pay-box/sdk/demo';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test-support/local.js';
import { startReferenceServer, type ReferenceServerProcess } from '../../../test-support/reference-server-process.js';
import { seedConnectorCredits } from '../src/seed.js';
import { startTributi, type RunningTributi } from '../src/tributi.js';

/** The README's walk-through: Pay-Box's demo and this example, connected by the CLI, a credit of the example looked up and paid at the shop. */
describe('the tributi example connected to a running Pay-Box', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paybox-tributi-e2e-'));
  const dbPath = join(dir, 'tributi.sqlite');
  let server: ReferenceServerProcess;
  let tributi: RunningTributi | undefined;

  beforeAll(async () => {
    server = await startReferenceServer(join(dir, 'data'), { PAYBOX_WEBHOOKS_ALLOW_PRIVATE: 'true' });
    const port = await freePort();
    const printed = await server.cli('connectors', 'create', demoComune.id, '--kind', 'http', '--name', 'Tributi', '--url', `http://127.0.0.1:${port}/pay-box`, '--service', 'TARI', '--service', 'MENSA');
    const { connector, secret } = JSON.parse(printed.trim().split('\n').at(-1)!) as { connector: { services: string[] }; secret: string };
    expect(connector.services).toEqual(['MENSA', 'TARI']);
    tributi = await startTributi({ dbPath, port, connectorSecret: secret, log: () => {} });
  }, 60_000);
  afterAll(async () => {
    await tributi?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('looks up a credit of the comune’s system, pays it at the shop, and the comune’s database shows it paid', async () => {
    const shop = createPayBox({ baseUrl: server.url, apiKey: server.credentials().terminalKey });
    const first = seedConnectorCredits(new Date())[0]!;
    const [credit] = (await shop.credits.lookup({ noticeNumber: first.noticeNumber })).data;
    expect(credit).toMatchObject({ noticeNumber: first.noticeNumber, amount: first.amount, status: 'open', description: first.publicDescription });
    const payment = await shop.payments.create({ creditId: credit!.id, amount: credit!.amount });

    const db = new Database(dbPath, { readonly: true });
    try {
      const row = () => db.prepare('SELECT status FROM credits WHERE notice_number = ?').get(first.noticeNumber) as { status: string } | undefined;
      for (let waited = 0; row()?.status !== 'paid' && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(row()?.status).toBe('paid');
      expect(db.prepare('SELECT payment_id AS paymentId FROM payments').all()).toEqual([{ paymentId: payment.id }]);
    } finally {
      db.close();
    }
    expect((await shop.credits.lookup({ noticeNumber: first.noticeNumber })).data[0]).toMatchObject({ status: 'paid' });
  });

  it('collects nothing while the comune’s system is down', async () => {
    await tributi!.close();
    tributi = undefined;
    const shop = createPayBox({ baseUrl: server.url, apiKey: server.credentials().terminalKey });
    const second = seedConnectorCredits(new Date())[1]!;
    await expect(shop.credits.lookup({ noticeNumber: second.noticeNumber })).rejects.toMatchObject({ code: 'source_unavailable' });
  });

  it('is listed and changed from the command line', async () => {
    const lastLine = (printed: string) => JSON.parse(printed.trim().split('\n').at(-1)!) as { id: string; services: string[]; enabled: boolean };
    const listed = lastLine(await server.cli('connectors', 'list', demoComune.id));
    expect(listed).toMatchObject({ services: ['MENSA', 'TARI'], enabled: true });
    const changed = lastLine(await server.cli('connectors', 'set', demoComune.id, listed.id, '--service', 'TARI', '--disable'));
    expect(changed).toMatchObject({ id: listed.id, services: ['TARI'], enabled: false });
  });
});
