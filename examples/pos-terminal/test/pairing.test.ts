import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { createPayBox } from '@pay-box/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServerProcess } from '../../../test-support/reference-server-process.js';
import { main } from '../src/main.js';

async function session(argv: string[], lines: string[]): Promise<string> {
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  await main(argv, Readable.from(lines.map((line) => `${line}\n`)), output);
  return printed.replace(/\u00a0/g, ' ');
}

/** A shop adds a till: its first terminal asks for a one-time code, the new till pairs with it and keeps its key. */
describe('the POS example pairs a new till with a one-time code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paybox-pos-pairing-'));
  let server: ReferenceServerProcess;
  beforeAll(async () => {
    server = await startReferenceServer(join(dir, 'data'));
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pairs, keeps the key for the next start, and the code works only once', async () => {
    const firstTill = createPayBox({ baseUrl: server.url, apiKey: server.credentials().terminalKey });
    const { code, agentId } = await firstTill.agent.createPairingCode({ label: 'Cassa 2' });
    const keyFile = join(dir, 'till-2.json');

    const printed = await session(['--base-url', server.url, '--pair', code, '--key-file', keyFile], ['3', 'q']);
    expect(printed).toMatch(/Paired as Cassa 2 \(trm_\w+\); key kept in /);
    const kept = JSON.parse(readFileSync(keyFile, 'utf8')) as { secretKey: string; agentId: string };
    expect(kept).toMatchObject({ agentId, secretKey: expect.stringMatching(/^sk_/) });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(kept.secretKey).not.toBe(server.credentials().terminalKey);

    // The next start reads the key file: the new till shows the same shop's float.
    const again = await session(['--base-url', server.url, '--key-file', keyFile], ['q']);
    expect(again).toContain(`Connected to ${server.url}`);
    expect(again).toMatch(/Pay-Box POS - Tabaccheria .* - float [\d.,]+ €/);

    await expect(session(['--base-url', server.url, '--pair', code, '--key-file', join(dir, 'till-3.json')], ['q'])).rejects.toMatchObject({ code: 'pairing_code_invalid' });
  });
});
