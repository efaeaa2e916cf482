import { WEBHOOK_AUTO_DISABLE_AFTER_FAILURES, type UrlRefusal, type WebhookTransport } from '@pay-box/engine';
import { demoCredits } from '@pay-box/engine/demo';
import { afterEach, describe, expect, it } from 'vitest';
import { storeFactories } from '../../../../test-support/stores.js';
import { openDemo, type Demo } from '../support/demo.js';

/** A consumer that answers `status` to every delivery and remembers the URLs it was sent to. */
function consumer(status: number): WebhookTransport & { posted: string[] } {
  const posted: string[] = [];
  return { posted, post: async (url) => (posted.push(url), { status }) };
}

async function until<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(storeFactories)('webhook deliveries through the outbox, on the $name store', (factory) => {
  let d: Demo;
  let stopWorker: () => Promise<void> = async () => {};
  afterEach(async () => {
    await stopWorker();
    await d.dispose();
  });

  const start = async (options: { transport: WebhookTransport; refusal: () => UrlRefusal | undefined; retryDelaysMs: number[] }) => {
    d = await openDemo(factory, { webhooks: { transport: options.transport, urlGuard: { check: async () => options.refusal() }, retryDelaysMs: options.retryDelaysMs } });
    const worker = d.engine.transfers.worker({ pollMs: 5 });
    worker.start();
    stopWorker = () => worker.stop();
    const { principal } = await d.engine.staff.logIn({ email: d.demo.staff.email, password: 'demo-password' });
    const { endpoint } = await d.engine.webhooks.create(principal, { url: 'https://tributi.comune.example/webhooks', events: ['payment.succeeded'], description: '' });
    return { principal, endpoint };
  };
  const pay = (index: number) => d.engine.payments.create(d.shop, { creditId: demoCredits[index]!.id, amount: demoCredits[index]!.amount }, `pay-${index}`);

  it('checks the URL again before each delivery: a host that now resolves privately (DNS rebinding) gets no request', async () => {
    let refusal: UrlRefusal | undefined;
    const transport = consumer(200);
    const { principal, endpoint } = await start({ transport, refusal: () => refusal, retryDelaysMs: [5, 5] });
    refusal = 'webhook_url_private';
    await pay(0);
    const [delivery] = await until(async () => {
      const rows = await d.engine.webhooks.deliveries(principal, endpoint.id);
      return rows[0]?.status === 'dead' ? rows : undefined;
    }, 'the delivery dead');
    expect(transport.posted).toEqual([]);
    expect(delivery!.attempts.map((attempt) => attempt.error)).toEqual(['refused: webhook_url_private', 'refused: webhook_url_private', 'refused: webhook_url_private']);

    refusal = undefined;
    await d.engine.webhooks.redeliver(principal, delivery!.id);
    await until(async () => ((await d.engine.webhooks.deliveries(principal, endpoint.id))[0]?.status === 'delivered' ? true : undefined), 'the redelivery');
    expect(transport.posted).toEqual(['https://tributi.comune.example/webhooks']);
  });

  it(`disables an endpoint after ${WEBHOOK_AUTO_DISABLE_AFTER_FAILURES} failures in a row, and records it in the audit log`, async () => {
    const transport = consumer(503);
    const { principal, endpoint } = await start({ transport, refusal: () => undefined, retryDelaysMs: Array.from({ length: WEBHOOK_AUTO_DISABLE_AFTER_FAILURES }, () => 1) });
    await pay(0);
    const disabled = await until(async () => (await d.engine.webhooks.list(principal)).find((row) => row.id === endpoint.id && !row.enabled), 'the endpoint disabled');
    expect(disabled).toMatchObject({ consecutiveFailures: WEBHOOK_AUTO_DISABLE_AFTER_FAILURES, autoDisabledAt: expect.any(String) });
    const log = await d.engine.staff.actions.list(principal, { limit: 20 });
    expect(log.data.filter((line) => line.action === 'webhook_endpoint.auto_disabled')).toEqual([
      expect.objectContaining({ subjectId: endpoint.id, actor: { userId: null, email: 'system@pay-box' } }),
    ]);
    const [delivery] = await until(async () => {
      const rows = await d.engine.webhooks.deliveries(principal, endpoint.id);
      return rows[0]?.status === 'dead' ? rows : undefined;
    }, 'its delivery dead');
    expect(delivery!.attempts.at(-1)!.error, 'its next retry found it disabled and sent nothing').toBe('endpoint disabled or deleted');
    expect(transport.posted).toHaveLength(WEBHOOK_AUTO_DISABLE_AFTER_FAILURES);
    expect((await d.engine.webhooks.list(principal))[0]!.consecutiveFailures, 'no request, no failure').toBe(WEBHOOK_AUTO_DISABLE_AFTER_FAILURES);
    expect(await d.store.read((tx) => tx.outbox.pendingCount()), 'nothing stays queued').toBe(0);
  });
});
