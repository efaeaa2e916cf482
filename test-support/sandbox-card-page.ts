import type { Page } from 'playwright-core';

/** The sandbox acquirer's test cards (docs/api.md "Pay by card on the web"). */
export const TEST_CARDS = { authorised: '4242424242424242', declined: '4000000000000002' } as const;

/**
 * What a citizen does on the sandbox acquirer's hosted page, in Italian: types the card, a future
 * expiry, a CVC and the holder, and pays. Card data never touches the comune's page or app.
 */
export async function payOnTheCardPage(page: Page, card: string): Promise<void> {
  await page.getByLabel('Numero della carta').fill(card);
  await page.getByLabel('Scadenza (MM/AA)').fill('12/30');
  await page.getByLabel('Codice di sicurezza (CVC)').fill('123');
  await page.getByLabel('Intestatario').fill('Giulia Bianchi');
  await page.getByRole('button', { name: /^Paga / }).click();
}

/** From `<paybox-checkout>`'s lookup to the card page: find the notice, pay it, by card. */
export async function chooseCardFor(page: Page, noticeNumber: string): Promise<void> {
  await page.getByLabel('Codice avviso o testo del QR code').fill(noticeNumber);
  await page.getByRole('button', { name: 'Cerca' }).click();
  await page.getByRole('button', { name: /^Paga / }).click();
  await page.getByRole('button', { name: 'Paga con carta' }).click();
  await page.getByRole('heading', { name: 'Pagamento con carta' }).waitFor();
}
