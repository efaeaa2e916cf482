import { DEMO_FLOAT } from '../demo/index.js';
import { createFakeHandler } from './fake-http.js';
import { settleTransfer, type FakeContext } from './fake-operations.js';
import type { DemoCredentials } from '../demo/index.js';
import { createDemoState } from './fake-state.js';
import { seededIds } from './seeded-random.js';

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
  /** How long a new payment takes to answer, as the server waits for the bank; a second request with the same key meanwhile gets 409 request_in_progress. Default 0. */
  paymentDelayMs?: number;
}

/** An in-memory Pay-Box server that answers like the reference server, for tests and offline work. */
export interface FakePayBoxServer {
  /** Keys and ids of the demo data, in the shape of the reference server's demo-credentials.json. */
  readonly credentials: DemoCredentials;
  /** Answers one request. */
  handle(request: Request): Promise<Response>;
  /** A fetch that answers from the fake, whatever the host: `createPayBox({ baseUrl, apiKey, fetch: fake.fetch })`. */
  readonly fetch: typeof fetch;
  /** The bank answers every pending transfer (settlement `manual`); returns how many it settled. */
  settleTransfers(): number;
}

export function createFakePayBoxServer(options: FakePayBoxServerOptions = {}): FakePayBoxServer {
  const ids = seededIds(options.seed ?? 1);
  const now = options.now ?? (() => new Date());
  const ctx: FakeContext = {
    state: createDemoState(ids, now(), options.initialFloat ?? DEMO_FLOAT),
    ids,
    now,
    settlement: options.settlement ?? 'immediate',
    paymentDelayMs: options.paymentDelayMs ?? 0,
  };
  const handle = createFakeHandler(ctx);
  return {
    credentials: ctx.state.credentials,
    handle,
    fetch: (input, init) => handle(new Request(input, init)),
    settleTransfers() {
      const pending = [...ctx.state.payments.values()].filter((payment) => payment.transfer.status === 'pending');
      for (const payment of pending) settleTransfer(ctx, payment);
      return pending.length;
    },
  };
}
