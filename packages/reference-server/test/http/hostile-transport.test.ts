import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStaffPath, MAX_BODY_BYTES, operations, type OperationId } from '@pay-box/api';
import { freshKey, lookupNotice } from '../support/demo-flow.js';
import { expectApiError, expectRefusedWithoutWrites, type ApiRequest } from '../support/expect-api-error.js';
import { sampleRequests } from '../support/operation-samples.js';
import { eventually } from '../support/eventually.js';
import { postWithoutFinishing } from '../support/partial-upload.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// What comes around the input: content types, bodies that are not JSON or far too large,
// Idempotency-Key and X-Request-Id headers, and addresses that lead nowhere.

let server: TestServer;
/** The server's log, parsed: what an operator's alerting reads. */
const logged: Array<Record<string, unknown>> = [];
beforeAll(async () => {
  server = await startTestServer({ logLine: (line) => logged.push(JSON.parse(line) as Record<string, unknown>) });
});
afterAll(async () => {
  await server?.dispose();
});

/** The operations called with API keys: the staff API's session, CSRF and roles have their own suite (staff-access). */
const operationIds = (Object.keys(operations) as OperationId[]).filter((id) => !isStaffPath(operations[id].path));
const withBody = operationIds.filter((id) => sampleRequests[id].body !== undefined);
const idempotent = operationIds.filter((id) => operations[id].idempotent);

/** A key the operation takes: a terminal's, or the publishable key for the web's own operations. */
const keyFor = (id: OperationId): string => ((operations[id].security as readonly string[]).includes('terminalKey') ? server.demo.terminalKey : server.demo.publishableKey);

/** The operation's sample request with a key it takes, and a fresh Idempotency-Key where it takes one. */
const sample = (id: OperationId, overrides: Partial<ApiRequest> = {}): ApiRequest => ({
  ...sampleRequests[id],
  key: keyFor(id),
  ...(operations[id].idempotent ? { idempotencyKey: freshKey(id) } : {}),
  ...overrides,
});

describe.each(withBody)('%s refuses bodies that are not JSON', (operation) => {
  it.each([
    ['text/plain', '{}'],
    ['application/x-www-form-urlencoded', 'amount=1500'],
    ['multipart/form-data; boundary=x', '--x--'],
    ['application/jsonp', '{}'],
    ['an empty Content-Type', '{}'],
  ])('Content-Type %s -> 415', async (contentType, rawBody) => {
    const headers = { 'content-type': contentType === 'an empty Content-Type' ? '' : contentType };
    await expectRefusedWithoutWrites(server, sample(operation, { body: undefined, rawBody, headers }), { operation, code: 'unsupported_media_type' });
  });

  // A well-formed body that would be served (and paid) as application/json: only the media type is wrong.
  it.each([
    'application/json-seq',
    'application/json, text/plain',
    'text/plain, application/json',
    'application/problem+json',
    'application/vnd.paybox+json',
    'application/json; charset=iso-8859-1',
  ])('Content-Type %s with a valid body -> 415', async (contentType) => {
    const rawBody = JSON.stringify(sampleRequests[operation].body);
    await expectRefusedWithoutWrites(server, sample(operation, { body: undefined, rawBody, headers: { 'content-type': contentType } }), {
      operation,
      code: 'unsupported_media_type',
    });
  });

  it.each(['application/json; charset=utf-8', 'Application/JSON', 'application/json;charset="UTF-8"'])(
    'Content-Type %s is served as application/json',
    async (contentType) => {
      const send = (headers: Record<string, string>) => {
        const { path, ...options } = sample(operation, { headers });
        return server.api(path, options);
      };
      const plain = await send({});
      const response = await send({ 'content-type': contentType });
      expect(response.status, response.text).toBe(plain.status);
      expect(response.status).not.toBe(415);
      expect(response.body?.error?.code).toBe(plain.body?.error?.code);
    },
  );

  it.each([
    ['broken JSON', '{"amount":'],
    ['an empty body', ''],
    ['trailing garbage', '{} x'],
    ['a NaN literal', '{"amount":NaN}'],
    ['single quotes', "{'amount':1500}"],
    ['a comment', '{/* hi */}'],
  ])('%s -> validation_failed', async (_name, rawBody) => {
    await expectRefusedWithoutWrites(server, sample(operation, { body: undefined, rawBody }), { operation, code: 'validation_failed', field: '' });
  });
});

describe.each(withBody)('%s refuses a 2 MB body without reading it whole', (operation) => {
  const twoMegabytes = 2 * 1024 * 1024;
  const headers = () => ({
    'content-type': 'application/json',
    authorization: `Bearer ${keyFor(operation)}`,
    ...(operations[operation].idempotent ? { 'idempotency-key': freshKey(operation) } : {}),
  });

  it.each([
    ['announced by Content-Length, 1 KB sent', { declaredBytes: twoMegabytes, sentBytes: 1024 }],
    ['chunked, 2 x the limit sent', { sentBytes: 2 * MAX_BODY_BYTES }],
  ])('%s -> 413, and the server stays up', async (_name, upload) => {
    const before = await server.tableCounts();
    const response = await postWithoutFinishing(`${server.url}${sampleRequests[operation].path}`, { headers: headers(), ...upload });
    expectApiError(response, { operation, code: 'payload_too_large' });
    expect(await server.tableCounts()).toEqual(before);

    expect((await server.api('/healthz')).status).toBe(200);
    expect((await lookupNotice(server, server.demo.sampleNoticeNumbers[0]!)).status).toBe('open');
  });
});

describe.each(withBody)('%s: a client that hangs up mid-upload', (operation) => {
  it.each([
    ['announced by Content-Length', { declaredBytes: 1024, sentBytes: 10 }],
    ['chunked', { sentBytes: 10 }],
  ])('%s: is logged as a client abort, never as a server error, and the server stays up', async (_name, upload) => {
    const requestId = freshKey(`abort-${operation}`).slice(0, 64);
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${keyFor(operation)}`,
      'x-request-id': requestId,
      ...(operations[operation].idempotent ? { 'idempotency-key': freshKey(operation) } : {}),
    };
    const before = await server.tableCounts();
    // The client gives up after 300 ms and closes its socket with the body unfinished.
    await expect(postWithoutFinishing(`${server.url}${sampleRequests[operation].path}`, { headers, ...upload, timeoutMs: 300 })).rejects.toThrow(/no answer/);

    const access = await eventually(() => logged.find((entry) => entry.msg === 'request' && entry.requestId === requestId), 5_000, 'the access log line');
    expect(access.status, 'the client closed the request: 499, not a 5xx').toBe(499);
    const lines = logged.filter((entry) => entry.requestId === requestId);
    expect(lines.filter((entry) => entry.level === 'error')).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'client aborted the request', requestId }));
    expect(await server.tableCounts(), 'nothing written').toEqual(before);

    expect((await server.api('/healthz')).status).toBe(200);
    expect((await lookupNotice(server, server.demo.sampleNoticeNumbers[0]!)).status).toBe('open');
  });
});

describe.each(idempotent)('%s checks its Idempotency-Key', (operation) => {
  it.each([
    ['missing', undefined, 'idempotency_key_missing'],
    ['of 256 characters', 'k'.repeat(256), 'validation_failed'],
    ['with a space', 'two words', 'validation_failed'],
    ['with a Latin-1 letter', 'chiave-\u00e8', 'validation_failed'],
    ['with a tab', 'tab\tkey', 'validation_failed'],
  ] as const)('%s -> %s', async (_name, idempotencyKey, code) => {
    const response = await expectRefusedWithoutWrites(server, sample(operation, { idempotencyKey }), { operation, code, field: 'Idempotency-Key' });
    if (code === 'idempotency_key_missing') expect(response.body).not.toHaveProperty('error.details');
  });

  it('takes a key of exactly 255 characters: only the empty body is refused', async () => {
    const response = await expectRefusedWithoutWrites(server, sample(operation, { body: {}, idempotencyKey: freshKey('k').padEnd(255, 'k') }), {
      operation,
      code: 'validation_failed',
    });
    expect(response.body.error.details).not.toContainEqual(expect.objectContaining({ path: 'Idempotency-Key' }));
  });
});

describe('X-Request-Id', () => {
  it.each([
    ['markup', '<script>alert(1)</script>'],
    ['a header injection attempt', 'abcdefgh%0d%0aSet-Cookie:x=1'],
    ['65 characters', 'r'.repeat(65)],
    ['7 characters', 'short12'],
  ])('a caller id with %s is replaced by one of ours', async (_name, callerId) => {
    const response = await server.api('/v1/credits/lookup', { body: {}, headers: { 'x-request-id': callerId } });
    expectApiError(response, { operation: 'lookupCredits', code: 'validation_failed' });
    expect(response.headers.get('x-request-id')).not.toBe(callerId);
    expect(response.text).not.toContain(callerId);
  });

  it('a sane caller id is kept, so logs on both sides line up', async () => {
    const response = await server.api('/v1/credits/lookup', { body: {}, headers: { 'x-request-id': 'pos-7f3a-000123' } });
    expectApiError(response, { operation: 'lookupCredits', code: 'validation_failed' });
    expect(response.headers.get('x-request-id')).toBe('pos-7f3a-000123');
  });
});

describe('addresses that lead nowhere', () => {
  it.each<[string, string, ApiRequest]>([
    ['an unknown /v1 path', 'GET', { path: '/v1/nope' }],
    ['a list of payments (not offered)', 'GET', { path: '/v1/payments' }],
    ['a payment id with a trailing path', 'GET', { path: '/v1/payments/pay_0000000000000000/refund' }],
    ['DELETE on a payment', 'DELETE', { path: '/v1/payments/pay_0000000000000000' }],
    ['PUT on payments', 'PUT', { path: '/v1/payments', body: {} }],
    ['GET on a POST-only path', 'GET', { path: '/v1/unexpected-credits' }],
    ['an empty verification code', 'GET', { path: '/v1/receipts/verify/' }],
    ['a traversal out of /v1', 'GET', { path: '/v1/%2e%2e/%2e%2e/etc/passwd' }],
    ['a dotfile', 'GET', { path: '/.env' }],
    ['an unknown version', 'GET', { path: '/v2/services' }],
    ['an unknown path without a key', 'GET', { path: '/v1/admin', key: null }],
  ])('%s (%s) -> 404 not_found', async (_name, method, request) => {
    await expectRefusedWithoutWrites(server, { ...request, method }, { code: 'not_found' });
  });
});
