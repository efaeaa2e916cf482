import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The read-only field that shows a signing secret the one time the API answers it. */
export const secretField = (page: Page) => page.getByLabel('Segreto di firma', { exact: true });

/**
 * Adds a webhook endpoint with the form of `#/webhook` (open on `page`): payments are ticked at
 * first, `alsoTick` names more events by their label. Answers the secret the page then shows.
 */
export async function addWebhookEndpoint(page: Page, url: string, alsoTick: string[] = []): Promise<string> {
  const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Aggiungi un endpoint' }) });
  await form.getByLabel('Indirizzo (https)').fill(url);
  await form.getByLabel('Descrizione').fill('Tributi');
  expect(await form.getByRole('checkbox', { name: /^Pagamento riuscito/ }).isChecked(), 'payments are ticked at first').toBe(true);
  for (const event of alsoTick) await form.getByRole('checkbox', { name: new RegExp(`^${event}`) }).check();
  await form.getByRole('button', { name: 'Aggiungi' }).click();
  await page.getByRole('status').getByText(`Endpoint ${url} aggiunto.`).waitFor();
  return secretField(page).inputValue();
}
