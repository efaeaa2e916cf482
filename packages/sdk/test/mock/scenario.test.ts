import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe } from 'vitest';
import { createFakePayBoxServer, FAKE_BASE_URL } from '@pay-box/sdk/mock';
import { createPayBoxHandlers } from '@pay-box/sdk/mock/msw';
import { definePayBoxScenario } from '../scenario.js';

// The fake waits for "the bank" like the reference server does, so a double submit meets request_in_progress.
const bankWaitMs = 150;

describe('the shared scenario against the in-memory fake, through fake.fetch', () => {
  const fake = createFakePayBoxServer({ paymentDelayMs: bankWaitMs });
  definePayBoxScenario(() => ({ credentials: fake.credentials, baseUrl: FAKE_BASE_URL, fetch: fake.fetch }));
});

describe('the shared scenario against the in-memory fake, through msw handlers and the global fetch', () => {
  const baseUrl = 'https://paybox.test';
  const fake = createFakePayBoxServer({ seed: 7, paymentDelayMs: bankWaitMs });
  const server = setupServer(...createPayBoxHandlers(fake, { baseUrl }));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  definePayBoxScenario(() => ({ credentials: fake.credentials, baseUrl, fetch: (input, init) => globalThis.fetch(input, init) }));
});
