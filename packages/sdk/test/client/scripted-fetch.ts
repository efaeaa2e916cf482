/** A fetch that answers from a script, one reply per request, and records what it was sent. */
export interface SentRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string | null;
  signal: AbortSignal | null;
  at: number;
}

/** A response, a thrown error (no answer), or `hang`: no answer at all until aborted. */
export type Reply = Response | Error | 'hang';

export function scriptedFetch(...replies: Reply[]): { fetch: typeof globalThis.fetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    sent.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : null,
      signal: init?.signal ?? null,
      at: performance.now(),
    });
    const reply = replies.shift();
    if (reply === undefined) throw new Error(`unexpected request ${init?.method} ${String(input)}: the script has no more replies`);
    if (reply === 'hang') return new Promise<Response>(() => undefined);
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { fetch, sent };
}

export const okJson = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** An error answer in the Pay-Box format. */
export function apiError(status: number, code: string, options: { details?: unknown; headers?: Record<string, string> } = {}): Response {
  const body = { error: { code, message: `${code} (en)`, messageIt: `${code} (it)`, details: options.details, requestId: `req_${code}` } };
  return okJson(body, status, { 'x-request-id': `req_${code}`, ...options.headers });
}

export const networkError = () => new TypeError('fetch failed');

/** A payment as the API returns it. */
export const samplePayment = {
  id: 'pay_0000000000000001',
  status: 'succeeded',
  channel: 'agent',
  creditId: 'crd_0000000000000001',
  comuneId: 'com_0000000000000001',
  agentId: 'agt_0000000000000001',
  terminalId: 'trm_0000000000000001',
  noticeNumber: '301000000000000144',
  iuv: '01000000000000144',
  serviceCode: 'TARI',
  description: 'TARI 2026',
  amount: 14_350,
  fee: 150,
  total: 14_500,
  floatDebited: 14_400,
  currency: 'EUR',
  createdAt: '2026-11-26T09:00:00.000Z',
  receipt: { id: 'rcp_0000000000000001', number: '2026-000001', verificationCode: 'K7QF-3MZP-W2HD' },
  transfer: { id: 'trf_0000000000000001', status: 'settled', bankReference: 'PBXSBX20261126000000000001', settledAt: '2026-11-26T09:00:01.000Z' },
};

export const paymentInput = { creditId: samplePayment.creditId, amount: samplePayment.amount };
