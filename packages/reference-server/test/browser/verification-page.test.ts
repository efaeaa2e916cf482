import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Payment } from '@pay-box/contract';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../test-support/chromium.js';
import { lookupNotice, pay } from '../support/demo-flow.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it stands. */
async function wcagViolations(page: Page): Promise<Array<{ id: string; impact: string; targets: string[] }>> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(
    () => (window as unknown as { axe: { run(options: object): Promise<{ violations: AxeViolation[] }> } }).axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }).then((result) => result.violations),
  );
  return (violations as AxeViolation[]).map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.flatMap((node) => node.target) }));
}

describe('the receipt check page in a real browser (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let payment: Payment;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    payment = (await pay(server, await lookupNotice(server, server.demo.sampleNoticeNumbers[0]!))).body;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('has no WCAG 2.1 AA violation, genuine or not, in Italian and English, light and dark', async () => {
    // axe is injected as a script, which the page's own policy rightly refuses: this context lets it in.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    for (const path of [`/verifica/${payment.receipt.verificationCode}`, `/verifica/${payment.receipt.verificationCode}?lang=en`, '/verifica/AAAA-BBBB-CCCC']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.goto(`${server.url}${path}`);
        expect(await wcagViolations(page), `${path} ${colorScheme}`).toEqual([]);
      }
    }
    await context.close();
  });

  it('is styled under its own Content-Security-Policy, and reads without scrolling sideways at 320 px (400% zoom of 1280)', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => message.type() === 'error' && refused.push(message.text()));
    await page.goto(`${server.url}/verifica/${payment.receipt.verificationCode}`);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('dl div')!).display)).toBe('grid');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(refused).toEqual([]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Verifica della ricevuta');
    await context.close();
  });

  it('can be used from the keyboard: the language switch takes focus, shows it, and leads to English', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/verifica/${payment.receipt.verificationCode}`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('English');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await Promise.all([page.waitForURL(/lang=en/), page.keyboard.press('Enter')]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.close();
  });
});
