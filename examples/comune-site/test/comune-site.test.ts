import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckoutSession } from '@pay-box/sdk';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../test-support/chromium.js';
import { startReferenceServer, type ReferenceServerProcess } from '../../../test-support/reference-server-process.js';
import { chooseCardFor, payOnTheCardPage, TEST_CARDS } from '../../../test-support/sandbox-card-page.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function wcagViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(() =>
    (window as unknown as { axe: { run(options: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe
      .run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
      .then((result) => result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`)),
  );
  return violations;
}

/**
 * The example a comune's webmaster starts from, as `npm start` serves it: the page at
 * /examples/comune-site/ with one script tag and `<paybox-checkout>`, against the reference server
 * started as a process (as `npm start` does), its SQLite file, its sandbox bank and its sandbox
 * card acquirer, in Chromium.
 */
describe('the comune site example against the real reference server, in Chromium', () => {
  let server: ReferenceServerProcess;
  let browser: Browser;
  let origin: string;
  let site: string;
  let notices: string[];
  let publishableKey: string;
  let terminalKey: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'paybox-comune-site-'));

  beforeAll(async () => {
    [server, browser] = await Promise.all([startReferenceServer(dataDir, { PAYBOX_LOG_LEVEL: 'warn', PAYBOX_RAIL_LATENCY_MS: '5' }), launchChromium()]);
    // The server calls itself localhost, the origin its demo key allows and its banner prints.
    origin = `http://localhost:${new URL(server.url).port}`;
    site = `${origin}/examples/comune-site/`;
    ({ publishableKey, terminalKey, sampleNoticeNumbers: notices } = server.credentials());
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('npm start prints the example page’s address', () => {
    expect(server.output()).toContain(`Example        ${site}`);
  });

  async function sessionOf(page: Page): Promise<CheckoutSession> {
    const id = new URL(page.url()).searchParams.get('paybox_checkout')!;
    const response = await fetch(`${origin}/v1/checkout-sessions/${id}`, { headers: { authorization: `Bearer ${publishableKey}` } });
    return (await response.json()) as CheckoutSession;
  }

  it('npm start’s example page: the citizen finds a credit, pays by sandbox card and gets the receipt with the CRO/TRN, which the verification page confirms', async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (message) => message.type() === 'error' && refused.push(message.text()));
    await page.goto(site);
    await chooseCardFor(page, notices[0]!);
    await payOnTheCardPage(page, TEST_CARDS.authorised);

    await page.getByText('Pagamento riuscito: ecco la ricevuta.').waitFor();
    const session = await sessionOf(page);
    expect(session).toMatchObject({ status: 'succeeded', payment: { channel: 'web', transfer: { status: 'settled' } } });
    const bankReference = session.payment!.transfer.bankReference!;
    await page.getByText(bankReference).waitFor();
    expect(refused, 'nothing refused by the page’s Content-Security-Policy').toEqual([]);

    await page.goto(`${origin}/verifica/${session.payment!.receipt.verificationCode}`);
    expect(await page.getByText('Ricevuta autentica.').count()).toBe(1);
    expect(await page.getByText(bankReference).count()).toBe(1);
    await page.close();
  });

  it('two tabs paying one credit: one payment; the other tab is told it is already paid, and its card is voided', async () => {
    const context = await browser.newContext();
    const [first, second] = await Promise.all([context.newPage(), context.newPage()]);
    for (const tab of [first, second]) {
      await tab.goto(site);
      await chooseCardFor(tab, notices[1]!);
    }
    await payOnTheCardPage(first, TEST_CARDS.authorised);
    await first.getByText('Pagamento riuscito: ecco la ricevuta.').waitFor();
    await payOnTheCardPage(second, TEST_CARDS.authorised);
    await second.getByRole('heading', { name: 'Questo avviso è già stato pagato' }).waitFor();
    expect(await second.getByText('È stato pagato altrove nel frattempo: la tua carta non è stata addebitata.').count()).toBe(1);

    const sessions = [await sessionOf(first), await sessionOf(second)];
    expect(sessions.map((session) => session.status)).toEqual(['succeeded', 'already_paid']);
    // In the server's own books: the first card captured, the second's authorisation voided.
    const authorizations = () => {
      const db = new Database(join(dataDir, 'paybox.sqlite'), { readonly: true });
      try {
        const query = db.prepare('SELECT status FROM card_authorizations WHERE session_id = ?');
        return sessions.map((session) => (query.all(session.id) as Array<{ status: string }>).map((row) => row.status));
      } finally {
        db.close();
      }
    };
    await expect.poll(authorizations, { timeout: 5_000 }).toEqual([['captured'], ['voided']]);
    await context.close();
  });

  it('a credit paid at a shop while the citizen types the card: already paid, nothing charged', async () => {
    const page = await browser.newPage();
    await page.goto(site);
    await chooseCardFor(page, notices[2]!);
    const [credit] = ((await (await fetch(`${origin}/v1/credits/lookup`, { method: 'POST', headers: { authorization: `Bearer ${terminalKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ noticeNumber: notices[2] }) })).json()) as { data: Array<{ id: string; amount: number }> }).data;
    const shop = await fetch(`${origin}/v1/payments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${terminalKey}`, 'content-type': 'application/json', 'idempotency-key': 'shop-pays-first' },
      body: JSON.stringify({ creditId: credit!.id, amount: credit!.amount }),
    });
    expect(shop.status).toBe(201);
    await payOnTheCardPage(page, TEST_CARDS.authorised);
    await page.getByRole('heading', { name: 'Questo avviso è già stato pagato' }).waitFor();
    expect((await sessionOf(page)).status).toBe('already_paid');
    await page.close();
  });

  it('a traffic fine paid by card from its paper pre-notice, 30% off on the day, before the comune has registered it', async () => {
    const page = await browser.newPage();
    await page.goto(`${site}?service=MULTA`);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
    await page.getByLabel('Numero del preavviso').fill('PA-2026/0042');
    await page.getByLabel('Targa').fill('AB123CD');
    await page.getByLabel('Data della violazione').fill(today);
    await page.getByLabel('Luogo').fill('Via Roma 1');
    await page.getByLabel('Violazione', { exact: true }).selectOption('ART158-SOSTA');
    await page.getByLabel('Nome e cognome di chi paga').fill('Giulia Bianchi');
    await page.getByLabel('Codice fiscale di chi paga').fill('BNCGLI90D43F205U');
    await page.getByRole('button', { name: 'Continua' }).click();
    await page.getByRole('button', { name: 'Paga con carta' }).click();
    await page.getByRole('heading', { name: 'Pagamento con carta' }).waitFor();
    expect(await page.getByText(new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(30.4)).count(), 'EUR 29.40 and the web fee').toBeGreaterThan(0);
    await payOnTheCardPage(page, TEST_CARDS.authorised);

    await page.getByText('Pagamento riuscito: ecco la ricevuta.').waitFor();
    const session = await sessionOf(page);
    expect(session).toMatchObject({ status: 'succeeded', serviceCode: 'MULTA', amount: 2_940, payment: { channel: 'web', amount: 2_940 } });
    expect(session.noticeNumber).toMatch(/^3\d{17}$/);
    await page.close();
  });

  it('from the keyboard alone, from the notice number to the receipt', async () => {
    const page = await browser.newPage();
    await page.goto(site);
    /** Presses Tab until the focused element (inside shadow roots too) is the one named, as a keyboard user would. */
    const tabTo = async (name: RegExp) => {
      for (let presses = 0; presses < 30; presses++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          let active: Element | null = document.activeElement;
          while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
          const label = active?.id ? (active.getRootNode() as ParentNode).querySelector(`label[for="${active.id}"]`)?.textContent : undefined;
          return `${label ?? ''} ${active?.getAttribute('aria-label') ?? ''} ${active?.tagName === 'BUTTON' ? active.textContent : ''}`.trim();
        });
        if (name.test(focused)) return;
      }
      throw new Error(`Tab never reached ${name}`);
    };
    await tabTo(/Codice avviso o testo del QR code/);
    await page.keyboard.type(notices[3]!);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^Paga / }).waitFor();
    await tabTo(/^Paga \d/);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Paga con carta' }).waitFor();
    await tabTo(/^Paga con carta$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Pagamento con carta' }).waitFor();

    await tabTo(/Numero della carta/);
    for (const value of [TEST_CARDS.authorised, '12/30', '123']) {
      await page.keyboard.type(value);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('Giulia Bianchi');
    await page.keyboard.press('Enter');
    await page.getByText('Pagamento riuscito: ecco la ricevuta.').waitFor();
    await page.close();
  });

  it('in English and in the dark theme, at 360 px, with no WCAG 2.1 AA violation', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${site}?lang=en&theme=dark`);
    await page.getByLabel('Notice number or QR code text').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.evaluate(() => document.querySelector('paybox-checkout')!.getAttribute('theme'))).toBe('dark');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByLabel('Notice number or QR code text').fill(notices[4]!);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('button', { name: /cash/i }).click();
    await page.getByText('Edicola del Mercato').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await wcagViolations(page)).toEqual([]);
    await context.close();
  });
});
