/**
 * @pay-box/sdk/mock: work and test without a server. An in-memory fake that answers like the
 * reference server, seeded with the same kind of demo data, and msw handlers (msw 2, an optional
 * peer dependency) that expose it over HTTP.
 */
export { createFakePayBoxServer, type FakePayBoxServer, type FakePayBoxServerOptions } from './fake-server.js';
export { createPayBoxHandlers } from './msw-handlers.js';
export { FAKE_BASE_URL } from './fake-views.js';
export type { DemoCredentials } from '../demo/index.js';
