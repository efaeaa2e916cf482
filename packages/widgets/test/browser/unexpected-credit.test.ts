import { describe, expect, it } from 'vitest';
import { wcagViolations } from '../support/axe.js';
import { useWidgetServerAndChromium } from '../support/widget-session.js';

const romeDay = (offsetDays: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date(Date.now() + offsetDays * 86_400_000));

describe('<paybox-unexpected-credit service="MULTA">: a fine paid from its pre-notice, in Chromium', () => {
  const widgets = useWidgetServerAndChromium();

  it('builds the form from the service, marks what is missing or wrong, and computes the reduced amount of the violation', async () => {
    const page = await widgets.browser.newPage();
    await page.goto(
      widgets.server.page(`<paybox-unexpected-credit service="MULTA" publishable-key="${widgets.server.fake.credentials.publishableKey}" base-url="${widgets.server.url}"></paybox-unexpected-credit>`, {
        scripts: ['record-events.js'],
      }),
    );
    await page.getByLabel('Numero del preavviso').waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Continua' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('Correggi i 7 campi segnalati.');
    expect(await page.getByLabel('Numero del preavviso').evaluate((input) => input.matches(':focus') && input.getAttribute('aria-invalid'))).toBe('true');
    expect(await page.getByText('Compila questo campo.').count()).toBe(7);
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByLabel('Numero del preavviso').fill('PA-2026/0042');
    await page.getByLabel('Targa').fill('AB123CD');
    await page.getByLabel('Data della violazione').fill(romeDay(2));
    await page.getByLabel('Luogo').fill('Via Roma 1');
    await page.getByLabel('Violazione', { exact: true }).selectOption('ART158-SOSTA');
    await page.getByLabel('Nome e cognome di chi paga').fill('Giulia Bianchi');
    await page.getByLabel('Codice fiscale di chi paga').fill('BNCGLI90D43F205U');
    await page.getByRole('button', { name: 'Continua' }).click();
    await expect.poll(() => page.getByText('Scegli una data valida, non successiva a oggi.').textContent()).toBe('Scegli una data valida, non successiva a oggi.');
    expect(await page.getByText('L’importo appare quando i dati sono completi.').count()).toBe(1);

    // Paid the day of the violation: 30% off EUR 42.00 (art. 202 CdS).
    await page.getByLabel('Data della violazione').fill(romeDay(0));
    await expect.poll(() => page.getByText(/^\s*Importo da pagare:/).textContent()).toContain(new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(29.4));
    await page.getByRole('button', { name: 'Continua' }).click();
    await page.getByRole('button', { name: 'Paga con carta' }).waitFor();
    const events = await page.evaluate(() => (window as unknown as { payboxEvents: Array<{ name: string; detail: unknown }> }).payboxEvents);
    expect(events.find((event) => event.name === 'paybox-unexpected-credit-ready')?.detail).toEqual({
      serviceCode: 'MULTA',
      fields: { preNoticeNumber: 'PA-2026/0042', plate: 'AB123CD', date: romeDay(0), place: 'Via Roma 1', violation: 'ART158-SOSTA' },
      amount: 2940,
    });
    expect(await wcagViolations(page)).toEqual([]);
    await page.close();
  });

  it('<paybox-checkout service="MULTA"> offers the lookup and, for a fine not registered yet, the pre-notice form', async () => {
    const page = await widgets.browser.newPage();
    await page.goto(widgets.server.page(`<paybox-checkout service="MULTA" publishable-key="${widgets.server.fake.credentials.publishableKey}" base-url="${widgets.server.url}"></paybox-checkout>`));
    await page.getByRole('heading', { name: 'Non hai un avviso?' }).waitFor();
    await page.getByLabel('Numero del preavviso').waitFor();
    expect(await page.getByLabel('Codice avviso o testo del QR code').count()).toBe(1);
    await page.close();
  });
});
