import { createPayBox, type PayBox } from '@pay-box/sdk';
import { FAKE_BASE_URL } from '@pay-box/sdk/mock';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from '../support/axe.js';
import { useWidgetServerAndChromium } from '../support/widget-session.js';
import { chooseCardFor, payOnTheCardPage, TEST_CARDS } from '../../../../test-support/sandbox-card-page.js';

describe('paying by card through the acquirer’s hosted page and back, in Chromium', () => {
  const widgets = useWidgetServerAndChromium();
  let citizen: PayBox;
  const notices: string[] = [];

  beforeAll(async () => {
    citizen = createPayBox({ baseUrl: widgets.server.url, apiKey: widgets.server.fake.credentials.publishableKey });
    notices.push(...widgets.server.fake.credentials.sampleNoticeNumbers.slice(1, 3));
  });

  /** The fake serves the sandbox card page at its own host: the browser reaches it there, as it would a real acquirer. */
  async function checkoutPage(): Promise<{ page: Page; context: BrowserContext }> {
    const context = await widgets.browser.newContext();
    await context.route(`${FAKE_BASE_URL}/**`, async (route) => {
      const request = route.request();
      const answer = await widgets.server.fake.handle(new Request(request.url(), { method: request.method(), headers: await request.allHeaders(), body: request.postDataBuffer() ? new Uint8Array(request.postDataBuffer()!) : undefined }));
      await route.fulfill({ status: answer.status, headers: Object.fromEntries(answer.headers), body: Buffer.from(await answer.arrayBuffer()) });
    });
    const page = await context.newPage();
    await page.goto(widgets.server.page(`<paybox-checkout publishable-key="${widgets.server.fake.credentials.publishableKey}" base-url="${widgets.server.url}"></paybox-checkout>`, { scripts: ['record-events.js'] }));
    return { page, context };
  }

  it('a declined card, back on the comune’s page: nothing charged, a retry, then the receipt with its CRO/TRN', async () => {
    const credit = (await citizen.credits.lookup({ noticeNumber: notices[0]! })).data[0]!;
    const { page, context } = await checkoutPage();
    await chooseCardFor(page, credit.noticeNumber);
    await payOnTheCardPage(page, TEST_CARDS.declined);
    await page.getByRole('alert').waitFor();
    await page.getByRole('link', { name: 'Torna al sito del Comune senza pagare' }).click();

    await page.getByRole('heading', { name: 'Pagamento non riuscito' }).waitFor();
    expect(await page.getByText('La carta è stata rifiutata. Nulla è stato addebitato: puoi riprovare con un’altra carta.').count()).toBe(1);
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Riprova con una carta' }).click();
    await payOnTheCardPage(page, TEST_CARDS.authorised);
    await page.getByRole('heading', { name: 'Ricevuta di pagamento' }).waitFor();

    const sessionId = new URL(page.url()).searchParams.get('paybox_checkout')!;
    const { payment } = await citizen.checkoutSessions.retrieve(sessionId);
    const receipt = page.getByRole('article');
    const facts = await receipt.locator('dd').allTextContents();
    expect(facts).toContain(payment!.receipt.number);
    expect(facts).toContain(payment!.receipt.verificationCode);
    expect(facts).toContain(payment!.transfer.bankReference ?? 'in attesa');
    expect(await receipt.getByRole('img', { name: 'QR code per verificare la ricevuta' }).count()).toBe(1);
    expect(await receipt.getByRole('link').getAttribute('href')).toBe(`${widgets.server.url}/verifica/${payment!.receipt.verificationCode}`);
    const events = await page.evaluate(() => (window as unknown as { payboxEvents: Array<{ name: string }> }).payboxEvents.map((event) => event.name));
    expect(events).toContain('paybox-payment-succeeded');
    expect(await wcagViolations(page)).toEqual([]);
    // On paper: the facts and the QR code, not the buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await receipt.getByRole('button', { name: 'Stampa' }).isVisible()).toBe(false);
    expect(await receipt.getByRole('img', { name: 'QR code per verificare la ricevuta' }).isVisible()).toBe(true);
    await context.close();
  });

  it('a credit paid at a shop while the citizen was on the card page: told it is already paid, the card not charged', async () => {
    const credit = (await citizen.credits.lookup({ noticeNumber: notices[1]! })).data[0]!;
    const { page, context } = await checkoutPage();
    await chooseCardFor(page, credit.noticeNumber);
    const shop = createPayBox({ baseUrl: widgets.server.url, apiKey: widgets.server.fake.credentials.terminalKey });
    await shop.payments.create({ creditId: credit.id, amount: credit.amount });
    await payOnTheCardPage(page, TEST_CARDS.authorised);
    await page.getByRole('heading', { name: 'Questo avviso è già stato pagato' }).waitFor();
    expect(await page.getByText('È stato pagato altrove nel frattempo: la tua carta non è stata addebitata.').count()).toBe(1);
    const events = await page.evaluate(() => (window as unknown as { payboxEvents: Array<{ name: string; detail: { reason?: string } }> }).payboxEvents);
    expect(events.find((event) => event.name === 'paybox-payment-failed')?.detail.reason).toBe('already_paid');
    expect(await wcagViolations(page)).toEqual([]);
    await context.close();
  });
});
