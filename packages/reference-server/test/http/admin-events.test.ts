import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupNotice, pay } from '../support/demo-flow.js';
import { openFeed } from '../support/event-stream.js';
import { marketStallRequest } from '../support/operation-samples.js';
import { addComuneWithAdmin } from '../support/second-comune.js';
import { logIn, staffWithRole, type StaffClient } from '../support/staff-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('the live feed of the cruscotto (server-sent events)', () => {
  let server: TestServer;
  let staff: StaffClient;
  let notices: string[];
  const payNext = async () => {
    const created = await pay(server, await lookupNotice(server, notices.shift()!));
    expect(created.status).toBe(201);
    return created.body;
  };
  beforeAll(async () => {
    server = await startTestServer();
    staff = await logIn(server);
    notices = [...server.demo.sampleNoticeNumbers];
  });
  afterAll(() => server?.dispose());

  it('shows a terminal payment within a second, then its settled transfer with the CRO/TRN', async () => {
    const viewer = await staffWithRole(server, staff, 'viewer');
    const feed = await openFeed(server, viewer);
    const started = performance.now();
    const paying = pay(server, await lookupNotice(server, notices.shift()!));
    const shown = await feed.next((event) => event.event === 'payment.succeeded', 1_000);
    const payment = (await paying).body;
    expect(shown.at - started, 'the payment reaches the feed within a second').toBeLessThan(1_000);
    expect(shown.data).toMatchObject({ type: 'payment.succeeded', id: expect.stringMatching(/^evt_/), data: { id: payment.id, amount: payment.amount, channel: 'agent', agent: { id: server.demo.agentId }, receipt: { number: payment.receipt.number } } });
    expect(Number(shown.id)).toBeGreaterThan(0);
    const settled = await feed.next((event) => event.event === 'transfer.settled' && event.data.data.paymentId === payment.id);
    expect(settled.data.data).toMatchObject({ transferId: payment.transfer.id, bankReference: expect.stringMatching(/^PBXSBX/) });
    expect(Number(settled.id)).toBeGreaterThan(Number(shown.id));
    feed.close();
  });

  it('shows a market fee paid at a shop as a payment of an unexpected credit, and the credit opened', async () => {
    const feed = await openFeed(server, staff);
    const created = await server.api('/v1/unexpected-credits', { body: marketStallRequest, idempotencyKey: `stall-${Date.now()}` });
    expect(created.status).toBe(201);
    const opened = await feed.next((event) => event.event === 'unexpected_credit.created');
    expect(opened.data.data).toMatchObject({ creditId: created.body.credit.id, paymentId: created.body.payment.id, serviceCode: 'MERCATO', amount: marketStallRequest.amount, fields: { stallNumber: 'A12' } });
    const paid = await feed.next((event) => event.event === 'payment.succeeded' && event.data.data.id === created.body.payment.id);
    expect(paid.data.data).toMatchObject({ credit: { unexpected: true, debtorTaxCode: marketStallRequest.debtor.taxCode }, service: { code: 'MERCATO' } });
    feed.close();
  });

  it('replays exactly what was missed after Last-Event-ID (header or query), and nothing without it', async () => {
    const feed = await openFeed(server, staff);
    await payNext();
    const seen = await feed.next((event) => event.event === 'transfer.settled');
    const bookmark = feed.events.at(-1)!.id;
    feed.close();
    const missed = [await payNext(), await payNext()];
    await server.engine.transfers.idle();

    const again = await openFeed(server, staff, { lastEventId: bookmark });
    await again.next((event) => event.event === 'transfer.settled' && event.data.data.paymentId === missed[1]!.id);
    const replayed = again.events.map((event) => [event.event, event.data.data.paymentId ?? event.data.data.id]);
    expect(replayed).toEqual(missed.flatMap((payment) => [['payment.succeeded', payment.id], ['credit.paid', payment.id], ['transfer.settled', payment.id]]));
    expect(again.events.map((event) => Number(event.id))).toEqual([...again.events.map((event) => Number(event.id))].sort((a, b) => a - b));
    again.close();

    const byQuery = await openFeed(server, staff, { query: `?lastEventId=${bookmark}&follow=false` });
    await byQuery.ended;
    expect(byQuery.events.map((event) => event.id)).toEqual(again.events.map((event) => event.id));
    expect(Number(seen.id)).toBeLessThanOrEqual(Number(bookmark));

    const fresh = await openFeed(server, staff, { query: '?follow=false' });
    await fresh.ended;
    expect(fresh.events, 'no Last-Event-ID: only what happens from now on').toEqual([]);
  });

  it('survives a restart: reconnecting to the restarted server on the same data replays what happened meanwhile', async () => {
    const feed = await openFeed(server, staff);
    await payNext();
    await feed.next((event) => event.event === 'transfer.settled');
    const bookmark = feed.events.at(-1)!.id;
    feed.close();
    const whileAway = await payNext();
    await server.engine.transfers.idle();
    await server.close();
    server = await startTestServer({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    staff = await logIn(server);
    const again = await openFeed(server, staff, { query: `?lastEventId=${bookmark}&follow=false` });
    await again.ended;
    expect(again.events.map((event) => [event.event, event.data.data.paymentId ?? event.data.data.id])).toEqual([
      ['payment.succeeded', whileAway.id],
      ['credit.paid', whileAway.id],
      ['transfer.settled', whileAway.id],
    ]);
  });

  it('another comune’s staff sees none of it', async () => {
    const stranger = await logIn(server, await addComuneWithAdmin(server));
    const feed = await openFeed(server, stranger, { query: '?lastEventId=0&follow=false' });
    await feed.ended;
    expect(feed.events).toEqual([]);
    const live = await openFeed(server, stranger);
    const mine = await openFeed(server, staff);
    const payment = await payNext();
    await mine.next((event) => event.event === 'transfer.settled' && event.data.data.paymentId === payment.id);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(live.events).toEqual([]);
    live.close();
    mine.close();
  });

  it('ends open feeds when the server drains, so that it can stop', async () => {
    const feed = await openFeed(server, staff);
    const started = performance.now();
    const endedAfter = feed.ended.then(() => performance.now() - started);
    await server.close();
    expect(await endedAfter).toBeLessThan(1_500);
    server = await startTestServer({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
  });
});
