/**
 * The stories' server: the SDK's mock (the reference server's engine and API in memory, the demo's
 * comune of Valdimonte), reached through the widgets' `client` property, so Storybook needs no server
 * and no service worker. Sessions that need a card payment (a receipt, a decline, "already paid") are
 * made on the mock as a browser would: a checkout session, then the sandbox card page's form posted.
 */
import { createPayBox, type CheckoutSession, type Credit, type PayBox } from '@pay-box/sdk';
import { makeNoticeNumber } from '@pay-box/sdk/contract';
import { createFakePayBoxServer, FAKE_BASE_URL, type FakePayBoxServer } from '@pay-box/sdk/mock';

export { FAKE_BASE_URL };

export type Locale = 'it' | 'en';
export type Theme = 'default' | 'bootstrap-italia' | 'dark';

/** The sandbox acquirer's test cards. */
export const TEST_CARDS = {
  authorised: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
} as const;

/** How the network behaves for a story. */
export type Network =
  | 'live'
  /** Every request fails as with no connection: the SDK's `network_error`. */
  | 'offline'
  /** Requests whose path matches never get an answer: the loading states. */
  | { hang: RegExp }
  /** Requests whose path matches fail as with no connection; the rest are answered. */
  | { fail: RegExp };

export interface Demo {
  fake: FakePayBoxServer;
  /** An open credit (the demo's first sample notice). */
  openCredit: Credit;
  /** A credit a shop collected already. */
  paidCredit: Credit;
  /** A debtor with several open TARI credits, as a stranger sees them (masked). */
  debtorTaxCode: string;
  sessions: {
    /** Paid by card; the transfer to the comune settled, so the receipt has its CRO/TRN. */
    succeeded: CheckoutSession;
    /** Paid by card; the bank has not answered yet, so the receipt says "in attesa". */
    succeededPending: CheckoutSession;
    declined: CheckoutSession;
    insufficientFunds: CheckoutSession;
    /** Paid at a shop while the citizen was on the card page. */
    alreadyPaid: CheckoutSession;
  };
}

let fake: FakePayBoxServer | undefined;
let heldFake: FakePayBoxServer | undefined;
let demo: Promise<Demo> | undefined;

/** The one mock of the page, created on first use; it takes this page's origin for the card page's return URL. */
export function demoServer(): FakePayBoxServer {
  return (fake ??= createFakePayBoxServer({ allowedOrigins: [location.origin] }));
}

/** A client of the mock with the demo's publishable key, in the widget's language, on the given network. */
export function client(locale: Locale, network: Network = 'live', server: FakePayBoxServer = demoServer()): PayBox {
  return createPayBox({
    baseUrl: FAKE_BASE_URL,
    apiKey: server.credentials.publishableKey,
    locale,
    maxRetries: 0,
    fetch: networkFetch(server, network),
  });
}

function networkFetch(server: FakePayBoxServer, network: Network): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (network === 'offline' || (typeof network === 'object' && 'fail' in network && network.fail.test(path))) throw new TypeError('Failed to fetch');
    if (typeof network === 'object' && 'hang' in network && network.hang.test(path)) return new Promise<Response>(() => {});
    const response = await server.fetch(request);
    return request.method === 'POST' ? withCardPageInStorybook(response) : response;
  };
}

/**
 * The acquirer's card page lives at the mock's own host (`http://paybox.mock`), which a browser cannot
 * reach: in a story, "Pay by card" goes to this page's `#paybox-card-page` instead of leaving it.
 */
async function withCardPageInStorybook(response: Response): Promise<Response> {
  if (!response.ok || !response.headers.get('content-type')?.includes('json')) return response;
  const body = (await response.json()) as { url?: unknown };
  const toCardPage = typeof body.url === 'string' && body.url.startsWith(`${FAKE_BASE_URL}/sandbox-acquirer/`);
  return Response.json(toCardPage ? { ...body, url: '#paybox-card-page' } : body, { status: response.status, headers: response.headers });
}

/** The demo's credits and card payments, made once per page. */
export function loadDemo(): Promise<Demo> {
  return (demo ??= makeDemo());
}

async function makeDemo(): Promise<Demo> {
  const server = demoServer();
  const { sampleNoticeNumbers, terminalKey } = server.credentials;
  const citizen = createPayBox({ baseUrl: FAKE_BASE_URL, apiKey: server.credentials.publishableKey, fetch: server.fetch, maxRetries: 0 });
  const shop = createPayBox({ baseUrl: FAKE_BASE_URL, apiKey: terminalKey, fetch: server.fetch, maxRetries: 0 });
  const credit = async (index: number, on: PayBox = citizen) => (await on.credits.lookup({ noticeNumber: sampleNoticeNumbers[index]! })).data[0]!;

  const openCredit = await credit(0);
  const paidCredit = await credit(1);
  await shop.payments.create({ creditId: paidCredit.id, amount: paidCredit.amount });

  const alreadyPaidCredit = await credit(5);
  const alreadyPaidSession = await startSession(citizen, alreadyPaidCredit);
  await shop.payments.create({ creditId: alreadyPaidCredit.id, amount: alreadyPaidCredit.amount });

  // A second mock whose bank holds its answers: the receipt before the CRO/TRN is known.
  heldFake ??= createFakePayBoxServer({ seed: 2, settlement: 'manual', allowedOrigins: [location.origin] });
  const heldCitizen = createPayBox({ baseUrl: FAKE_BASE_URL, apiKey: heldFake.credentials.publishableKey, fetch: heldFake.fetch, maxRetries: 0 });
  const heldCredit = (await heldCitizen.credits.lookup({ noticeNumber: heldFake.credentials.sampleNoticeNumbers[0]! })).data[0]!;

  const [succeeded, declined, insufficientFunds, alreadyPaid, succeededPending] = await Promise.all([
    payByCard(server, citizen, await credit(2), TEST_CARDS.authorised),
    payByCard(server, citizen, await credit(3), TEST_CARDS.declined),
    payByCard(server, citizen, await credit(4), TEST_CARDS.insufficientFunds),
    completeCardPage(server, citizen, alreadyPaidSession, TEST_CARDS.authorised),
    payByCard(heldFake, heldCitizen, heldCredit, TEST_CARDS.authorised),
  ]);
  return {
    fake: server,
    openCredit,
    paidCredit,
    debtorTaxCode: 'RSSMRA85T10H501O',
    sessions: { succeeded, succeededPending, declined, insufficientFunds, alreadyPaid },
  };
}

function startSession(citizen: PayBox, credit: Credit): Promise<CheckoutSession> {
  return citizen.checkoutSessions.create({ creditId: credit.id, amount: credit.amount, returnUrl: new URL('/', location.href).href, locale: 'it' });
}

async function payByCard(server: FakePayBoxServer, citizen: PayBox, credit: Credit, card: string): Promise<CheckoutSession> {
  return completeCardPage(server, citizen, await startSession(citizen, credit), card);
}

/** What the citizen's browser does on the sandbox card page: posts the card form, then comes back. */
async function completeCardPage(server: FakePayBoxServer, citizen: PayBox, session: CheckoutSession, card: string): Promise<CheckoutSession> {
  const answer = await server.fetch(`${FAKE_BASE_URL}${new URL(session.url).pathname}`, {
    method: 'POST',
    body: new URLSearchParams({ number: card, expiry: '12/30', cvc: '123', holder: 'Giulia Bianchi' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
  // 303 back to the comune's page once paid; 422 is the card page again, saying the card was declined.
  if (answer.status !== 303 && answer.status !== 422) throw new Error(`the sandbox card page answered ${answer.status}: ${(await answer.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')}`);
  return citizen.checkoutSessions.retrieve(session.id);
}

/** The stories' server for one session, so the checkout can find it where the card page sends the citizen back. */
export function serverOf(session: CheckoutSession): FakePayBoxServer {
  return heldFake && session.payment?.transfer.bankReference === null ? heldFake : demoServer();
}

/** A notice number with valid check digits that the comune does not have. */
export const UNKNOWN_NOTICE = makeNoticeNumber('47', '9999999999999');
