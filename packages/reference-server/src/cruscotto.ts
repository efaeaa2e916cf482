import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppEnv } from '@pay-box/api';
import type { Hono } from 'hono';
import { contentTypes, fileUnder } from './examples.js';

/** The cruscotto's Vite build, beside this server in the repository (from src/ or dist/ alike). */
const cruscottoDist = fileURLToPath(new URL('../../cruscotto/dist', import.meta.url));

/** Where the cruscotto answers, with its trailing slash: the app routes itself after `#`. */
export const CRUSCOTTO_PATH = '/cruscotto/';

/**
 * The staff's pages hold a session: nothing but this origin's own files may run or be fetched,
 * nothing inline, no framing, no referrer leaving the site.
 */
const appHeaders = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

/** Whether `npm run build` has built the cruscotto (an installed server package has no app beside it). */
export function cruscottoBuilt(): boolean {
  return existsSync(join(cruscottoDist, 'index.html'));
}

/** Serves the cruscotto's built files at `/cruscotto/`: index.html at the root, the hashed assets under it. */
export function cruscottoRoutes(app: Hono<AppEnv>): void {
  app.get('/cruscotto', (c) => c.redirect(CRUSCOTTO_PATH, 301));
  app.get(`${CRUSCOTTO_PATH}*`, (c) => {
    const path = c.req.path.slice(CRUSCOTTO_PATH.length) || 'index.html';
    const file = fileUnder(cruscottoDist, decodeURIComponent(path));
    const type = file && contentTypes[extname(file)];
    if (!file || !type) return c.text(cruscottoBuilt() ? 'Not found' : 'The cruscotto is not built: run npm run build', 404);
    // Assets carry a content hash in their name; the page itself must be read again after each build.
    const caching = path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return c.body(readFileSync(file), 200, { 'Content-Type': type, 'Cache-Control': caching, ...appHeaders });
  });
}
