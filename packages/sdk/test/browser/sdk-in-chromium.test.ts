import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../test-support/chromium.js';
import { startReferenceServer, type ReferenceServerProcess } from '../../../../test-support/reference-server-process.js';

const browserEntry = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

/** What a comune's web page does with the SDK: list services, look a notice up, and handle errors. */
const pageScript = (baseUrl: string, apiKey: string, noticeNumber: string) => `
  const { createPayBox, isPayBoxError } = PayBox;
  const payBox = createPayBox({ baseUrl: ${JSON.stringify(baseUrl)}, apiKey: ${JSON.stringify(apiKey)}, maxRetries: 0 });
  const outcome = (promise) => promise.then(
    (value) => ({ ok: true, value }),
    (error) => ({ ok: false, branded: isPayBoxError(error), name: error.name, code: error.code, status: error.status, message: error.message }),
  );
  window.result = (async () => ({
    services: await outcome(payBox.services.list()),
    credit: await outcome(payBox.credits.lookup({ noticeNumber: ${JSON.stringify(noticeNumber)} })),
    badNotice: await outcome(payBox.credits.lookup({ noticeNumber: '123' })),
    unknownNotice: await outcome(payBox.credits.lookup({ noticeNumber: '301000000000000144' })),
    unknownReceipt: await outcome(payBox.receipts.verify('AAAA-BBBB-CCCC')),
  }))();
`;

describe('the SDK in a real browser (Chromium), against the real reference server across origins', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paybox-sdk-browser-'));
  let server: ReferenceServerProcess;
  let browser: Browser;
  let page: Server;
  let pageOrigin: string;
  let bundle: string;

  beforeAll(async () => {
    // What a web page's bundler makes of `import { createPayBox, isPayBoxError } from '@pay-box/sdk'`.
    const built = await build({
      stdin: { contents: `export { createPayBox, isPayBoxError } from ${JSON.stringify(browserEntry)};`, resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      format: 'iife',
      globalName: 'PayBox',
      platform: 'browser',
      target: 'es2022',
      write: false,
      minify: true,
    });
    bundle = built.outputFiles[0]!.text;
    page = createServer((request, response) => {
      if (request.url === '/sdk.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Comune</title><script src="/sdk.js"></script>');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    pageOrigin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    [server, browser] = await Promise.all([startReferenceServer(dataDir, { PAYBOX_LOG_LEVEL: 'warn' }), launchChromium()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => page?.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function runInPage(apiKey: string) {
    const tab = await browser.newPage();
    try {
      await tab.goto(pageOrigin);
      await tab.addScriptTag({ content: pageScript(server.url, apiKey, server.credentials().sampleNoticeNumbers[0]!) });
      return await tab.evaluate(() => (window as unknown as { result: Promise<Record<string, any>> }).result);
    } finally {
      await tab.close();
    }
  }

  it('a publishable key allowed for the page origin: lookups work, debtors are masked, errors are typed', async () => {
    const created = JSON.parse(await server.cli('keys', 'create', 'publishable', '--comune', server.credentials().comuneId, '--origin', pageOrigin));
    const result = await runInPage(created.secret);

    expect(result.services.ok).toBe(true);
    expect(result.services.value.data.map((service: { code: string }) => service.code)).toContain('MERCATO');
    expect(result.credit.ok).toBe(true);
    expect(result.credit.value.data[0]).toMatchObject({ status: 'open', fee: 100, debtor: { masked: true } });
    expect(result.badNotice).toMatchObject({ ok: false, branded: true, code: 'validation_failed' });
    expect(result.unknownNotice).toMatchObject({ ok: false, branded: true, code: 'credit_not_found', status: 404 });
    expect(result.unknownReceipt).toMatchObject({ ok: false, branded: true, code: 'receipt_not_found', status: 404 });
  });

  it('the same key from an origin it does not allow is refused: forbidden', async () => {
    // The demo's publishable key allows the server's own origin and localhost:5173, not this page.
    const result = await runInPage(server.credentials().publishableKey);
    expect(result.services).toMatchObject({ ok: false, branded: true, code: 'forbidden', status: 403 });
  });

  it('ships no tax-code tables and no schemas to the browser', () => {
    expect(bundle).not.toMatch(/omocodi|ZodError|\$ZodType/);
    expect(bundle.length).toBeLessThan(30_000);
  });
});
