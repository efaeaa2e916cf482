import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../test-support/chromium.js';
import { startWidgetServer, type WidgetServer } from '../support/widget-server.js';

describe('the widgets in a React 19 page (support/react-page.jsx)', () => {
  let server: WidgetServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startWidgetServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('React hears paybox-credit-selected and hands the credit to <paybox-payment> as a property', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const [notice] = server.fake.credentials.sampleNoticeNumbers;
    await page.goto(server.page(`<div id="react-root" data-publishable-key="${server.fake.credentials.publishableKey}" data-base-url="${server.url}"></div>`, { scripts: ['react-page.js'] }));
    await page.getByLabel('Codice avviso o testo del QR code').fill(notice!);
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('button', { name: /^Paga / }).click();
    await expect.poll(() => page.locator('#react-state').textContent()).toMatch(/^React has crd_/);
    await page.getByRole('button', { name: 'Paga con carta' }).waitFor();
    expect(await page.locator('paybox-payment').evaluate((element) => (element as HTMLElement & { credit?: { noticeNumber: string } }).credit?.noticeNumber)).toBe(notice);
    expect(problems).toEqual([]);
    await page.close();
  });
});
