import type { z } from 'zod';
import { agentReportQuerySchema } from '../contract/agent.js';
import { creditLookupRequestSchema } from '../contract/credits.js';
import { errorCatalog } from '../contract/errors.js';
import { paymentCreateRequestSchema } from '../contract/payments.js';
import { receiptFormatSchema } from '../contract/receipts.js';
import { unexpectedCreditCreateRequestSchema } from '../contract/unexpected-credits.js';
import { FakeApiError } from './fake-api-error.js';
import {
  agentBalance,
  agentReport,
  getPayment,
  getReceipt,
  lookupCredits,
  payCredit,
  payUnexpectedCredit,
  receiptPayment,
  verifyReceipt,
  type FakeContext,
  type TerminalPrincipal,
} from './fake-operations.js';
import type { FakePrincipal } from './fake-state.js';
import { receiptView } from './fake-views.js';
import { renderReceiptPdf, renderReceiptText } from './receipt-rendering.js';

const MAX_BODY_BYTES = 64 * 1024;

interface RouteInput {
  ctx: FakeContext;
  request: Request;
  url: URL;
  params: Record<string, string>;
}

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle(input: RouteInput): Promise<Response> | Response;
}

type Handler<P> = (input: RouteInput, principal: P) => Promise<Response> | Response;

function callerOf(input: RouteInput): FakePrincipal {
  const secret = /^Bearer (\S+)$/.exec(input.request.headers.get('authorization') ?? '')?.[1];
  const principal = secret === undefined ? undefined : input.ctx.state.keys.get(secret);
  if (!principal) throw new FakeApiError('unauthorized');
  return principal;
}

/** Needs no key: health and receipt verification. */
const open = (method: Route['method'], pattern: RegExp, handle: Handler<null>): Route => ({ method, pattern, handle: (input) => handle(input, null) });

/** A publishable or a terminal key. */
const anyKey = (method: Route['method'], pattern: RegExp, handle: Handler<FakePrincipal>): Route => ({
  method,
  pattern,
  handle: (input) => handle(input, callerOf(input)),
});

/** A terminal key only: publishable keys get 403. */
const terminalKey = (method: Route['method'], pattern: RegExp, handle: Handler<TerminalPrincipal>): Route => ({
  method,
  pattern,
  handle: (input) => {
    const principal = callerOf(input);
    if (principal.kind !== 'terminal') throw new FakeApiError('forbidden');
    return handle(input, principal);
  },
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

/** Writes answer 201, and say so when they replay an earlier request with the same key. */
const created = (body: unknown, replayed: boolean) => json(201, body, replayed ? { 'idempotent-replayed': 'true' } : {});

function validated<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new FakeApiError(
      'validation_failed',
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data;
}

async function jsonBody(request: Request): Promise<unknown> {
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) throw new FakeApiError('unsupported_media_type');
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new FakeApiError('payload_too_large');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FakeApiError('validation_failed', [{ path: '', message: 'the body is not valid JSON' }]);
  }
}

function idempotencyKey(request: Request): string {
  const key = request.headers.get('idempotency-key');
  if (key === null || key === '') throw new FakeApiError('idempotency_key_missing');
  if (key.length > 255) throw new FakeApiError('validation_failed', [{ path: 'Idempotency-Key', message: 'at most 255 characters' }]);
  return key;
}

function idParam(params: Record<string, string>, prefix: string): string {
  const id = params.id ?? '';
  if (!new RegExp(`^${prefix}_[0-9A-Za-z]{8,40}$`).test(id)) {
    throw new FakeApiError('validation_failed', [{ path: 'id', message: `expected an id starting with ${prefix}_` }]);
  }
  return id;
}

const routes: Route[] = [
  open('GET', /^\/healthz$/, () => json(200, { status: 'ok' })),
  anyKey('POST', /^\/v1\/credits\/lookup$/, async ({ ctx, request }, principal) =>
    json(200, { data: lookupCredits(ctx, principal, validated(creditLookupRequestSchema, await jsonBody(request))) }),
  ),
  terminalKey('POST', /^\/v1\/payments$/, async ({ ctx, request }, principal) => {
    const key = idempotencyKey(request);
    const body = validated(paymentCreateRequestSchema, await jsonBody(request));
    const { payment, replayed } = await payCredit(ctx, principal, body, key);
    return created(payment, replayed);
  }),
  terminalKey('GET', /^\/v1\/payments\/(?<id>[^/]+)$/, ({ ctx, params }, principal) => json(200, getPayment(ctx, principal, idParam(params, 'pay')))),
  open('GET', /^\/v1\/receipts\/verify\/(?<code>[^/]+)$/, ({ ctx, params }) => {
    const code = decodeURIComponent(params.code ?? '');
    if (code.length < 4 || code.length > 40) throw new FakeApiError('validation_failed', [{ path: 'code', message: '4 to 40 characters' }]);
    return json(200, verifyReceipt(ctx, code));
  }),
  terminalKey('GET', /^\/v1\/receipts\/(?<id>[^/]+)$/, ({ ctx, params, url }, principal) => {
    const format = validated(receiptFormatSchema, url.searchParams.get('format') ?? 'json');
    const receipt = receiptView(ctx.state, receiptPayment(ctx, principal, idParam(params, 'rcp')));
    if (format === 'json') return json(200, receipt);
    if (format === 'pdf') return new Response(renderReceiptPdf(receipt), { headers: { 'content-type': 'application/pdf' } });
    const text = renderReceiptText(receipt, format === 'text58' ? 32 : 48);
    return new Response(text, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }),
  anyKey('GET', /^\/v1\/services$/, ({ ctx }) => json(200, { data: ctx.state.services })),
  terminalKey('POST', /^\/v1\/unexpected-credits$/, async ({ ctx, request }, principal) => {
    const key = idempotencyKey(request);
    const body = validated(unexpectedCreditCreateRequestSchema, await jsonBody(request));
    const { replayed, ...result } = await payUnexpectedCredit(ctx, principal, body, key);
    return created(result, replayed);
  }),
  terminalKey('GET', /^\/v1\/agent\/balance$/, ({ ctx }, principal) => json(200, agentBalance(ctx, principal))),
  terminalKey('GET', /^\/v1\/agent\/report$/, ({ ctx, url }, principal) => {
    const { date } = validated(agentReportQuerySchema, { date: url.searchParams.get('date') ?? undefined });
    return json(200, agentReport(ctx, principal, date));
  }),
];

function errorResponse(error: FakeApiError, requestId: string): Response {
  const entry = errorCatalog[error.code];
  const body = { error: { code: error.code, message: entry.en, messageIt: entry.it, details: error.details, requestId } };
  const retryAfter: Record<string, string> = error.code === 'request_in_progress' ? { 'retry-after': '1' } : {};
  return json(entry.status, body, retryAfter);
}

/** Answers a request the way the reference server does: routes, keys, validation, errors, request ids. */
export function createFakeHandler(ctx: FakeContext): (request: Request) => Promise<Response> {
  return async (request) => {
    const requestId = ctx.ids.requestId();
    let response: Response;
    try {
      const url = new URL(request.url);
      const route = routes.find((candidate) => candidate.method === request.method && candidate.pattern.test(url.pathname));
      if (!route) throw new FakeApiError('not_found');
      response = await route.handle({ ctx, request, url, params: { ...route.pattern.exec(url.pathname)?.groups } });
    } catch (error) {
      response = errorResponse(error instanceof FakeApiError ? error : new FakeApiError('internal_error'), requestId);
    }
    response.headers.set('x-request-id', requestId);
    return response;
  };
}
