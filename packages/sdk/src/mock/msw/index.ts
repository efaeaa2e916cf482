/**
 * @pay-box/sdk/mock/msw: msw request handlers (msw 2, an optional peer dependency) that answer
 * Pay-Box calls from a fake server, for code that uses the global fetch:
 * `setupServer(...createPayBoxHandlers(fake, { baseUrl }))` (msw/node) or `setupWorker(...)` (msw/browser).
 */
import { http, type HttpHandler } from 'msw';
import { FAKE_BASE_URL, type FakePayBoxServer } from '../fake-server.js';

export function createPayBoxHandlers(fake: FakePayBoxServer, options: { baseUrl?: string } = {}): HttpHandler[] {
  const origin = (options.baseUrl ?? FAKE_BASE_URL).replace(/\/+$/, '');
  const answer = ({ request }: { request: Request }) => fake.handle(request);
  // The API, and the pages the fake serves beside it: the sandbox acquirer's card page and the receipt check.
  return [
    http.all(`${origin}/v1/*`, answer),
    http.get(`${origin}/healthz`, answer),
    http.all(`${origin}/sandbox-acquirer/*`, answer),
    http.get(`${origin}/verifica/*`, answer),
  ];
}
