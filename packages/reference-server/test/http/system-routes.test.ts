import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApp } from '@pay-box/api';
import { faultyStore, type FaultyStore } from '../support/faulty-store.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('health, OpenAPI, reference page and unexpected failures', () => {
  let server: TestServer;
  let store: FaultyStore;
  const logLines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ logLine: (line) => logLines.push(line), wrapStore: (real) => (store = faultyStore(real)) });
  });
  afterAll(() => server.dispose());

  it('while shutting down, a request that still arrives gets 503 service_unavailable with Retry-After and Connection: close', async () => {
    const draining = createApiApp(server.engine, { version: 'test', isDraining: () => true });
    const response = await draining.request('/v1/services', { headers: { authorization: `Bearer ${server.demo.terminalKey}` } });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('service_unavailable');
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('connection')).toBe('close');
  });

  it('GET /healthz reports the database and the outbox', async () => {
    const health = await server.api('/healthz', { key: null });
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: 'ok', outbox: { pending: 0 } });
  });

  it('GET /healthz answers 503 when the database cannot be read, so a load balancer takes the instance out', async () => {
    store.failReads(new Error('database is locked'));
    try {
      const health = await server.api('/healthz', { key: null });
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'unavailable', database: 'unavailable' });
      expect(health.text).not.toContain('locked');
    } finally {
      store.heal();
    }
  });

  it('serves a valid OpenAPI 3.1 document and the reference page built from it', async () => {
    const document = (await server.api('/openapi.json', { key: null })).body;
    expect(document.openapi).toBe('3.1.0');
    // PORT=0: the document names the port actually bound, not :0.
    expect(document.servers[0].url).toBe(server.url);
    const result = await validate(structuredClone(document));
    expect(result.valid).toBe(true);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/credits/lookup', '/v1/payments', '/v1/payments/{id}', '/v1/receipts/{id}', '/v1/receipts/verify/{code}', '/v1/services', '/v1/unexpected-credits', '/v1/agent/balance', '/v1/agent/report']),
    );
    const page = await server.api('/docs', { key: null });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain('/v1/unexpected-credits');
  });

  it('an unexpected failure is a 500 with a request id in the body and the log, and no stack trace', async () => {
    store.failReads(new Error('disk on fire at /var/lib/secret/path'));
    try {
      const response = await server.api('/v1/services');
      expect(response.status).toBe(500);
      expect(response.body.error.code).toBe('internal_error');
      const { requestId } = response.body.error;
      expect(response.headers.get('x-request-id')).toBe(requestId);
      expect(response.text).not.toMatch(/disk on fire|secret|at .*\.ts/);
      const logged = logLines.map((line) => JSON.parse(line)).find((entry) => entry.level === 'error' && entry.requestId === requestId);
      expect(logged?.error).toMatch(/disk on fire/);
    } finally {
      store.heal();
    }
  });

  it('logs one JSON line per request with its request id, and never the body', async () => {
    await server.api('/v1/credits/lookup', { body: { debtorTaxCode: 'RSSMRA85T10H501O', serviceCode: 'TARI' }, headers: { 'x-request-id': 'trace-1234-abcd' } });
    const entry = logLines.map((line) => JSON.parse(line)).find((e) => e.requestId === 'trace-1234-abcd');
    expect(entry).toMatchObject({ level: 'info', msg: 'request', method: 'POST', path: '/v1/credits/lookup', status: 200 });
    expect(logLines.join('\n')).not.toContain('RSSMRA85T10H501O');
  });
});
