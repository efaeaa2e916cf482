import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createPayBox, pairTerminal, type PayBox } from '@pay-box/sdk';
import { createFakePayBoxServer, FAKE_BASE_URL } from '@pay-box/sdk/mock';

export interface ConnectOptions {
  /** Work offline against the SDK's in-memory fake server. */
  mock: boolean;
  baseUrl: string;
  /** A terminal secret key (sk_...); read from the key file, then from demo-credentials.json, when missing. */
  key: string | undefined;
  /** Where a paired terminal keeps its key. */
  keyFile: string;
  /** Where the reference server wrote its demo keys. */
  credentialsFile: string | undefined;
}

/** Where `npm start` at the repository root writes the demo keys. */
const defaultCredentialFiles = [
  resolve(process.env.INIT_CWD ?? process.cwd(), 'data/demo-credentials.json'),
  resolve(process.cwd(), 'data/demo-credentials.json'),
  new URL('../../../data/demo-credentials.json', import.meta.url).pathname,
];

/** A client of the reference server, or of the in-memory fake with --mock. */
export function connect(options: ConnectOptions): { payBox: PayBox; where: string } {
  if (options.mock) {
    // The fake answers like the reference server; its fetch needs no network.
    const fake = createFakePayBoxServer();
    return {
      payBox: createPayBox({ baseUrl: FAKE_BASE_URL, apiKey: fake.credentials.terminalKey, fetch: fake.fetch }),
      where: 'the in-memory fake server (--mock)',
    };
  }
  const apiKey = options.key ?? keyFromFile(options.keyFile) ?? terminalKeyFromDemoCredentials(options.credentialsFile);
  return { payBox: createPayBox({ baseUrl: options.baseUrl, apiKey }), where: options.baseUrl };
}

/**
 * Pairs this till with the one-time code the shop or the payment institution gave, and keeps the
 * key in `keyFile` (readable by its owner only) for the next starts: nobody types the secret.
 */
export async function pair(baseUrl: string, code: string, keyFile: string): Promise<{ terminalId: string; label: string }> {
  const paired = await pairTerminal({ baseUrl, code });
  writeFileSync(keyFile, `${JSON.stringify({ baseUrl, ...paired }, null, 2)}\n`, { mode: 0o600 });
  return paired;
}

function keyFromFile(file: string): string | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { secretKey: string }).secretKey : undefined;
}

function terminalKeyFromDemoCredentials(file: string | undefined): string {
  const found = (file ? [resolve(file)] : defaultCredentialFiles).find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error('No terminal key: pass --key sk_..., or start the reference server (npm start) so that it writes data/demo-credentials.json.');
  }
  return (JSON.parse(readFileSync(found, 'utf8')) as { terminalKey: string }).terminalKey;
}
