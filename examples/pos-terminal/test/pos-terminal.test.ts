import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

/** Runs the POS on a script of typed lines and returns everything it printed (formatEuro's no-break spaces as spaces). */
async function session(lines: string[], argv = ['--mock']): Promise<string> {
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  await main(argv, Readable.from(lines.map((line) => `${line}\n`)), output);
  return printed.replace(/\u00a0/g, ' ');
}

// The fake's first demo notice: TARI 143,50 € + 1,50 € fee.
const NOTICE = '347000000000000124';

describe('the POS example, offline with --mock', () => {
  it('collects a scanned notice, prints the 58 mm receipt with its CRO/TRN, and shows the float', async () => {
    const printed = await session(['1', NOTICE, 'y', '3', 'q']);
    expect(printed).toContain('Connected to the in-memory fake server (--mock)');
    expect(printed).toContain('Amount 143,50 € + fee 1,50 € = TOTAL 145,00 €');
    expect(printed).toMatch(/Paid: receipt \d{4}-\d{6}, CRO\/TRN PBXSBX\d{20}/);
    expect(printed).toContain('Ricevuta di pagamento');
    expect(printed).toContain('Float now 4856,00 €');
    expect(printed).toContain('1 payment(s), 145,00 € collected');
  });

  it('collects by the QR code printed on the notice', async () => {
    const printed = await session(['1', `PAGOPA|002|${NOTICE}|82000123453|14350`, 'y', 'q']);
    expect(printed).toMatch(/Paid: receipt \d{4}-\d{6}/);
  });

  it('says what is wrong with a mistyped notice number and charges nothing', async () => {
    const printed = await session(['1', '347000000000000125', '3', 'q']);
    expect(printed).toContain('! The check digits do not match: re-read the notice number.');
    expect(printed).toContain('0 payment(s)');
  });

  it('charges nothing when the shopkeeper does not confirm', async () => {
    const printed = await session(['1', NOTICE, 'n', '3', 'q']);
    expect(printed).toContain('Cancelled: nothing was charged.');
    expect(printed).toContain('Float 5000,00 €');
  });

  it('refuses to collect a notice twice, with the message of the API', async () => {
    const printed = await session(['1', NOTICE, 'y', '1', NOTICE, 'q']);
    expect(printed).toContain('! This credit is paid: do not collect any money.');
  });

  it('records a market stall fee, asking again for a value the service refuses, and prints its receipt', async () => {
    const fee = ['2', '1', '', 'B 12!', 'B12', '7.5', '1', 'AUT-2026-0042', 'RSSMRA85T10H501O', 'Mario Rossi', 'y'];
    const printed = await session([...fee, '4', '', 'q']);
    expect(printed).toContain('! Stall number has the wrong format');
    expect(printed).toContain('Canone mercatale - spunta: 12,00 € plus the fee. Confirm?');
    expect(printed).toMatch(/Paid: receipt \d{4}-\d{6}, CRO\/TRN PBXSBX/);
    expect(printed).toContain('Canone mercatale - spunta: 1 for 12,00 € + fees 1,50 €');
  });

  it('ends when the input ends', async () => {
    await expect(session(['1'])).resolves.toContain('Scan the QR code or type the notice number:');
  });
});

describe('the POS example against a server', () => {
  it('asks for a terminal key when it finds no demo credentials', async () => {
    await expect(session([], ['--base-url', 'http://127.0.0.1:9', '--credentials', '/nonexistent/demo-credentials.json'])).rejects.toThrow(
      'No terminal key: pass --key sk_...',
    );
  });
});
