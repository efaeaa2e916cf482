import { describe, expect, it } from 'vitest';
import { useWidgetServerAndChromium } from '../support/widget-session.js';

describe('the widgets in a React 19 page (support/react-page.jsx)', () => {
  const widgets = useWidgetServerAndChromium();

  it('React hears paybox-credit-selected and hands the credit to <paybox-payment> as a property', async () => {
    const page = await widgets.browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const [notice] = widgets.server.fake.credentials.sampleNoticeNumbers;
    await page.goto(widgets.server.page(`<div id="react-root" data-publishable-key="${widgets.server.fake.credentials.publishableKey}" data-base-url="${widgets.server.url}"></div>`, { scripts: ['react-page.js'] }));
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
