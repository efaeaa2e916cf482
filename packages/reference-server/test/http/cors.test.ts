import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

// A comune's page on its own origin calls the API with the publishable key: the browser asks first.
describe('cross-origin calls from a web page', () => {
  let server: TestServer;
  const page = 'http://localhost:5173';
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('answers the preflight with the methods and headers a page may send, cached ten minutes', async () => {
    const response = await fetch(`${server.url}/v1/credits/lookup`, {
      method: 'OPTIONS',
      headers: { origin: page, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': page,
      'access-control-allow-methods': 'GET,POST,OPTIONS',
      'access-control-allow-headers': 'Authorization,Content-Type,Idempotency-Key,X-Request-Id',
      'access-control-max-age': '600',
    });
  });

  it('lets the page read answers and errors alike, with the headers it needs exposed', async () => {
    const lookup = (body: unknown) => server.api('/v1/credits/lookup', { key: server.demo.publishableKey, body, headers: { origin: page } });
    for (const response of [await lookup({ noticeNumber: server.demo.sampleNoticeNumbers[0] }), await lookup({ noticeNumber: '1' })]) {
      expect(response.headers.get('access-control-allow-origin')).toBe(page);
      expect(response.headers.get('access-control-expose-headers')).toBe('X-Request-Id,Idempotent-Replayed,Retry-After');
      expect(response.headers.get('vary')).toContain('Origin');
    }
  });

  it('gives a page of another origin the headers, but its key no data', async () => {
    const response = await server.api('/v1/credits/lookup', { key: server.demo.publishableKey, body: { noticeNumber: server.demo.sampleNoticeNumbers[0] }, headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
    expect(response.text).not.toContain('noticeNumber');
  });
});
