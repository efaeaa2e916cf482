import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../test-support/chromium.js';
import { wcagViolations } from '../support/axe.js';
import { STRICT_CSP } from '../support/widget-server.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const storiesDir = fileURLToPath(new URL('../../stories/', import.meta.url));

/** Each stories file's story names, read from its source: CSF's named exports. */
function exportedStories(): string[] {
  return readdirSync(storiesDir)
    .filter((file) => file.endsWith('.stories.ts'))
    .flatMap((file) => {
      const source = readFileSync(join(storiesDir, file), 'utf8');
      return [...source.matchAll(/^export const (\w+)/gm)].map((match) => `${file.replace(/\.stories\.ts$/, '')}:${match[1]}`);
    })
    .sort();
}

/**
 * Every Storybook story, rendered in Chromium without Storybook: the stories are plain CSF modules, so
 * esbuild bundles them with a small runner (support/story-harness.ts) that does what Storybook does for
 * one story (its loaders, render and play, on the SDK's mock), and axe-core checks the page after each.
 */
describe('the Storybook stories in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let page: Page;
  let outdir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'paybox-stories-'));
    const [, launched] = await Promise.all([
      build({
        entryPoints: { harness: fileURLToPath(new URL('../support/story-harness.ts', import.meta.url)) },
        outdir,
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        tsconfig: join(repoRoot, 'tsconfig.json'),
        logLevel: 'error',
      }),
      launchChromium(),
    ]);
    browser = launched;
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path === '/') {
        response.setHeader('content-type', 'text/html; charset=utf-8');
        response.setHeader('content-security-policy', STRICT_CSP);
        response.end(`<!doctype html><html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pay-Box stories</title><script type="module" src="/stories/harness.js"></script></head>
<body><main><h1>Comune di Valdimonte</h1><div id="root"></div></main></body></html>`);
      } else if (path === '/test-scripts/axe.min.js') {
        response.setHeader('content-type', 'text/javascript');
        response.end(axe);
      } else if (path.startsWith('/stories/')) {
        response.setHeader('content-type', extname(path) === '.js' ? 'text/javascript' : 'application/octet-stream');
        response.end(readFileSync(join(outdir, path.slice('/stories/'.length).replace(/\.\.+/g, ''))));
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => 'payboxStories' in window);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });

  it('every story renders, on the SDK’s mock, with no axe-core WCAG 2.1 A/AA violation; none is left out', async () => {
    const ids = await page.evaluate(() => window.payboxStories.ids());
    const covered: string[] = [];
    const failures: Record<string, unknown> = {};
    for (const id of ids) {
      try {
        await page.evaluate((story) => window.payboxStories.run(story), id);
        // PAYBOX_STORY_SCREENSHOTS=<folder> keeps a picture of each story, to look at what the test saw.
        if (process.env['PAYBOX_STORY_SCREENSHOTS']) await page.screenshot({ path: join(process.env['PAYBOX_STORY_SCREENSHOTS'], `${id.replace(':', '--')}.png`), fullPage: true });
        const violations = await wcagViolations(page);
        if (violations.length) failures[id] = violations;
        covered.push(id);
      } catch (error) {
        failures[id] = String(error instanceof Error ? error.message : error).split('\n')[0];
      }
    }
    expect(failures).toEqual({});
    expect(problems).toEqual([]);
    expect(covered.sort()).toEqual(exportedStories());
    expect(covered.length).toBeGreaterThanOrEqual(40);
  }, 180_000);
});
