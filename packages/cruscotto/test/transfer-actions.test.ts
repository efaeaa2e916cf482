import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCruscotto, wcagViolations, type CruscottoRun } from './support/cruscotto-run.js';

/**
 * A bank that rejects every transfer (the sandbox's `reject` fault): the rejected transfers stand
 * out, and an operator sends one again or records how it was settled by other means.
 */
describe('rejected transfers in the cruscotto', () => {
  let run: CruscottoRun;
  let page: Page;

  beforeAll(async () => {
    run = await startCruscotto({ PAYBOX_RAIL_FAULT: 'reject' });
    page = await run.browser.newPage({ viewport: { width: 1024, height: 900 } });
    await run.logIn(page);
  }, 60_000);
  afterAll(() => run?.stop());

  async function rejectedPayment(noticeNumber: string) {
    const payment = await run.payNoticeAtTheShop(noticeNumber);
    expect((await run.answeredTransfer(payment.id)).status).toBe('rejected');
    return payment;
  }

  it('the overview and the transfers page show the rejected ones; the operator sends one again and records the other’s resolution', async () => {
    const [notice, other] = run.server.credentials().sampleNoticeNumbers;
    const [first, second] = [await rejectedPayment(notice!), await rejectedPayment(other!)];

    await page.goto(`${run.app}#/`);
    await page.getByRole('link', { name: /^Respinti: [1-9]/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Bonifici alla tesoreria' }).waitFor();
    await page.locator('tr.row-alert').filter({ has: page.locator(`a[href="#/pagamenti/${first.id}"]`) }).getByText('Respinto').waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    await page.locator(`a[href="#/pagamenti/${first.id}"]`).click();
    await page.getByText('La banca ha respinto il bonifico: i soldi non sono arrivati alla tesoreria.').waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Invia di nuovo il bonifico' }).click();
    await page.getByText('Bonifico inviato di nuovo.').waitFor();
    await page.locator('.timeline').getByText('Inviato di nuovo').waitFor();
    // The bank refuses it again: the page shows its answer as it comes, without a reload.
    await expect.poll(() => page.locator('.timeline li').filter({ hasText: 'Respinto dalla banca' }).count(), { timeout: 5_000 }).toBe(2);

    await page.goto(`${run.app}#/pagamenti/${second.id}`);
    await page.getByLabel('Nota (come è stato risolto)').fill('Versato dalla tabaccheria con bonifico ordinario');
    await page.getByLabel('CRO/TRN, se noto').fill('MANUALE0001');
    await page.getByRole('button', { name: 'Registra' }).click();
    await page.getByText('Risoluzione registrata.').waitFor();
    await page.locator('.badge').getByText('Risolto a mano').waitFor();
    expect(await page.getByRole('button', { name: 'Invia di nuovo il bonifico' }).count(), 'a resolved transfer has no more actions').toBe(0);

    await page.goto(`${run.app}#/registro`);
    await page.getByRole('cell', { name: 'transfer.retry' }).first().waitFor();
    await page.getByRole('cell', { name: 'transfer.resolve' }).first().waitFor();
  });
});
