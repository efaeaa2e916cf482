import type { Payment, Receipt } from '@pay-box/contract';
import { VERIFY_LIMIT } from '@pay-box/api';
import { demoCredits } from '@pay-box/engine/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupNotice, pay } from '../support/demo-flow.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** The page as a browser asks for it: no key, HTML. */
async function open(server: TestServer, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

describe("the receipt check for people: the page a receipt's QR code leads to", () => {
  let server: TestServer;
  let payment: Payment;
  let receipt: Receipt;
  beforeAll(async () => {
    server = await startTestServer();
    payment = (await pay(server, await lookupNotice(server, server.demo.sampleNoticeNumbers[0]!))).body;
    receipt = (await server.api<Receipt>(`/v1/receipts/${payment.receipt.id}`)).body;
  });
  afterAll(() => server.dispose());

  it('says in Italian that the receipt is genuine and shows what it says, nothing personal', async () => {
    expect(receipt.verifyUrl).toBe(`${server.url}/verifica/${receipt.verificationCode}`);
    const page = await open(server, new URL(receipt.verifyUrl).pathname);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.html).toContain('<html lang="it">');
    expect(page.html).toContain('Ricevuta autentica.');
    for (const fact of [receipt.number, 'Comune di Valdimonte', receipt.transfer.bankReference!, '145,00']) expect(page.html).toContain(fact);
    expect(page.html).toContain(receipt.noticeNumber.replace(/(\d{4})(?=\d)/g, '$1 '));
    for (const { debtor } of demoCredits) for (const personal of [debtor.name, debtor.taxCode]) expect(page.html).not.toContain(personal);
  });

  it('speaks English when asked by ?lang=en or by the browser, and links to the other language', async () => {
    const path = `/verifica/${receipt.verificationCode}`;
    for (const page of [await open(server, `${path}?lang=en`), await open(server, path, { 'accept-language': 'en-GB,en;q=0.9,it;q=0.5' })]) {
      expect(page.html).toContain('<html lang="en">');
      expect(page.html).toContain('Genuine receipt.');
      expect(page.html).toContain('€145.00');
      expect(page.html).toContain('<a href="?lang=it" hreflang="it" lang="it">Italiano</a>');
    }
    expect((await open(server, `${path}?lang=it`, { 'accept-language': 'en' })).html).toContain('Ricevuta autentica.');
  });

  it('accepts the code as a person types it: lower case, without hyphens', async () => {
    const typed = receipt.verificationCode.toLowerCase().replaceAll('-', '');
    expect((await open(server, `/verifica/${typed}`)).html).toContain(receipt.number);
  });

  it('says so, with a 404, for a code no receipt has, and writes the code back harmlessly', async () => {
    const page = await open(server, `/verifica/${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(page.status).toBe(404);
    expect(page.html).toContain('Nessuna ricevuta con questo codice.');
    expect(page.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(page.html).not.toContain('<script>');
  });

  it('runs no script, loads only its own stylesheet, keeps the code from other sites and from caches', async () => {
    const page = await open(server, `/verifica/${receipt.verificationCode}`);
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).not.toMatch(/<script|\sstyle=|\son\w+=/i);
    const style = await fetch(`${server.url}/verifica/style.css`);
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await style.text()).toContain('.genuine');
  });
});

describe('the receipt check page, with the bank still to answer, and under a flood', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ bank: { faults: { fault: 'timeout' } }, config: { transferWaitMs: 0 } });
  });
  afterAll(() => server.dispose());

  it('shows a receipt whose transfer the bank has not confirmed yet as genuine, its reference awaited', async () => {
    const payment = (await pay(server, await lookupNotice(server, server.demo.sampleNoticeNumbers[1]!))).body;
    expect(payment.transfer.status).toBe('pending');
    const page = await open(server, `/verifica/${payment.receipt.verificationCode}`);
    expect(page.html).toContain('Ricevuta autentica.');
    expect(page.html).toContain('in attesa della conferma della banca');
  });

  it(`shares the API's limit of ${VERIFY_LIMIT} checks a minute per client, then answers 429 in words`, async () => {
    let last = await open(server, '/verifica/AAAA-BBBB-CCCC');
    for (let i = 1; i < VERIFY_LIMIT && last.status !== 429; i++) {
      last = i % 2 === 0 ? await open(server, '/verifica/AAAA-BBBB-CCCC') : { ...(await server.api('/v1/receipts/verify/AAAA-BBBB-CCCC', { key: null })), html: '' };
    }
    const limited = await open(server, '/verifica/AAAA-BBBB-CCCC');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.html).toContain('Troppe verifiche in poco tempo.');
  });
});
