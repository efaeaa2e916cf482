import { makeNoticeNumber } from '@pay-box/contract/domain';
import { createPayBox, type Credit } from '@pay-box/sdk';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from '../support/axe.js';
import { useWidgetServerAndChromium } from '../support/widget-session.js';

/** The check digits are the notice's last two: change the last one and the number no longer checks. */
const withWrongCheckDigits = (notice: string) => `${notice.slice(0, -1)}${(Number(notice.at(-1)) + 1) % 10}`;

describe('<paybox-checkout> in Chromium, on the SDK fake, under a strict CSP', () => {
  const widgets = useWidgetServerAndChromium();
  let credit: Credit;
  let checkoutTag: string;

  beforeAll(async () => {
    const payBox = createPayBox({ baseUrl: widgets.server.url, apiKey: widgets.server.fake.credentials.publishableKey });
    credit = (await payBox.credits.lookup({ noticeNumber: widgets.server.fake.credentials.sampleNoticeNumbers[0]! })).data[0]!;
    checkoutTag = `<paybox-checkout publishable-key="${widgets.server.fake.credentials.publishableKey}" base-url="${widgets.server.url}"`;
  });

  /** A page of its own; every console error (a refused script or style among them) is kept. */
  async function open(url: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
    const context = await widgets.browser.newContext(options);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(url);
    return { page, context, problems };
  }

  it('finds a credit by its notice number and shows it, with no WCAG 2.1 AA violation before or after', async () => {
    const { page, context, problems } = await open(widgets.server.page(`${checkoutTag}></paybox-checkout>`));
    await page.getByLabel('Codice avviso o testo del QR code').waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByLabel('Codice avviso o testo del QR code').fill(credit.noticeNumber);
    await page.getByRole('button', { name: 'Cerca' }).click();
    await expect.poll(() => page.getByRole('heading', { name: credit.description }).textContent()).toBe(credit.description);
    expect(await page.locator('paybox-credit-lookup').getByRole('status').textContent()).toBe('Trovato 1 importo.');
    expect(await page.getByText(credit.debtor.name).count()).toBe(1);
    expect(await wcagViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says in the live region, in Italian, that the check digits are wrong, and marks the field', async () => {
    const { page, context } = await open(widgets.server.page(`${checkoutTag}></paybox-checkout>`));
    const field = page.getByLabel('Codice avviso o testo del QR code');
    const alert = page.locator('paybox-credit-lookup').getByRole('alert');
    // The live region is there, empty, before anything goes wrong: screen readers announce what arrives in it.
    await field.waitFor();
    expect(await alert.textContent()).toBe('');
    await field.fill(withWrongCheckDigits(credit.noticeNumber));
    await field.press('Enter');
    await expect.poll(() => alert.textContent()).toBe('Le cifre di controllo non corrispondono: ricontrolla il codice avviso.');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.evaluate((input) => input.matches(':focus'))).toBe(true);
    expect(await wcagViolations(page)).toEqual([]);
    await context.close();
  });

  it('is used from the keyboard alone: lookup, pick the credit, choose cash, see the QR code to show and the comune’s shops with their hours', async () => {
    const { page, context } = await open(widgets.server.page(`${checkoutTag}></paybox-checkout>`));
    await page.getByLabel('Codice avviso o testo del QR code').waitFor();
    const focused = () => page.evaluate(() => {
      let element = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return { text: element?.textContent?.trim() ?? '', label: element?.getAttribute('aria-label') ?? '', id: element?.id ?? '', outline: element ? getComputedStyle(element).outlineStyle : '' };
    });
    await page.keyboard.press('Tab'); // the first search choice, "Codice avviso"
    await page.keyboard.press('Tab'); // the notice number
    expect((await focused()).id).toBe('notice');
    await page.keyboard.type(credit.noticeNumber);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: credit.description }).waitFor();
    expect((await focused()).text).toContain('Paga'); // the focus goes to the credit's pay button
    expect((await focused()).outline).toBe('solid');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Paga con carta' }).waitFor();
    expect((await focused()).text).toBe('Paga con carta');
    await page.keyboard.press('Tab');
    expect((await focused()).text).toBe('Paga in contanti in un punto Pay-Box');
    await page.keyboard.press('Enter');
    const qr = page.getByRole('img', { name: `QR code dell’avviso ${credit.noticeNumber}` });
    await qr.waitFor();
    expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d/);
    expect(await page.getByText(credit.noticeNumber, { exact: true }).count()).toBe(1);
    const shop = page.getByRole('listitem').filter({ hasText: 'Tabaccheria Centrale di Neri Carla' });
    await expect.poll(() => shop.textContent()).toContain('Via Roma 1, Valdimonte');
    expect(await shop.getByText('lunedì: 07:30–13:00, 15:30–19:30').count()).toBe(1);
    expect(await wcagViolations(page)).toEqual([]);
    await context.close();
  });

  it('a notice the comune does not have, then a network failure: each said in Italian, and the search can be retried', async () => {
    const { page, context } = await open(widgets.server.page(`${checkoutTag}></paybox-checkout>`));
    const field = page.getByLabel('Codice avviso o testo del QR code');
    const alert = page.locator('paybox-credit-lookup').getByRole('alert');
    await field.fill(makeNoticeNumber('47', '9999999999999'));
    await field.press('Enter');
    await expect.poll(() => alert.textContent()).toBe('Nessun credito corrisponde: controlla il codice avviso o il codice fiscale.');

    await context.route('**/v1/credits/lookup', (route) => route.abort('internetdisconnected'));
    await field.fill(credit.noticeNumber);
    await field.press('Enter');
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toBe('Il servizio di pagamento non risponde: controlla la connessione e riprova.');
    await context.unroute('**/v1/credits/lookup');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('heading', { name: credit.description }).waitFor();
    expect(await alert.textContent()).toBe('');
    await context.close();
  });

  it('finds a debtor’s open credits by tax code and service, the names masked as the API gives them', async () => {
    const payBox = createPayBox({ baseUrl: widgets.server.url, apiKey: widgets.server.fake.credentials.publishableKey });
    const { data: expected } = await payBox.credits.lookup({ debtorTaxCode: 'RSSMRA85T10H501O', serviceCode: 'TARI' });
    const { page, context } = await open(widgets.server.page(`${checkoutTag}></paybox-checkout>`));
    await page.getByLabel('Codice fiscale e servizio').check();
    await page.getByLabel('Codice fiscale di chi deve pagare').fill('rssmra85t10h501o');
    await page.getByLabel('Servizio', { exact: true }).selectOption('TARI');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.locator('paybox-credit-lookup [part~="credit"]').first().waitFor();
    expect(await page.locator('paybox-credit-lookup [part~="credit"] h3').allTextContents()).toEqual(expected.map((found) => found.description));
    expect(expected.length).toBeGreaterThan(0);
    expect(await page.getByText('RSSMRA85T10H501O').count()).toBe(0);
    expect(await wcagViolations(page)).toEqual([]);
    await context.close();
  });

  it('speaks English with amounts and labels in English', async () => {
    const { page, context } = await open(widgets.server.page(`${checkoutTag} locale="en"></paybox-checkout>`, { lang: 'en' }));
    const field = page.getByLabel('Notice number or QR code text');
    await field.fill(credit.noticeNumber);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { name: credit.description }).waitFor();
    const amount = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(credit.amount / 100);
    expect(await page.getByRole('button', { name: new RegExp(`^Pay ${amount.replace('.', '\\.')}`) }).count()).toBe(1);
    await field.fill(withWrongCheckDigits(credit.noticeNumber));
    await field.press('Enter');
    await expect.poll(() => page.locator('paybox-credit-lookup').getByRole('alert').textContent()).toBe('The check digits do not match: check the notice number again.');
    expect(await wcagViolations(page)).toEqual([]);
    await context.close();
  });

  it('in the dark theme: dark surface, light text, still no WCAG 2.1 AA violation', async () => {
    const { page, context } = await open(widgets.server.page(`${checkoutTag} theme="dark"></paybox-checkout>`));
    await page.getByLabel('Codice avviso o testo del QR code').fill(credit.noticeNumber);
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('heading', { name: credit.description }).waitFor();
    const colours = await page.locator('paybox-credit-lookup').evaluate((element) => ({ background: getComputedStyle(element).backgroundColor, text: getComputedStyle(element).color }));
    expect(colours).toEqual({ background: 'rgb(18, 24, 33)', text: 'rgb(238, 242, 247)' });
    expect(await wcagViolations(page)).toEqual([]);
    await context.close();
  });

  it('in the bootstrap-italia theme: Titillium Web and #0066CC, still no WCAG 2.1 AA violation', async () => {
    const { page, context } = await open(widgets.server.page(`${checkoutTag} theme="bootstrap-italia"></paybox-checkout>`));
    await page.getByLabel('Codice avviso o testo del QR code').fill(withWrongCheckDigits(credit.noticeNumber));
    const search = page.getByRole('button', { name: 'Cerca' });
    await search.click();
    await page.locator('paybox-credit-lookup').getByRole('alert').getByText(/cifre di controllo/).waitFor();
    expect(await search.evaluate((button) => [getComputedStyle(button).backgroundColor, getComputedStyle(button).fontFamily])).toEqual(['rgb(0, 102, 204)', '"Titillium Web", Geneva, Tahoma, sans-serif']);
    expect(await wcagViolations(page)).toEqual([]);
    await context.close();
  });

  it('fits a 360 px phone with no sideways scrolling, up to the cash choice', async () => {
    const { page, context } = await open(widgets.server.page(`${checkoutTag}></paybox-checkout>`), { viewport: { width: 360, height: 740 } });
    await page.getByLabel('Codice avviso o testo del QR code').fill(credit.noticeNumber);
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('heading', { name: credit.description }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: /^Paga / }).click();
    await page.getByRole('button', { name: 'Paga in contanti in un punto Pay-Box' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });

  it('the one-file build works alone: English and the cash QR code with no other file fetched', async () => {
    const { page, context, problems } = await open(widgets.server.page(`${checkoutTag} locale="en"></paybox-checkout>`, { lang: 'en', widgets: 'paybox-widgets.single.js' }));
    const scripts: string[] = [];
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
    await page.getByLabel('Notice number or QR code text').fill(credit.noticeNumber);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('button', { name: /cash/i }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    expect(scripts, 'no chunk fetched after the page loaded').toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works inside another component’s shadow root, and its events reach the page', async () => {
    const { page, context, problems } = await open(
      widgets.server.page(`<host-app publishable-key="${widgets.server.fake.credentials.publishableKey}" base-url="${widgets.server.url}"></host-app>`, { scripts: ['record-events.js', 'host-app.js'] }),
    );
    await page.getByLabel('Codice avviso o testo del QR code').fill(credit.noticeNumber);
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('button', { name: /^Paga / }).click();
    await page.getByRole('button', { name: 'Paga con carta' }).waitFor();
    const events = (await page.evaluate(() => (window as unknown as { payboxEvents: Array<{ name: string; detail: { credit?: Credit } }> }).payboxEvents));
    expect(events.find((event) => event.name === 'paybox-credit-selected')?.detail.credit?.id).toBe(credit.id);
    expect(events.some((event) => event.name === 'paybox-ready')).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('loaded twice, warns once per element and keeps working', async () => {
    const { page, context, problems } = await open(widgets.server.page(`${checkoutTag}></paybox-checkout>`));
    const warnings: string[] = [];
    page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
    await page.getByLabel('Codice avviso o testo del QR code').waitFor();
    // A second copy of the widgets (other URLs, so other module instances) defines the same names again.
    await page.addScriptTag({ url: '/widgets-copy/paybox-widgets.js', type: 'module' });
    await expect.poll(() => warnings.length).toBe(5);
    expect(warnings[0]).toContain('<paybox-credit-lookup> is already defined');
    await page.getByLabel('Codice avviso o testo del QR code').fill(credit.noticeNumber);
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('heading', { name: credit.description }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
