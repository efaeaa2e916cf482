import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../../packages/reference-server/src/config.js';
import { startServer, type RunningServer } from '../../../packages/reference-server/src/server.js';
import { launchChromium } from '../../../test-support/chromium.js';
import { payOnTheCardPage, TEST_CARDS } from '../../../test-support/sandbox-card-page.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const widgetsBundle = new URL('../../../packages/widgets/dist/paybox-widgets.js', import.meta.url);

interface AxeViolation {
  id: string;
  nodes: Array<{ target: unknown[] }>;
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it stands, the widgets' shadow roots included. */
async function wcagViolations(page: Page): Promise<Array<{ id: string; targets: string[] }>> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(() =>
    (window as unknown as { axe: { run(options: object): Promise<{ violations: unknown[] }> } }).axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }).then((result) => result.violations),
  )) as AxeViolation[];
  return violations.map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => JSON.stringify(node.target)) }));
}

/** A port nobody uses now: the demo's publishable key allows the origin the server had when it seeded. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Width and height of a PNG, from its header. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the citizen app in a real browser (Chromium), against the reference server', () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: Browser;
  let app: string;
  let notices: string[];
  /** The citizen's phone: one browser profile, kept from test to test (the service worker, the receipts). */
  let phone: BrowserContext;
  let page: Page;
  const refused: string[] = [];

  beforeAll(async () => {
    // The app loads the widgets' single-file build, as a comune's page would: `npm install` builds it (`prepare`).
    if (!existsSync(widgetsBundle)) throw new Error('packages/widgets/dist/paybox-widgets.js is missing: run npm run build');
    dataDir = mkdtempSync(join(tmpdir(), 'paybox-citizen-app-'));
    const port = await freePort();
    [server, browser] = await Promise.all([
      // A slow bank that the API does not wait for: the citizen is back before the CRO/TRN, as happens for real.
      startServer(configFromEnv({ PAYBOX_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PAYBOX_LOG_LEVEL: 'silent', PAYBOX_RAIL_LATENCY_MS: '1500', PAYBOX_TRANSFER_WAIT_MS: '0' })),
      launchChromium(),
    ]);
    app = `http://localhost:${port}/examples/citizen-app/`;
    notices = server.demo!.sampleNoticeNumbers;
    phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    page = await phone.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy|Refused/i.test(message.text())) refused.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('is installable: a valid manifest with icons (a maskable one), a standalone display and a start URL inside its scope', async () => {
    await page.goto(app);
    const manifestUrl = await page.locator('link[rel="manifest"]').evaluate((link: HTMLLinkElement) => link.href);
    const response = await phone.request.get(manifestUrl);
    expect(response.headers()['content-type']).toContain('application/manifest+json');
    const manifest = await response.json();
    expect(manifest).toMatchObject({ name: 'Paga il Comune · Pay-Box', short_name: 'Paga il Comune', display: 'standalone', lang: 'it', theme_color: '#0b5cad' });
    const scope = new URL(manifest.scope, manifestUrl).href;
    expect(scope).toBe(app);
    expect(new URL(manifest.start_url, manifestUrl).href.startsWith(scope)).toBe(true);
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(manifest.theme_color);

    for (const icon of manifest.icons as Array<{ src: string; sizes: string; type: string; purpose: string }>) {
      const file = await phone.request.get(new URL(icon.src, manifestUrl).href);
      expect(file.status(), icon.src).toBe(200);
      expect(file.headers()['content-type']).toBe(icon.type);
      if (icon.type === 'image/png') {
        const [width, height] = icon.sizes.split('x').map(Number);
        expect(pngSize(await file.body())).toEqual({ width, height });
      }
    }
    const purposes = manifest.icons.map((icon: { type: string; sizes: string; purpose: string }) => `${icon.type} ${icon.sizes} ${icon.purpose}`);
    expect(purposes).toContain('image/png 512x512 maskable');
    expect(purposes).toContain('image/png 192x192 any');
    expect(purposes).toContain('image/svg+xml any any');

    // The service worker takes the page over, within the app's scope.
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return { scope: registration.scope, script: registration.active?.scriptURL };
    });
    expect(worker).toEqual({ scope: app, script: `${app}sw.js` });

    // Chromium's own verdict: the manifest parses without error and the app can be installed.
    const cdp = await phone.newCDPSession(page);
    const parsed = await cdp.send('Page.getAppManifest');
    expect(parsed.url).toBe(manifestUrl);
    expect(parsed.errors).toEqual([]);
    expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
    await cdp.detach();
  });

  it('finds a notice by its number, pays it with the sandbox card and keeps the receipt with its CRO/TRN, after a reload too', async () => {
    await page.goto(app);
    await page.getByRole('heading', { level: 1, name: 'Paga un avviso' }).waitFor();
    await page.getByLabel('Codice avviso o testo del QR code').fill(notices[0]!);
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('button', { name: /^Paga .*€/ }).click();
    await page.getByRole('button', { name: 'Paga con carta' }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Paga con carta' }).click();

    await payOnTheCardPage(page, TEST_CARDS.authorised);

    await page.getByRole('heading', { name: 'Ricevuta di pagamento' }).waitFor({ timeout: 20_000 });
    await page.getByText('Ricevuta salvata su questo dispositivo.').waitFor();
    // The bank has not answered yet: the receipt says so, and the app will ask again.
    expect(await page.getByRole('article').locator('dt:has-text("CRO/TRN") + dd').textContent()).toBe('in attesa');
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Vai alle mie ricevute' }).click();
    await page.getByRole('heading', { level: 1, name: 'Le mie ricevute' }).waitFor();
    const receipt = page.getByRole('article').first();
    // The CRO/TRN is there once the bank answered (the app asks again until then).
    await expect.poll(() => receipt.locator('dt:has-text("CRO/TRN") + dd').textContent(), { timeout: 15_000 }).toMatch(/^PBX/);
    expect(await page.getByRole('link', { name: /Le mie ricevute/ }).textContent()).toContain('(1)');
    const code = (await receipt.locator('dt:has-text("Codice di verifica") + dd').textContent())!;
    const truth = await (await fetch(`${server.url}/v1/receipts/verify/${code}`)).json();
    expect(truth.valid).toBe(true);
    const facts = Object.fromEntries(
      await receipt.locator('dl > div').evaluateAll((rows) => rows.map((row) => [row.querySelector('dt')!.textContent, row.querySelector('dd')!.textContent])),
    );
    expect(facts).toMatchObject({
      'CRO/TRN': truth.receipt.bankReference,
      'Numero ricevuta': truth.receipt.number,
      'Codice avviso': truth.receipt.noticeNumber,
      Ente: 'Comune di Valdimonte',
      'Totale pagato': new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(truth.receipt.total / 100),
    });
    expect(await receipt.getByRole('link', { name: /^Verifica la ricevuta/ }).getAttribute('href')).toBe(`${server.url}/verifica/${code}`);
    expect(await wcagViolations(page)).toEqual([]);

    await page.reload();
    await page.getByRole('link', { name: /Le mie ricevute/ }).click();
    await expect.poll(() => page.getByRole('article').first().locator('dt:has-text("CRO/TRN") + dd').textContent()).toBe(truth.receipt.bankReference);
    expect(await page.getByRole('link', { name: /Le mie ricevute/ }).textContent()).toContain('(1)');
  });

  it('offline, opens from the device: the shell, the widgets and the saved receipts, with a word that it is offline', async () => {
    await page.goto(app);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await phone.setOffline(true);
    try {
      await page.goto(app);
      expect(await page.evaluate(() => fetch('/healthz').then(() => 'online', () => 'offline'))).toBe('offline');
      await page.getByRole('heading', { level: 1, name: 'Le mie ricevute' }).waitFor();
      await page.getByText('Sei offline.', { exact: false }).waitFor();
      expect(await page.getByRole('article').first().locator('dt:has-text("CRO/TRN") + dd').textContent()).toMatch(/^PBX/);
      // The widgets come from the device too.
      expect(await page.evaluate(() => customElements.get('paybox-checkout') !== undefined)).toBe(true);
      expect(await wcagViolations(page)).toEqual([]);
    } finally {
      await phone.setOffline(false);
    }
  });

  it('to pay in cash: the notice’s QR code and the comune’s shops with their hours', async () => {
    await page.goto(app);
    await page.getByLabel('Codice avviso o testo del QR code').fill(notices[1]!);
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('button', { name: /^Paga .*€/ }).click();
    await page.getByRole('button', { name: 'Paga in contanti in un punto Pay-Box' }).click();
    await page.getByRole('img', { name: `QR code dell’avviso ${notices[1]}` }).waitFor();
    await page.getByText('Tabaccheria Centrale di Neri Carla').waitFor();
    expect(await page.getByText('Via Roma 1, Valdimonte').count()).toBe(1);
    expect(await wcagViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('a declined card: told nothing was charged, and no receipt is kept', async () => {
    await page.goto(app);
    await page.getByLabel('Codice avviso o testo del QR code').fill(notices[2]!);
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('button', { name: /^Paga .*€/ }).click();
    await page.getByRole('button', { name: 'Paga con carta' }).click();
    await payOnTheCardPage(page, TEST_CARDS.declined);
    await page.getByRole('alert').filter({ hasText: /Nessun addebito/ }).waitFor();
    await page.getByRole('link', { name: 'Torna al sito del Comune senza pagare' }).click();
    await page.getByRole('heading', { name: 'Pagamento non riuscito' }).waitFor();
    expect(await page.getByText('Nulla è stato addebitato', { exact: false }).count()).toBe(1);
    expect(await page.getByText('Ricevuta salvata su questo dispositivo.').count()).toBe(0);
    expect(await page.getByRole('link', { name: /Le mie ricevute/ }).textContent()).toContain('(1)');
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('speaks English at a touch, widgets included, and remembers it', async () => {
    await page.goto(app);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pay a notice' }).waitFor();
    await page.getByLabel('Notice number or QR code text').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByRole('link', { name: /My receipts/ }).click();
    await page.getByRole('heading', { level: 1, name: 'My receipts' }).waitFor();
    expect(await page.getByRole('article').first().locator('dt', { hasText: 'Total paid' }).count()).toBe(1);
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Italiano' }).click();
    await page.getByRole('heading', { level: 1, name: 'Le mie ricevute' }).waitFor();
  });

  it('fits a 360 px phone without scrolling sideways, and runs under the strict Content-Security-Policy', async () => {
    for (const view of ['#paga', '#ricevute']) {
      await page.goto('about:blank');
      await page.goto(`${app}${view}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), view).toBeLessThanOrEqual(360);
    }
    expect(refused).toEqual([]);
  });
});
