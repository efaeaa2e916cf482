import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookConsumer } from '../../reference-server/test/support/webhook-consumer.js';
import { startCruscotto, wcagViolations, type CruscottoRun } from './support/cruscotto-run.js';
import { addWebhookEndpoint, secretField } from './support/webhook-form.js';

/**
 * The comune's admin configures where credits live (connectors) and watches the work Pay-Box gave
 * up on (dead letters), in Chromium against the reference server as a process.
 */
describe('connectors and failed deliveries in the cruscotto', () => {
  let run: CruscottoRun;
  let page: Page;
  let consumer: Awaited<ReturnType<typeof startWebhookConsumer>>;

  const button = (name: string) => page.getByRole('button', { name, exact: true });

  async function open(route: string, heading: string): Promise<void> {
    await page.goto(`${run.app}#/${route}`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.locator('.loading').waitFor({ state: 'detached' });
  }

  async function expectNoViolations(): Promise<void> {
    await page.locator('.loading').waitFor({ state: 'detached' });
    expect(await wcagViolations(page), page.url()).toEqual([]);
  }

  beforeAll(async () => {
    [run, consumer] = await Promise.all([startCruscotto({ PAYBOX_WEBHOOKS_ALLOW_PRIVATE: 'true' }), startWebhookConsumer()]);
    page = await run.browser.newPage({ viewport: { width: 1024, height: 900 } });
    await run.logIn(page);
  }, 60_000);
  afterAll(async () => {
    await consumer?.close();
    await run?.stop();
  });

  it('an admin adds an http connector (its secret shown once) and a GPD one, then changes services, time-out and state', async () => {
    await page.getByRole('navigation', { name: 'Sezioni del cruscotto' }).getByRole('link', { name: 'Connettori' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connettori' }).waitFor();
    await page.getByText('Nessun connettore: tutti i crediti sono gestiti in Pay-Box.').waitFor();
    await expectNoViolations();

    const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Aggiungi un connettore' }) });
    const services = form.getByRole('group', { name: 'Servizi i cui crediti sono lì' }).getByRole('checkbox');
    const serviceName = (index: number) => services.nth(index).evaluate((box) => (box as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '');
    const [first, second] = [await serviceName(0), await serviceName(1)];
    expect(await form.getByRole('radio', { name: 'Sistema del comune (protocollo Pay-Box)' }).isChecked()).toBe(true);
    await form.getByLabel('Nome').fill('Tributi comunali');
    await form.getByLabel('Indirizzo del sistema del comune (https)').fill('http://127.0.0.1:9/pay-box');
    expect(await form.getByLabel(/^Attesa massima della risposta/).inputValue()).toBe('3000');
    await services.nth(0).check();
    await form.getByRole('button', { name: 'Aggiungi' }).click();

    await page.getByRole('status').getByText('Connettore Tributi comunali aggiunto.').waitFor();
    const secret = await secretField(page).inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Segreto di firma di Tributi comunali');
    await expectNoViolations();
    await button('Ho conservato il segreto, chiudi').click();
    await page.reload();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Tributi comunali/ }) });
    await row.locator('li', { hasText: first }).waitFor();
    await row.getByText(/^3\.?000 ms$/).waitFor();
    expect(await page.content(), 'the secret is never shown again').not.toContain(secret);

    await row.locator('summary').click();
    await row.getByLabel(/^Attesa massima della risposta/).fill('5000');
    await row.getByRole('checkbox', { name: first, exact: true }).uncheck();
    await row.getByRole('checkbox', { name: second, exact: true }).check();
    await row.getByRole('checkbox', { name: 'Attivo' }).uncheck();
    await row.getByRole('button', { name: 'Salva le modifiche' }).click();
    await page.getByRole('status').getByText('Modifiche a Tributi comunali salvate.').waitFor();
    await row.getByText(/^5\.?000 ms$/).waitFor();
    await row.locator('.badge').getByText('Disattivato').waitFor();
    await row.locator('li', { hasText: second }).waitFor();
    expect(await row.locator('li', { hasText: first }).count()).toBe(0);

    await form.getByRole('radio', { name: 'pagoPA GPD (posizioni debitorie)' }).check();
    await form.getByLabel('Nome').fill('Posizioni pagoPA');
    await form.getByLabel('Indirizzo dell’API GPD (https)').fill('https://api.uat.platform.pagopa.it/gpd/debt-positions-service/v1');
    await form.getByLabel('Chiave di sottoscrizione pagoPA').fill('gpd-subscription-key-0001');
    await form.getByRole('button', { name: 'Aggiungi' }).click();
    await page.getByRole('status').getByText('Connettore Posizioni pagoPA aggiunto.').waitFor();
    expect(await secretField(page).count(), 'a GPD connector has no secret of Pay-Box to show').toBe(0);
    expect(await page.content()).not.toContain('gpd-subscription-key-0001');
    await page.getByRole('rowheader', { name: /^Posizioni pagoPA/ }).waitFor();
    await expectNoViolations();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connectors' }).waitFor();
    await expectNoViolations();
    await page.getByRole('button', { name: 'Italiano' }).click();
  }, 30_000);

  it('a webhook that gave up is among the failed deliveries; once its consumer is back it is sent again', async () => {
    await open('invii-non-riusciti', 'Invii non riusciti');
    await page.getByText('Nessun invio non riuscito.').waitFor();
    await expectNoViolations();

    // The consumer is down: the first attempt fails, then the endpoint is disabled, so the retry gives up at once.
    consumer.answerWith(() => 503);
    await open('webhook', 'Webhook');
    await addWebhookEndpoint(page, consumer.url);
    const payment = await run.payNoticeAtTheShop(run.server.credentials().sampleNoticeNumbers[0]!);
    const received = () => consumer.received.filter((webhook) => webhook.body.includes(payment.id) && webhook.body.includes('"type":"payment.succeeded"'));
    await expect.poll(() => received().length, { timeout: 5_000 }).toBe(1);
    await button(`Disattiva ${consumer.url}`).click();
    await page.getByRole('status').getByText(`${consumer.url} disattivato.`).waitFor();

    const letter = page.getByRole('row').filter({ hasText: 'Consegna di un webhook' });
    await expect
      .poll(
        async () => {
          await open('invii-non-riusciti', 'Invii non riusciti');
          return letter.count();
        },
        { timeout: 15_000, interval: 1_000 },
      )
      .toBe(1);
    await letter.getByText('endpoint disabled or deleted').waitFor();
    await expectNoViolations();

    consumer.answerWith(() => 200);
    await open('webhook', 'Webhook');
    await button(`Riattiva ${consumer.url}`).click();
    await page.getByRole('status').getByText(`${consumer.url} riattivato.`).waitFor();
    await open('invii-non-riusciti', 'Invii non riusciti');
    await letter.getByRole('button', { name: /^Invia di nuovo/ }).click();
    await page.getByRole('status').getByText(/^Consegna di un webhook whd_\w+: inviato di nuovo\.$/).waitFor();
    await expect.poll(() => received().at(-1)?.status, { timeout: 5_000 }).toBe(200);
    await page.getByText('Nessun invio non riuscito.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent), 'the focus goes on from the list').toBe('Da inviare di nuovo');
  }, 45_000);
});
