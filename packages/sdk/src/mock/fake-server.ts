import { createApiApp } from '@pay-box/api';
import { createEngine, MemoryBankBook, MemoryStore, pbkdf2PasswordHasher, SandboxAcquirer, SandboxBank } from '@pay-box/engine';
import { DEMO_FLOAT, demoStaff, INSTITUTION_NAME, type DemoCredentials } from '@pay-box/engine/demo';
import { seededIds } from './seeded-ids.js';

/** The fake has no host of its own: receipts and the msw handlers use this one unless told otherwise. */
export const FAKE_BASE_URL = 'http://paybox.mock';

export interface FakePayBoxServerOptions {
  /** Seed of ids, keys, verification codes and request ids: the same seed gives the same fake. Default 1. */
  seed?: number;
  /** The fake's clock. Default: the real time. */
  now?: () => Date;
  /**
   * `immediate` (default): the bank answers before the payment response, so it carries the CRO/TRN.
   * `manual`: transfers stay `pending` (receipts print "in attesa") until settleTransfers().
   */
  settlement?: 'immediate' | 'manual';
  /** Float of each demo shop at the start, in cents. Default 500 000 (EUR 5,000.00), as on the reference server; lower it to meet insufficient_float. */
  initialFloat?: number;
  /** How long the bank takes to answer a transfer, as on the server: a second request with the same key meanwhile gets 409 request_in_progress. Default 0. */
  paymentDelayMs?: number;
  /** Origins a browser may call with the demo's publishable key, besides the demo's own (e.g. your Storybook's). */
  allowedOrigins?: string[];
}

/** An in-memory Pay-Box server: the reference server's engine and HTTP API on an in-memory store, for tests and offline work. */
export interface FakePayBoxServer {
  /** Keys and ids of the demo data, in the shape of the reference server's demo-credentials.json. */
  readonly credentials: DemoCredentials;
  /** Answers one request. */
  handle(request: Request): Promise<Response>;
  /** A fetch that answers from the fake, whatever the host: `createPayBox({ baseUrl, apiKey, fetch: fake.fetch })`. */
  readonly fetch: typeof fetch;
  /** The bank answers every pending transfer (settlement `manual`); resolves with how many it settled once they are recorded. */
  settleTransfers(): Promise<number>;
}

/** Demo users of the fake are never real: a cheap password hash keeps creating fakes fast. */
const DEMO_PASSWORD_ITERATIONS = 1_000;

export function createFakePayBoxServer(options: FakePayBoxServerOptions = {}): FakePayBoxServer {
  const ids = seededIds(options.seed ?? 1);
  const now = options.now ?? (() => new Date());
  const bank = new SandboxBank({
    book: new MemoryBankBook(),
    latencyMs: options.paymentDelayMs ?? 0,
    answers: options.settlement === 'manual' ? 'held' : 'instant',
    now,
  });
  // Card payments work offline too: the acquirer's hosted page is served by the fake, at its own host.
  const acquirer = new SandboxAcquirer({ secret: `pay-box-mock-acquirer-${options.seed ?? 1}-${'x'.repeat(32)}`, publicUrl: () => FAKE_BASE_URL, now, ids });
  const engine = createEngine({
    store: new MemoryStore(),
    rail: bank,
    acquirer,
    settings: { publicUrl: FAKE_BASE_URL, institutionName: INSTITUTION_NAME, transferWaitMs: 5_000 },
    clock: { now },
    ids,
    passwords: pbkdf2PasswordHasher(DEMO_PASSWORD_ITERATIONS),
  });
  const plan = engine.demo.plan({
    staffPassword: demoStaff.password,
    initialFloat: options.initialFloat ?? DEMO_FLOAT,
    extraOrigins: options.allowedOrigins ?? [],
  });
  // The demo's payment of the day before is answered by the bank before the fake answers anyone.
  const ready = engine.demo.apply(plan).then(() => engine.transfers.idle());
  const app = createApiApp(engine, { version: 'mock', sandboxAcquirer: acquirer });
  const handle = async (request: Request) => {
    await ready;
    return app.fetch(request);
  };
  return {
    credentials: plan.credentials,
    handle,
    fetch: (input, init) => handle(new Request(input, init)),
    async settleTransfers() {
      await ready;
      // The engine records the bank's notifications in the background; recording each answer here as
      // well (a repeat changes nothing) means the transfers are settled when this resolves.
      const settled = bank.settleProcessing();
      await Promise.all(settled.map((transfer) => engine.transfers.recordAnswer(transfer.endToEndId, { outcome: 'settled', bankReference: transfer.bankReference! })));
      return settled.length;
    },
  };
}
