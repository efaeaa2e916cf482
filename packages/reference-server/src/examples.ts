import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppEnv } from '@pay-box/api';
import type { Hono } from 'hono';

/** The repository this server runs from (from src/ or dist/ alike); an installed package has no examples beside it. */
const repository = fileURLToPath(new URL('../../../', import.meta.url));
const examplesDir = join(repository, 'examples');
const widgetsDist = join(repository, 'packages', 'widgets', 'dist');

export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * What a comune's own site would send: scripts, styles and data from its own origin only, nothing
 * inline, no framing. The widgets work under it (their styles are constructed stylesheets).
 */
const pageHeaders = {
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

export interface ExampleSettings {
  /** The server's public URL: the API the examples call. */
  publicUrl: () => string;
  /** The demo's publishable key, when this data folder has a demo. */
  publishableKey: string | undefined;
}

/** The examples with a public folder, by name: `comune-site`, `citizen-app`. */
export function servedExamples(): string[] {
  if (!existsSync(examplesDir)) return [];
  return readdirSync(examplesDir).filter((name) => existsSync(join(examplesDir, name, 'public', 'index.html')));
}

/** A file under `root`, or undefined for anything outside it or missing. */
export function fileUnder(root: string, path: string): string | undefined {
  const file = resolve(root, `.${sep}${path}`);
  if (!file.startsWith(root + sep) || !existsSync(file)) return undefined;
  return file;
}

/**
 * Serves the examples' pages at `/examples/<name>/` and the widgets' built files at `/widgets/`,
 * when the server runs from the repository: the page a comune's webmaster would write, against
 * this server and its demo. In HTML, `%PAYBOX_API_URL%` and `%PAYBOX_PUBLISHABLE_KEY%` become this
 * server's URL and the demo's key.
 */
export function exampleRoutes(app: Hono<AppEnv>, settings: ExampleSettings): void {
  const examples = servedExamples();
  if (examples.length === 0) return;

  app.get('/widgets/*', (c) => {
    const file = fileUnder(widgetsDist, decodeURIComponent(c.req.path.slice('/widgets/'.length)));
    if (!file || !['.js', '.map', '.json'].includes(extname(file))) return c.text('Not built: run npm run build', 404);
    return c.body(readFileSync(file), 200, { 'Content-Type': contentTypes[extname(file)]!, 'Cache-Control': 'no-cache' });
  });

  app.get('/examples/:name', (c) => c.redirect(`/examples/${c.req.param('name')}/`, 301));
  app.get('/examples/:name/*', (c) => {
    const name = c.req.param('name');
    if (!examples.includes(name)) return c.notFound();
    const path = c.req.path.slice(`/examples/${name}/`.length) || 'index.html';
    const file = fileUnder(join(examplesDir, name, 'public'), decodeURIComponent(path));
    const type = file && contentTypes[extname(file)];
    if (!file || !type) return c.text('Not found', 404);
    const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache', ...(type.startsWith('text/html') && pageHeaders) };
    if (!type.startsWith('text/html')) return c.body(readFileSync(file), 200, headers);
    const html = readFileSync(file, 'utf8')
      .replaceAll('%PAYBOX_API_URL%', settings.publicUrl())
      .replaceAll('%PAYBOX_PUBLISHABLE_KEY%', settings.publishableKey ?? '');
    return c.body(html, 200, headers);
  });
}
