import { http, type HttpHandler } from 'msw';
import type { FakePayBoxServer } from './fake-server.js';
import { FAKE_BASE_URL } from './fake-views.js';

/**
 * msw request handlers that answer Pay-Box calls from a fake server, for code that uses the
 * global fetch: `setupServer(...createPayBoxHandlers(fake, { baseUrl }))` (msw/node) or
 * `setupWorker(...)` (msw/browser).
 */
export function createPayBoxHandlers(fake: FakePayBoxServer, options: { baseUrl?: string } = {}): HttpHandler[] {
  const origin = (options.baseUrl ?? FAKE_BASE_URL).replace(/\/+$/, '');
  return [http.all(`${origin}/v1/*`, ({ request }) => fake.handle(request)), http.get(`${origin}/healthz`, ({ request }) => fake.handle(request))];
}
