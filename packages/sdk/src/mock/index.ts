/**
 * @pay-box/sdk/mock: work and test without a server. The fake runs the reference server's own engine
 * and HTTP API on an in-memory store with a sandbox bank, seeded with the same demo data, so the mock
 * and the server cannot disagree. msw handlers that expose it over HTTP are in @pay-box/sdk/mock/msw.
 */
export { createFakePayBoxServer, FAKE_BASE_URL, type FakePayBoxServer, type FakePayBoxServerOptions } from './fake-server.js';
export type { DemoCredentials } from '@pay-box/engine/demo';
