import { readFile } from 'node:fs/promises';
import { demoComune } from '@pay-box/engine/demo';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camt053, entryFor, giornaleDiCassa, type FixtureEntry } from '../../../test-support/statements/index.js';
import { validateGiornaleDiCassa } from '../../../test-support/statements/validate-opi.js';
import { romeToday, startCruscotto, wcagViolations, type CruscottoRun } from './support/cruscotto-run.js';

/**
 * The comune's officer in Chromium, logged in as the demo staff user, against the reference server
 * as `npm start` runs it, while a shop's terminal pays over HTTP.
 */
describe('the cruscotto in Chromium, against the reference server', () => {
  let run: CruscottoRun;
  let page: Page;
  let app: string;
  let staff: CruscottoRun['staff'];
  const refused: string[] = [];

  /** The payment's transfer, settled by the sandbox bank with its CRO/TRN. */
  async function settledTransfer(paymentId: string) {
    const transfer = await run.answeredTransfer(paymentId);
    expect(transfer.status).toBe('settled');
    return transfer;
  }

  async function open(route: string, heading: string): Promise<void> {
    await page.goto(`${app}#/${route}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  async function expectNoViolations(): Promise<void> {
    await page.locator('.loading').waitFor({ state: 'detached' });
    expect(await wcagViolations(page), page.url()).toEqual([]);
  }

  beforeAll(async () => {
    run = await startCruscotto();
    ({ app, staff } = run);
    page = await run.browser.newPage({ viewport: { width: 1024, height: 900 } });
    page.on('console', (message) => message.type() === 'error' && /Content.Security.Policy/i.test(message.text()) && refused.push(message.text()));
    page.on('pageerror', (error) => refused.push(error.message));
  }, 60_000);
  afterAll(() => run?.stop());

  it('npm start prints the cruscotto’s address and the demo staff login; the page comes with a strict CSP', async () => {
    expect(run.server.output()).toContain(`Cruscotto      ${app}`);
    expect(run.server.output()).toContain(`${staff.email} / ${staff.password}`);
    const response = await fetch(app);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'.*connect-src 'self'/);
    expect(await response.text()).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });

  it('a wrong password is told in the chosen language; the demo staff logs in and sees the overview', async () => {
    await page.goto(app);
    await page.getByRole('heading', { level: 1, name: 'Accesso al cruscotto' }).waitFor();
    await expectNoViolations();
    await page.getByLabel('Email').fill(staff.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByRole('alert').getByText('Email o password errata.').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to the cruscotto' }).waitFor();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong email or password.').waitFor();
    await page.getByRole('button', { name: 'Italiano' }).click();

    await page.getByLabel('Password').fill(staff.password);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Panoramica' }).waitFor();
    await page.getByText('In diretta', { exact: true }).waitFor();
    await expectNoViolations();
  });

  it('a payment at a shop’s terminal appears at the top of the live feed within a second; its page shows the CRO/TRN', async () => {
    await open('', 'Panoramica');
    await page.getByText('In diretta', { exact: true }).waitFor();
    const { sampleNoticeNumbers } = run.server.credentials();
    const todayCount = page.locator('.tile').filter({ has: page.getByRole('heading', { name: 'Oggi' }) }).getByText(/^Pagamenti: \d+$/);
    const countBefore = await todayCount.textContent();
    const payment = await run.payNoticeAtTheShop(sampleNoticeNumbers[0]!);
    const answeredAt = Date.now();
    const item = page.locator('.feed-list li').first().getByRole('link');
    await expect.poll(async () => (await item.count()) && (await item.getAttribute('href')), { timeout: 5_000, interval: 20 }).toBe(`#/pagamenti/${payment.id}`);
    expect(Date.now() - answeredAt, 'from the terminal’s answer to the top of the feed').toBeLessThan(1_000);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Nuovo pagamento' }).count()).toBe(1);
    await expect.poll(() => todayCount.textContent(), { timeout: 5_000 }).toBe(`Pagamenti: ${Number(/\d+/.exec(countBefore!)![0]) + 1}`);

    const { bankReference } = await settledTransfer(payment.id);
    await item.click();
    await page.getByRole('heading', { level: 1, name: /Pagamento/ }).waitFor();
    await expect.poll(() => page.locator('.bank-reference').textContent()).toBe(bankReference);
    expect(await page.getByText(payment.receipt.verificationCode).count()).toBeGreaterThan(0);
    await expectNoViolations();
  });

  it('payments filtered by notice number, a page at a time, and the same as CSV', async () => {
    const { sampleNoticeNumbers } = run.server.credentials();
    await open('pagamenti', 'Pagamenti');
    expect(await page.title()).toBe('Pagamenti · Cruscotto · Comune di Valdimonte');
    await page.getByLabel('Codice avviso').fill(sampleNoticeNumbers[0]!);
    await page.getByRole('button', { name: 'Cerca' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr').textContent()).toContain(sampleNoticeNumbers[0]!);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Esporta CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.trim().split(/\r?\n/)).toHaveLength(2);
    expect(csv).toContain(sampleNoticeNumbers[0]!);
  });

  const menuPages: Array<[route: string, italian: string, english: string]> = [
    ['', 'Panoramica', 'Overview'],
    ['pagamenti', 'Pagamenti', 'Payments'],
    ['bonifici', 'Bonifici alla tesoreria', 'Transfers to the treasury'],
    ['crediti', 'Crediti', 'Credits'],
    ['crediti/importa', 'Importa crediti da CSV', 'Import credits from CSV'],
    ['non-attesi', 'Crediti non attesi', 'Unexpected credits'],
    ['assistenza', 'Assistenza al cittadino', 'Citizen support'],
    ['riconciliazione', 'Riconciliazione', 'Reconciliation'],
    ['chiusura', 'Chiusura giornaliera', 'Daily closing'],
    ['negozi', 'Negozi', 'Shops'],
    ['registro', 'Registro attività', 'Activity log'],
    ['utenti', 'Utenti', 'Users'],
  ];

  it('every page of the menu has no WCAG 2.1 AA violation axe-core can find', async () => {
    for (const [route, italian] of menuPages) {
      await open(route, italian);
      await expectNoViolations();
    }
  }, 60_000);

  it('every page of the menu in English, with no violation either', async () => {
    await open('', 'Panoramica');
    await page.getByRole('button', { name: 'English' }).click();
    try {
      for (const [route, , english] of menuPages) {
        await open(route, english);
        await expectNoViolations();
      }
      expect(await page.title(), 'the last page, Users, titled in English').toBe('Users · Cruscotto · Comune di Valdimonte');
    } finally {
      await page.getByRole('button', { name: 'Italiano' }).click();
    }
  }, 60_000);

  it('the keyboard alone: the skip link leads to the content, and a new page puts the focus on its heading', async () => {
    await open('negozi', 'Negozi');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Negozi' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Vai al contenuto');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByRole('link', { name: 'Pagamenti', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent}`)).toBe('H1 Pagamenti');
  });

  it('credits from a CSV with one bad row: all or nothing imports none and names the line; the valid rows go in on request', async () => {
    const csv = [
      'servizio;codice_fiscale;nominativo;descrizione;importo;scadenza',
      `MENSA;RSSMRA85T10H501O;Mario Rossi;Mensa gennaio 2027 classe 3A;48,00;2027-01-31`,
      `MENSA;BNCGLI90D43F205U;Giulia Bianchi;Mensa gennaio 2027 classe 2B;-5;2027-01-31`,
      `MENSA;VRDLCU78L21F839T;Luca Verdi;Mensa gennaio 2027 classe 1C;52,50;2027-01-31`,
    ].join('\n');
    const file = { name: 'mensa-gennaio.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
    await open('crediti/importa', 'Importa crediti da CSV');

    await page.getByLabel('File CSV').setInputFiles(file);
    await page.getByRole('button', { name: 'Importa', exact: true }).click();
    await page.getByText('Crediti importati: 0 su 3 righe.').waitFor();
    const rejected = page.getByRole('table', { name: 'Righe respinte' });
    expect(await rejected.getByRole('row').nth(1).getByRole('cell').first().textContent()).toBe('3');
    await expectNoViolations();

    await page.getByLabel('File CSV').setInputFiles(file);
    await page.getByLabel('Importa le righe valide').check();
    await page.getByRole('button', { name: 'Importa', exact: true }).click();
    await page.getByText('Crediti importati: 2 su 3 righe.').waitFor();
    await open('crediti', 'Crediti');
    await page.getByLabel('Avviso, codice fiscale o nome').fill('Luca Verdi');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('row').filter({ hasText: 'Luca Verdi' }).filter({ hasText: '52,50 €' }).waitFor();
  });

  it('a large CSV goes up with a progress bar (on a slow line), and all or nothing refuses it for its one bad row', async () => {
    const rows = Array.from({ length: 4_000 }, (_, index) => `MENSA;RSSMRA85T10H501O;Mario Rossi;Mensa marzo 2027 pasto ${index + 1};4,80;2027-03-31`);
    rows.splice(2_000, 0, 'MENSA;RSSMRA85T10H501O;Mario Rossi;Mensa marzo 2027;quattro euro;2027-03-31');
    const csv = ['servizio;codice_fiscale;nominativo;descrizione;importo;scadenza', ...rows].join('\n');
    await open('crediti/importa', 'Importa crediti da CSV');
    const network = await page.context().newCDPSession(page);
    await network.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 100_000 });
    try {
      await page.getByLabel('File CSV').setInputFiles({ name: 'mensa-marzo.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Importa', exact: true }).click();
      const progress = page.getByRole('progressbar', { name: 'Invio del file' });
      await expect.poll(() => progress.evaluate((bar) => (bar as HTMLProgressElement).value, undefined, { timeout: 200 }).catch(() => 0), { timeout: 10_000, interval: 50 }).toBeGreaterThan(0);
      await page.getByText('Crediti importati: 0 su 4001 righe.').waitFor({ timeout: 30_000 });
      expect(await page.getByRole('table', { name: 'Righe respinte' }).getByRole('row').nth(1).getByRole('cell').first().textContent()).toBe('2002');
    } finally {
      await network.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await network.detach();
    }
  }, 60_000);

  it('the day’s market fees paid at the shop wait in the unexpected credits, with their fields; the officer registers them together', async () => {
    const fees = [await run.payMarketFee(), await run.payMarketFee()];
    await open('non-attesi', 'Crediti non attesi');
    const rowOf = (payment: { id: string }) => page.getByRole('row').filter({ has: page.locator(`a[href="#/pagamenti/${payment.id}"]`) });
    await rowOf(fees[0]!).getByText('Numero posteggio: A12').waitFor();
    for (const fee of fees) await rowOf(fee).getByRole('checkbox').check();
    await page.getByLabel('Numero di accertamento').fill('ACC-2026/118');
    await page.getByLabel('Capitolo di bilancio').fill('3010.02');
    await expectNoViolations();
    await page.getByRole('button', { name: 'Registra' }).click();
    await page.getByText('Crediti registrati: 2.').waitFor();
    await page.getByRole('link', { name: 'Registrati', exact: true }).click();
    for (const fee of fees) await rowOf(fee).getByText(/ACC-2026\/118 · 3010\.02/).waitFor();
  });

  it('a citizen on the phone reads the verification code: the officer finds the payment and shows the receipt as printed', async () => {
    const { sampleNoticeNumbers } = run.server.credentials();
    const payment = await run.payNoticeAtTheShop(sampleNoticeNumbers[1]!);
    await open('assistenza', 'Assistenza al cittadino');
    await page.getByLabel(/codice di verifica/).fill(payment.receipt.verificationCode);
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByText('Pagamenti trovati: 1.').waitFor();
    await page.getByRole('button', { name: 'Mostra la ricevuta come l’ha il cittadino' }).click();
    await expect.poll(() => page.locator('pre.receipt').textContent()).toContain(sampleNoticeNumbers[1]!);
    expect(await page.getByRole('link', { name: 'Scarica la ricevuta (PDF)' }).getAttribute('href')).toBe(`/v1/admin/payments/${payment.id}/receipt?format=pdf`);
    await expectNoViolations();
  });

  /** Two market fees settled by the bank: the statement names the first and not the second, and one stranger's credit. */
  async function statementCase(remittance: string) {
    const [named, left] = [await settledTransfer((await run.payMarketFee()).id), await settledTransfer((await run.payMarketFee()).id)];
    const stranger: FixtureEntry = { amount: 4_321, bookedOn: romeToday(), bankReference: `TRN${Date.now()}`, remittance, debtorName: 'MARIO ROSSI' };
    return { named, left, stranger, entries: [entryFor(named, romeToday()), stranger] };
  }

  async function uploadStatement(name: string, content: string, format: string) {
    await open('riconciliazione', 'Riconciliazione');
    await page.getByLabel('File dell’estratto').setInputFiles({ name, mimeType: 'application/xml', buffer: Buffer.from(content) });
    await page.getByRole('button', { name: 'Carica e riconcilia' }).click();
    await page.getByText(new RegExp(`Estratto ${format} caricato: 2 movimenti`)).waitFor();
  }

  async function expectReconciled({ named, left, stranger }: Awaited<ReturnType<typeof statementCase>>): Promise<void> {
    const section = (name: RegExp) => page.locator('section').filter({ has: page.getByRole('heading', { name }) });
    await section(/^Riconciliati/).locator(`a[href="#/pagamenti/${named.paymentId}"]`).waitFor();
    await section(/^Bonifici mancanti nell’estratto/).locator(`a[href="#/pagamenti/${left.paymentId}"]`).waitFor();
    await section(/^Movimenti sconosciuti a Pay-Box/).getByText(stranger.bankReference!).waitFor();
    await expectNoViolations();
  }

  it('a giornale di cassa valid against the OPI schema, with one transfer missing and one entry unknown', async () => {
    const statement = await statementCase('BONIFICO DA PRIVATO');
    const xml = giornaleDiCassa({ comune: demoComune, date: romeToday(), entries: statement.entries });
    expect(await validateGiornaleDiCassa(xml)).toEqual({ valid: true, output: '' });
    await uploadStatement('giornale.xml', xml, 'OPI giornale di cassa');
    await expectReconciled(statement);
    await page.getByRole('button', { name: /^Mostra i movimenti dell’estratto/ }).first().click();
    const entries = page.locator('section').filter({ has: page.getByRole('heading', { name: /^Movimenti dell’estratto · OPI giornale di cassa/ }) });
    await entries.getByRole('row').filter({ hasText: statement.named.bankReference! }).getByRole('cell', { name: 'sì' }).waitFor();
    await entries.getByRole('row').filter({ hasText: statement.stranger.bankReference! }).getByRole('cell', { name: 'no', exact: true }).waitFor();
    await expectNoViolations();

    await open('chiusura', 'Chiusura giornaliera');
    const line = (paymentId: string) => page.getByRole('row').filter({ has: page.locator(`a[href="#/pagamenti/${paymentId}"]`) });
    await line(statement.named.paymentId).getByText(statement.named.bankReference!).waitFor();
    await line(statement.left.paymentId).waitFor();
    await page.getByRole('row').filter({ hasText: 'Movimento senza pagamento' }).filter({ hasText: '43,21 €' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Scarica PDF' }).getAttribute('href')).toBe(`/v1/admin/daily-closing?date=${romeToday()}&format=pdf`);
  });

  it('a camt.053 with one transfer missing and one entry unknown; re-running keeps the result', async () => {
    const statement = await statementCase('VERSAMENTO CONTANTI');
    await uploadStatement('camt053.xml', camt053({ iban: demoComune.treasuryIban, date: romeToday(), entries: statement.entries }), 'camt.053');
    await expectReconciled(statement);
    await page.getByRole('button', { name: 'Riesegui la riconciliazione' }).click();
    await page.locator('section').filter({ has: page.getByRole('heading', { name: /^Movimenti sconosciuti a Pay-Box/ }) }).getByText(statement.stranger.bankReference!).waitFor();
  });

  it('an operator creates a credit with a generated notice number, edits it while open and cancels it with a reason', async () => {
    await open('crediti', 'Crediti');
    await page.getByRole('button', { name: 'Nuovo credito' }).click();
    await page.getByLabel('Servizio', { exact: true }).first().selectOption('MENSA');
    await page.getByLabel('Codice fiscale del debitore').fill('RSSMRA85T10H501O');
    await page.getByLabel('Nome del debitore').fill('Mario Rossi');
    await page.getByLabel('Descrizione (interna)').fill('Mensa febbraio 2027');
    await page.getByLabel('Importo (€)').fill('31,20');
    await expectNoViolations();
    await page.getByRole('button', { name: 'Crea il credito' }).click();
    const created = page.getByText(/^Credito creato con codice avviso \d{18}\.$/);
    await created.waitFor();
    const noticeNumber = /(\d{18})/.exec((await created.textContent())!)![1]!;
    expect(noticeNumber.startsWith('3'), 'aux digit 3').toBe(true);

    await page.getByRole('link', { name: noticeNumber }).click();
    await page.getByRole('heading', { level: 1, name: `Credito ${noticeNumber}` }).waitFor();
    await page.getByLabel('Importo (€)').fill('29,90');
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await page.getByText('Modifiche salvate.').waitFor();
    expect(await page.locator('.facts').getByText('29,90 €').count()).toBe(1);
    await expectNoViolations();
    await page.getByLabel('Motivo dell’annullamento').fill('Iscrizione ritirata');
    await page.getByRole('button', { name: 'Annulla il credito' }).click();
    await page.getByText('Credito annullato.').waitFor();
    await page.locator('.facts').getByText(/Iscrizione ritirata/).waitFor();
    expect(await page.getByRole('button', { name: 'Annulla il credito' }).count(), 'a cancelled credit is not changed again').toBe(0);
  });

  it('an admin adds a viewer, who sees the comune’s figures on a tablet but no admin section and no operator action', async () => {
    await open('utenti', 'Utenti');
    const viewer = { email: `ragioneria-${Date.now()}@comune.valdimonte.example`, password: 'una prima password lunga' };
    await page.getByLabel('Email').fill(viewer.email);
    await page.getByLabel('Nome', { exact: true }).fill('Ragioneria');
    await page.getByLabel('Ruolo', { exact: true }).selectOption('viewer');
    await page.getByLabel('Prima password (almeno 12 caratteri)').fill(viewer.password);
    await page.getByRole('button', { name: 'Aggiungi', exact: true }).click();
    await page.getByText(`Utente ${viewer.email} aggiunto.`).waitFor();

    const context = await run.browser.newContext({ viewport: { width: 768, height: 1024 } });
    const tablet = await context.newPage();
    await tablet.goto(app);
    await tablet.getByLabel('Email').fill(viewer.email);
    await tablet.getByLabel('Password').fill(viewer.password);
    await tablet.getByRole('button', { name: 'Accedi' }).click();
    await tablet.getByRole('heading', { level: 1, name: 'Panoramica' }).waitFor();
    const menu = tablet.getByRole('navigation', { name: 'Sezioni del cruscotto' });
    expect(await menu.getByRole('link').allTextContents()).toEqual(['Panoramica', 'Pagamenti', 'Bonifici', 'Crediti', 'Crediti non attesi', 'Assistenza', 'Riconciliazione', 'Chiusura giornaliera', 'Negozi', 'Invii non riusciti']);
    expect(await tablet.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing wider than a tablet').toBe(true);
    await tablet.goto(`${app}#/crediti`);
    await tablet.getByRole('heading', { level: 1, name: 'Crediti' }).waitFor();
    expect(await tablet.getByRole('button', { name: 'Nuovo credito' }).count()).toBe(0);
    await tablet.goto(`${app}#/utenti`);
    await tablet.getByText('Il tuo ruolo non consente di vedere questa sezione.').waitFor();
    await context.close();
  });

  it('five wrong passwords lock the email, and the login says for how many minutes', async () => {
    const context = await run.browser.newContext();
    const login = await context.newPage();
    await login.goto(app);
    await login.getByLabel('Email').fill('nessuno@comune.valdimonte.example');
    for (let attempt = 1; attempt <= 6; attempt++) {
      await login.getByLabel('Password').fill(`wrong password ${attempt}`);
      await login.getByRole('button', { name: 'Accedi' }).click();
      await login.getByRole('alert').getByText(attempt <= 5 ? 'Email o password errata.' : /Riprova tra 15 minuti\.$/).waitFor();
    }
    await context.close();
  });

  it('a session that ends brings the login back with a word why', async () => {
    await open('pagamenti', 'Pagamenti');
    await page.context().clearCookies();
    await page.getByRole('link', { name: 'Crediti', exact: true }).click();
    await page.getByText('La sessione è scaduta: accedi di nuovo.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Accesso al cruscotto' }).waitFor();
    expect(refused, 'nothing refused by the CSP, no error in the page').toEqual([]);
  });
});
