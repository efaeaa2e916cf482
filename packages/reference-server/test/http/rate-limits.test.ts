import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLookupLimits as LOOKUP_LIMITS, VERIFY_LIMIT } from '@pay-box/api';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('rate limits stop enumeration', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it(`a key may look up by tax code ${LOOKUP_LIMITS.byTaxCode} times a minute, then gets 429 with Retry-After; other keys are not affected`, async () => {
    const byTaxCode = (key?: string) =>
      server.api('/v1/credits/lookup', { body: { debtorTaxCode: 'RSSMRA85T10H501O', serviceCode: 'TARI' }, ...(key ? { key } : {}) });
    for (let i = 0; i < LOOKUP_LIMITS.byTaxCode; i++) expect((await byTaxCode()).status).toBe(200);
    const limited = await byTaxCode();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Lookups by notice number go on, and another shop's key has its own budget.
    expect((await server.api('/v1/credits/lookup', { body: { noticeNumber: server.demo.sampleNoticeNumbers[0] } })).status).toBe(200);
    expect((await byTaxCode(server.demo.otherTerminalKey)).status).toBe(200);
  });

  it(`receipt checks are limited to ${VERIFY_LIMIT} a minute per client`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= VERIFY_LIMIT; i++) statuses.push((await server.api('/v1/receipts/verify/AAAA-BBBB-CCCC', { key: null })).status);
    expect(statuses.slice(0, VERIFY_LIMIT).every((status) => status === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
