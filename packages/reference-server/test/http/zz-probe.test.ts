import { afterAll, beforeAll, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.dispose(); });

it('probe', async () => {
  const show = async (label: string, p: Promise<{ status: number; text: string; headers: Headers }>) => {
    try { const r = await p; console.log(label, r.status, r.text.slice(0, 250)); } catch (e) { console.log(label, 'THROW', String(e)); }
  };
  await show('pct', server.api('/v1/payments/%'));
  await show('pct2', server.api('/v1/payments/%E0%A4%A'));
  await show('pctverify', server.api('/v1/receipts/verify/%E0%A4%A', { key: null }));
  await show('nul', server.api('/v1/payments/pay_%00aaaaaaaa'));
  await show('qpct', server.api('/v1/agent/report?date=%'));
  await show('qarr', server.api('/v1/agent/report?date=2026-01-01&date=2026-01-02'));
  await show('qproto', server.api('/v1/agent/report?__proto__=x&date=2026-01-01'));
  await show('longpath', server.api('/v1/payments/pay_' + 'a'.repeat(20000)));
  await show('latin1key', server.api('/v1/payments', { body: { creditId: 'crd_aaaaaaaa', amount: 1 }, idempotencyKey: 'cl\u00e9' }));
  await show('spacekey', server.api('/v1/payments', { body: { creditId: 'crd_aaaaaaaa', amount: 1 }, idempotencyKey: 'a b' }));
  await show('bearer-empty', server.api('/v1/services', { key: null, headers: { authorization: 'Bearer ' } }));
  await show('bearer-basic', server.api('/v1/services', { key: null, headers: { authorization: 'Basic dXNlcjpwYXNz' } }));
  await show('bearer-two', server.api('/v1/services', { key: null, headers: { authorization: `Bearer ${server.demo.terminalKey} extra` } }));
  await show('bearer-lower', server.api('/v1/services', { key: null, headers: { authorization: `bearer ${server.demo.terminalKey}` } }));
  await show('origin-ok', server.api('/v1/services', { key: server.demo.publishableKey, headers: { origin: 'http://localhost:5173' } }));
  await show('origin-bad', server.api('/v1/services', { key: server.demo.publishableKey, headers: { origin: 'https://evil.example' } }));
  await show('origin-null', server.api('/v1/services', { key: server.demo.publishableKey, headers: { origin: 'null' } }));
  await show('origin-terminal', server.api('/v1/services', { headers: { origin: 'https://evil.example' } }));
  await show('jsonp', server.api('/v1/credits/lookup', { rawBody: '{}', headers: { 'content-type': 'application/jsonp' } }));
  await show('form', server.api('/v1/credits/lookup', { rawBody: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
  await show('nocontenttype', fetch(`${server.url}/v1/credits/lookup`, { method: 'POST', body: new Uint8Array([123, 125]), headers: { authorization: `Bearer ${server.demo.terminalKey}` } }).then(async r => ({ status: r.status, headers: r.headers, text: await r.text() })));
  await show('put', server.api('/v1/payments/pay_aaaaaaaa', { method: 'PUT', body: {} }));
  await show('options', server.api('/v1/payments', { method: 'OPTIONS', key: null, headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } }));
});
