import type { Payment } from '@pay-box/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshKey, lookupNotice, pay } from '../support/demo-flow.js';
import { drainFloat } from '../../../../test-support/float.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('retries and races never pay twice', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('replaying the same Idempotency-Key returns the same payment and writes nothing', async () => {
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[0]!);
    const idempotencyKey = freshKey('replay');
    const first = await pay(server, credit, { idempotencyKey });
    const counts = await server.tableCounts();
    const replay = await pay(server, credit, { idempotencyKey });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(replay.body).toEqual(first.body);
    expect(await server.tableCounts()).toEqual(counts);
  });

  it('the same key with a different body is refused with 422 and changes nothing', async () => {
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[1]!);
    const other = await lookupNotice(server, server.demo.sampleNoticeNumbers[2]!);
    const idempotencyKey = freshKey('reuse');
    await pay(server, credit, { idempotencyKey });
    const counts = await server.tableCounts();
    const reused = await pay(server, other, { idempotencyKey });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect(await server.tableCounts()).toEqual(counts);
    expect((await lookupNotice(server, other.noticeNumber)).status).toBe('open');
  });

  it('keys are scoped per API key: another terminal may use the same key for its own payment', async () => {
    const idempotencyKey = freshKey('scoped');
    const mine = await lookupNotice(server, server.demo.sampleNoticeNumbers[3]!);
    const theirs = await lookupNotice(server, server.demo.sampleNoticeNumbers[4]!);
    expect((await pay(server, mine, { idempotencyKey })).status).toBe(201);
    expect((await pay(server, theirs, { idempotencyKey, key: server.demo.otherTerminalKey })).status).toBe(201);
  });

  it('two terminals paying the same credit at once: exactly one succeeds, the other gets credit_already_paid', async () => {
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[5]!);
    const results = await Promise.all([pay(server, credit), pay(server, credit, { key: server.demo.otherTerminalKey })]);
    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toEqual([201, 409]);
    expect(results.find((result) => result.status === 409)!.body.error.code).toBe('credit_already_paid');
    expect(await server.query('SELECT id FROM payments WHERE credit_id = ?', credit.id)).toHaveLength(1);
  });

  it('the same key sent twice at once: one payment; the second waits its turn (409 request_in_progress) or replays', async () => {
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[6]!);
    const idempotencyKey = freshKey('concurrent');
    const results = await Promise.all([pay(server, credit, { idempotencyKey }), pay(server, credit, { idempotencyKey })]);
    const ok = results.filter((result) => result.status === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const result of results.filter((r) => r.status !== 201)) {
      expect(result.status).toBe(409);
      expect(result.body.error.code).toBe('request_in_progress');
      expect(result.headers.get('retry-after')).toBe('1');
    }
    expect(new Set(ok.map((result) => (result.body as Payment).id)).size).toBe(1);
    expect(await server.query('SELECT id FROM payments WHERE credit_id = ?', credit.id)).toHaveLength(1);
  });

  it('a float too small answers 402 insufficient_float and writes nothing', async () => {
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[7]!);
    await drainFloat(server.engine, server.demo.otherAgentId, credit.amount + 49);
    const counts = await server.tableCounts();
    const refused = await pay(server, credit, { key: server.demo.otherTerminalKey });
    expect(refused.status).toBe(402);
    expect(refused.body.error).toMatchObject({ code: 'insufficient_float', details: { balance: credit.amount + 49, required: credit.amount + 50 } });
    expect(await server.tableCounts()).toEqual(counts);
    expect((await lookupNotice(server, credit.noticeNumber)).status).toBe('open');
    // One cent more and the same request goes through: a failed request stored nothing.
    await drainFloat(server.engine, server.demo.otherAgentId, credit.amount + 50);
    const paid = await pay(server, credit, { key: server.demo.otherTerminalKey });
    expect(paid.status).toBe(201);
    expect((await server.api('/v1/agent/balance', { key: server.demo.otherTerminalKey })).body.balance).toBe(0);
  });

  it('a wrong amount is 422 amount_mismatch with the expected amount', async () => {
    const fines = (await server.api('/v1/credits/lookup', { body: { debtorTaxCode: 'RMNCHR95B48D612T', serviceCode: 'MULTA' } })).body.data;
    const credit = fines.find((candidate: { status: string }) => candidate.status === 'open');
    const response = await server.api('/v1/payments', { body: { creditId: credit.id, amount: credit.amount - 1 }, idempotencyKey: freshKey() });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'amount_mismatch', details: { expected: credit.amount, received: credit.amount - 1 } });
  });

  it('the ledger stays consistent after all of it', async () => {
    await expect(server.engine.books.check()).resolves.toBeUndefined();
  });
});
