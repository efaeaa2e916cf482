import { z } from 'zod';
import { agentReportQuerySchema } from '../contract/agent.js';
import { creditLookupRequestSchema } from '../contract/credits.js';
import { errorCatalog, type FieldIssue } from '../contract/errors.js';
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
import { renderReceiptText } from '../receipts/render-text.js';
import { renderReceiptPdf } from './fake-receipt-pdf.js';

/** Who may call: no key, a publishable or terminal key, or a terminal key only (others get 403). */
type Security = 'none' | 'anyKey' | 'terminalKey';

type PrincipalFor<S extends Security> = S extends 'terminalKey' ? TerminalPrincipal : S extends 'anyKey' ? FakePrincipal : undefined;

interface Input<S extends Security, P, Q, B> {
  ctx: FakeContext;
  principal: PrincipalFor<S>;
  params: P;
  query: Q;
  body: B;
  idempotencyKey: string;
}

/** One operation as the reference server mounts it: security, Idempotency-Key, then params, query and body validated by the contract. */
interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  answer(ctx: FakeContext, request: Request, url: URL, principal: FakePrincipal | undefined): Promise<Response>;
}

function route<S extends Security, P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
  method: Route['method'],
  pattern: RegExp,
  spec: { security: S; idempotent?: boolean; params?: P; query?: Q; body?: B },
  handle: (input: Input<S, z.output<P>, z.output<Q>, z.output<B>>) => Response | Promise<Response>,
): Route {
  return {
    method,
    pattern,
    async answer(ctx, request, url, principal) {
      if (spec.security !== 'none') {
        if (!principal) throw new FakeApiError('unauthorized');
        if (spec.security === 'terminalKey' && principal.kind !== 'terminal') {
          throw new FakeApiError('forbidden', { reason: 'this operation needs a terminalKey' });
        }
      }
      const idempotencyKey = spec.idempotent ? checkedIdempotencyKey(request) : '';
      const segments = Object.entries(pattern.exec(url.pathname)?.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]);
      const params = parse(spec.params, Object.fromEntries(segments), 'params');
      const query = parse(spec.query, Object.fromEntries(url.searchParams), 'query');
      const body = spec.body ? parse(spec.body, await jsonBody(request), '') : undefined;
      return handle({ ctx, principal: principal as PrincipalFor<S>, params, query, body, idempotencyKey } as Input<S, z.output<P>, z.output<Q>, z.output<B>>);
    },
  };
}

/** Zod's issues as field issues; a strict object's unknown keys get one issue each, at their own path. */
function zodIssues(error: z.ZodError, prefix: string): FieldIssue[] {
  const dotted = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.');
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: dotted([...issue.path, key]), message: 'unknown field' }))
      : [{ path: dotted(issue.path), message: issue.message }],
  );
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, prefix: string): z.output<T> {
  if (!schema) return undefined as z.output<T>;
  const result = schema.safeParse(value);
  if (!result.success) throw new FakeApiError('validation_failed', zodIssues(result.error, prefix));
  return result.data;
}

async function jsonBody(request: Request): Promise<unknown> {
  if (!/^application\/(.+\+)?json\b/i.test(request.headers.get('content-type') ?? '')) throw new FakeApiError('unsupported_media_type');
  const text = await request.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FakeApiError('validation_failed', [{ path: '', message: 'the body is not valid JSON' }]);
  }
}

function checkedIdempotencyKey(request: Request): string {
  const key = request.headers.get('idempotency-key') ?? '';
  if (!key) throw new FakeApiError('idempotency_key_missing');
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new FakeApiError('validation_failed', [{ path: 'Idempotency-Key', message: '1 to 255 visible ASCII characters' }]);
  }
  return key;
}

const idParams = (prefix: string) => z.object({ id: z.string().regex(new RegExp(`^${prefix}_[0-9A-Za-z]{8,40}$`)) });

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

/** Writes answer 201, and say so when they replay an earlier request with the same key. */
const created = (body: unknown, replayed: boolean) => json(201, body, replayed ? { 'idempotent-replayed': 'true' } : {});

const routes: Route[] = [
  route('GET', /^\/healthz$/, { security: 'none' }, () => json(200, { status: 'ok' })),
  route('POST', /^\/v1\/credits\/lookup$/, { security: 'anyKey', body: creditLookupRequestSchema }, ({ ctx, principal, body }) =>
    json(200, { data: lookupCredits(ctx, principal, body) }),
  ),
  route(
    'POST',
    /^\/v1\/payments$/,
    { security: 'terminalKey', idempotent: true, body: paymentCreateRequestSchema },
    async ({ ctx, principal, body, idempotencyKey }) => {
      const { payment, replayed } = await payCredit(ctx, principal, body, idempotencyKey);
      return created(payment, replayed);
    },
  ),
  route('GET', /^\/v1\/payments\/(?<id>[^/]+)$/, { security: 'terminalKey', params: idParams('pay') }, ({ ctx, principal, params }) =>
    json(200, getPayment(ctx, principal, params.id)),
  ),
  // Before /receipts/{id}, so that "verify" is never taken for an id.
  route(
    'GET',
    /^\/v1\/receipts\/verify\/(?<code>[^/]+)$/,
    { security: 'none', params: z.object({ code: z.string().min(4).max(40) }) },
    ({ ctx, params }) => json(200, verifyReceipt(ctx, params.code)),
  ),
  route(
    'GET',
    /^\/v1\/receipts\/(?<id>[^/]+)$/,
    { security: 'terminalKey', params: idParams('rcp'), query: z.object({ format: receiptFormatSchema.default('json') }) },
    ({ ctx, principal, params, query }) => {
      if (query.format === 'json') return json(200, getReceipt(ctx, principal, params.id));
      const receipt = receiptView(ctx.state, receiptPayment(ctx, principal, params.id));
      if (query.format === 'pdf') return new Response(renderReceiptPdf(receipt), { headers: { 'content-type': 'application/pdf' } });
      const text = renderReceiptText(receipt, query.format === 'text58' ? 32 : 48);
      return new Response(text, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
    },
  ),
  route('GET', /^\/v1\/services$/, { security: 'anyKey' }, ({ ctx }) => json(200, { data: ctx.state.services })),
  route(
    'POST',
    /^\/v1\/unexpected-credits$/,
    { security: 'terminalKey', idempotent: true, body: unexpectedCreditCreateRequestSchema },
    async ({ ctx, principal, body, idempotencyKey }) => {
      const { replayed, ...result } = await payUnexpectedCredit(ctx, principal, body, idempotencyKey);
      return created(result, replayed);
    },
  ),
  route('GET', /^\/v1\/agent\/balance$/, { security: 'terminalKey' }, ({ ctx, principal }) => json(200, agentBalance(ctx, principal))),
  route('GET', /^\/v1\/agent\/report$/, { security: 'terminalKey', query: agentReportQuerySchema }, ({ ctx, principal, query }) =>
    json(200, agentReport(ctx, principal, query.date)),
  ),
];

/** `Authorization: Bearer <key>`: a wrong key is refused at once, no key leaves the caller unknown. */
function callerOf(ctx: FakeContext, request: Request): FakePrincipal | undefined {
  const header = request.headers.get('authorization');
  if (header === null) return undefined;
  const secret = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const principal = secret === undefined ? undefined : ctx.state.keys.get(secret);
  if (!principal) throw new FakeApiError('unauthorized');
  return principal;
}

const RETRY_AFTER_SECONDS: Partial<Record<FakeApiError['code'], number>> = { request_in_progress: 1 };

function errorResponse(error: FakeApiError, requestId: string): Response {
  const entry = errorCatalog[error.code];
  const body = { error: { code: error.code, message: entry.en, messageIt: entry.it, details: error.details, requestId } };
  const retryAfter = RETRY_AFTER_SECONDS[error.code];
  return json(entry.status, body, retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) });
}

/** Answers a request the way the reference server does: routes, keys, validation, errors, request ids. */
export function createFakeHandler(ctx: FakeContext): (request: Request) => Promise<Response> {
  return async (request) => {
    const requestId = ctx.ids.requestId();
    let response: Response;
    try {
      const url = new URL(request.url);
      const principal = callerOf(ctx, request);
      const match = routes.find((candidate) => candidate.method === request.method && candidate.pattern.test(url.pathname));
      if (!match) throw new FakeApiError('not_found');
      response = await match.answer(ctx, request, url, principal);
    } catch (error) {
      response = errorResponse(error instanceof FakeApiError ? error : new FakeApiError('internal_error'), requestId);
    }
    response.headers.set('x-request-id', requestId);
    return response;
  };
}
