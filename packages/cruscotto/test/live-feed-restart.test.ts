import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCruscotto, type CruscottoRun } from './support/cruscotto-run.js';

/** The live feed across a restart of the server: the page is left open, nothing is reloaded. */
describe('the live feed when the server restarts', () => {
  let run: CruscottoRun;
  let page: Page;

  beforeAll(async () => {
    run = await startCruscotto();
    page = await run.browser.newPage({ viewport: { width: 1024, height: 900 } });
    await run.logIn(page);
    await page.getByText('In diretta', { exact: true }).waitFor();
  }, 60_000);
  afterAll(() => run?.stop());

  it('comes back by itself and shows the payments made while it was away and after', async () => {
    const [before, first, second] = run.server.credentials().sampleNoticeNumbers;
    const feedLink = (id: string) => page.locator(`.feed-list a[href="#/pagamenti/${id}"]`);
    await feedLink((await run.payNoticeAtTheShop(before!)).id).waitFor();
    await run.restart();
    // Paid before the page has reconnected: the stream replays it from the last event the page saw.
    const meanwhile = await run.payNoticeAtTheShop(first!);
    await feedLink(meanwhile.id).waitFor({ timeout: 15_000 });
    await page.getByText('In diretta', { exact: true }).waitFor();

    const after = await run.payNoticeAtTheShop(second!);
    await feedLink(after.id).waitFor({ timeout: 2_000 });
    expect(await page.locator('.feed-list li').first().getByRole('link').getAttribute('href')).toBe(`#/pagamenti/${after.id}`);
    expect(await page.getByRole('heading', { level: 1, name: 'Panoramica' }).count(), 'still the same page, still logged in').toBe(1);
  }, 40_000);
});
