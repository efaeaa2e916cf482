import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookConsumer, verifyWithLibrary } from '../../reference-server/test/support/webhook-consumer.js';
import { startCruscotto, wcagViolations, type CruscottoRun } from './support/cruscotto-run.js';
import { addWebhookEndpoint, secretField } from './support/webhook-form.js';

/**
 * The comune's admin wires its own system to Pay-Box's webhooks in Chromium: a real consumer on a
 * local port (the server lets webhooks reach private addresses, as in development), payments at the
 * shop's terminal over HTTP.
 */
describe('webhooks in the cruscotto', () => {
  let run: CruscottoRun;
  let page: Page;
  let consumer: Awaited<ReturnType<typeof startWebhookConsumer>>;
  let notices: string[];

  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const forEndpoint = (action: string, url: string) => button(`${action} ${url}`);
  /** The payment.succeeded webhooks of a payment (its transfer's events name it too). */
  const receivedFor = (paymentId: string) => consumer.received.filter((webhook) => webhook.body.includes(paymentId) && webhook.body.includes('"type":"payment.succeeded"'));

  async function expectNoViolations(): Promise<void> {
    await page.locator('.loading').waitFor({ state: 'detached' });
    expect(await wcagViolations(page), page.url()).toEqual([]);
  }

  /** The endpoints page read afresh (a reload: going to the same address would not read the list again). */
  async function openWebhooks(): Promise<void> {
    await page.goto(`${run.app}#/webhook`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Webhook' }).waitFor();
    await page.locator('.loading').waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    [run, consumer] = await Promise.all([startCruscotto({ PAYBOX_WEBHOOKS_ALLOW_PRIVATE: 'true' }), startWebhookConsumer()]);
    notices = [...run.server.credentials().sampleNoticeNumbers];
    const context = await run.browser.newContext({ viewport: { width: 1024, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    page = await context.newPage();
    await run.logIn(page);
  }, 60_000);
  afterAll(async () => {
    await consumer?.close();
    await run?.stop();
  });

  it('an admin adds an endpoint and sees its secret once; a payment shows in the delivery log, and is sent again with the same webhook-id', async () => {
    await page.getByRole('navigation', { name: 'Sezioni del cruscotto' }).getByRole('link', { name: 'Webhook' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhook' }).waitFor();
    await page.getByText('Nessun endpoint: aggiungine uno qui sotto.').waitFor();
    await expectNoViolations();

    const secret = await addWebhookEndpoint(page, consumer.url, ['Bonifico accreditato alla tesoreria']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(await page.evaluate(() => document.activeElement?.textContent), 'the focus lands on the secret').toBe(`Segreto di firma di ${consumer.url}`);
    await page.getByText('Copialo ora e conservalo nel sistema del comune: non sarà più mostrato.').waitFor();
    await expectNoViolations();
    await button('Copia').click();
    await page.getByText('Segreto copiato negli appunti.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await button('Ho conservato il segreto, chiudi').click();
    expect(await secretField(page).count()).toBe(0);
    await page.reload();
    await page.getByRole('rowheader', { name: new RegExp(`${consumer.url}\\s+Tributi`) }).waitFor();
    expect(await page.content(), 'the secret is never shown again').not.toContain(secret);

    const payment = await run.payNoticeAtTheShop(notices.shift()!);
    await expect.poll(() => receivedFor(payment.id).length, { timeout: 5_000 }).toBe(1);
    const [webhook] = receivedFor(payment.id);
    expect(verifyWithLibrary(secret, webhook!), 'signed with the secret the page showed').toMatchObject({ type: 'payment.succeeded' });

    await page.getByRole('link', { name: `Consegne ${consumer.url}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Registro delle consegne' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: String(webhook!.headers['webhook-id']) });
    await row.getByText('Consegnata').waitFor();
    await expect.poll(() => row.locator('.timeline li').allTextContents()).toEqual([expect.stringMatching(/HTTP 200 · \d+ ms$/)]);
    await expectNoViolations();

    await row.getByRole('button', { name: /^Invia di nuovo/ }).click();
    await page.getByRole('status').getByText('Consegna di Pagamento riuscito inviata di nuovo.').waitFor();
    await expect.poll(() => receivedFor(payment.id).length, { timeout: 5_000 }).toBe(2);
    expect(new Set(receivedFor(payment.id).map((received) => received.headers['webhook-id'])).size, 'one webhook-id').toBe(1);
    // The log reads itself again while the delivery is pending: the second attempt shows without a reload.
    await expect.poll(() => row.locator('.timeline li').count(), { timeout: 5_000 }).toBe(2);
    await row.getByText('Consegnata').waitFor();
    await expectNoViolations();

    await page.getByRole('link', { name: 'Tutti gli endpoint' }).click();
    await forEndpoint('Disattiva', consumer.url).click();
    await page.getByRole('status').getByText(`${consumer.url} disattivato.`).waitFor();
    await page.locator('.badge').getByText('Disattivato', { exact: true }).waitFor();
  });

  it('disables, enables, rotates the secret and deletes; an endpoint Pay-Box disabled after a long failure streak stands out and is enabled again', async () => {
    const url = `${consumer.url}/anagrafe`;
    await openWebhooks();
    const first = await addWebhookEndpoint(page, url);
    await button('Ho conservato il segreto, chiudi').click();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${url}`) }) });
    await forEndpoint('Disattiva', url).click();
    await page.getByRole('status').getByText(`${url} disattivato.`).waitFor();
    await row.locator('.badge').getByText('Disattivato', { exact: true }).waitFor();
    await forEndpoint('Riattiva', url).click();
    await page.getByRole('status').getByText(`${url} riattivato.`).waitFor();
    await row.locator('.badge').getByText('Attivo', { exact: true }).waitFor();

    await forEndpoint('Nuovo segreto', url).click();
    await page.getByRole('heading', { name: `Nuovo segreto di firma di ${url}` }).waitFor();
    const rotated = await secretField(page).inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(first);
    await page.getByText(/^Il segreto precedente firma ancora fino al /).waitFor();
    await button('Ho conservato il segreto, chiudi').click();

    // Five days of failures, without the five days: the streak is dated back, then one more failure
    // makes Pay-Box itself disable the endpoint, as it would after a long outage.
    const endpointId = (await page.getByRole('link', { name: `Consegne ${url}` }).getAttribute('href'))!.split('/').at(-1)!;
    const db = new Database(join(run.server.dataDir, 'paybox.sqlite'));
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare('UPDATE webhook_endpoints SET consecutive_failures = 41, failing_since = ? WHERE id = ?').run(new Date(Date.now() - 6 * 24 * 60 * 60 * 1000).toISOString(), endpointId);
    } finally {
      db.close();
    }
    consumer.answerWith(() => 500);
    const payment = await run.payNoticeAtTheShop(notices.shift()!);
    await expect.poll(() => receivedFor(payment.id).length, { timeout: 5_000 }).toBe(1);
    await expect
      .poll(
        async () => {
          await openWebhooks();
          return page.locator('.badge').getByText('Disattivato automaticamente').count();
        },
        { timeout: 5_000 },
      )
      .toBe(1);
    await page.locator('.alert-warning').getByText('Pay-Box ha disattivato 1 endpoint dopo troppi invii falliti.').waitFor();
    await page.getByText(/dopo 42 invii falliti dal/).waitFor();
    await expectNoViolations();
    consumer.answerWith(() => 200);
    await forEndpoint('Riattiva', url).click();
    await page.getByRole('status').getByText(`${url} riattivato.`).waitFor();
    expect(await page.locator('.badge').getByText('Disattivato automaticamente').count()).toBe(0);
    await row.locator('.badge').getByText('Attivo', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await expectNoViolations();
    await page.getByRole('button', { name: 'Italiano' }).click();

    page.once('dialog', (dialog) => void dialog.accept());
    await forEndpoint('Elimina', url).click();
    await page.getByRole('status').getByText(`${url} eliminato.`).waitFor();
    expect(await page.getByRole('link', { name: `Consegne ${url}` }).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Endpoint registrati');
  });
});
