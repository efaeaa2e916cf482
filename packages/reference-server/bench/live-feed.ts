/**
 * The cruscotto's live feed under load: payments made at 1,000 a minute by a shop's terminal over
 * HTTP, the demo's staff user following /v1/admin/events in the same run. Each payment's latency is
 * from the moment its request was sent to the moment its `payment.succeeded` event arrived on the
 * stream (so it includes the payment itself). Pay-Box runs as its own process, as for `npm start`.
 */
import { demoCredentials, duration, marketFee, paybox } from './harness.js';

const PAYMENTS_PER_MINUTE = 1_000;

/** Reads the stream's `data:` lines and hands each event's payment id and arrival time to `seen`. */
async function follow(url: string, cookie: string, seen: (paymentId: string, at: number) => void, signal: AbortSignal): Promise<void> {
  const response = await fetch(`${url}/v1/admin/events`, { headers: { cookie, accept: 'text/event-stream' }, signal });
  if (response.status !== 200 || !response.body) throw new Error(`the feed answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) {
          if (!line.startsWith('data:')) continue;
          const event = JSON.parse(line.slice(5)) as { type: string; data: { id?: string } };
          if (event.type === 'payment.succeeded' && event.data.id) seen(event.data.id, performance.now());
        }
      }
    } catch {
      // The run is over: the stream was closed on purpose.
    }
  })();
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function benchLiveFeed(): Promise<void> {
  const server = await paybox();
  const stop = new AbortController();
  try {
    const demo = demoCredentials(server) as ReturnType<typeof demoCredentials> & { staff: { email: string; password: string } };
    const login = await fetch(`${server.url}/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(demo.staff) });
    const cookie = /paybox_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
    if (!cookie) throw new Error(`the demo staff could not log in: ${login.status}`);
    const arrived = new Map<string, number>();
    await follow(server.url, cookie, (paymentId, at) => arrived.set(paymentId, at), stop.signal);

    const count = Math.round((PAYMENTS_PER_MINUTE / 60) * duration);
    const sent: Array<Promise<{ id: string; at: number }>> = [];
    const started = performance.now();
    for (let n = 0; n < count; n++) {
      const due = started + (n * 60_000) / PAYMENTS_PER_MINUTE;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      const at = performance.now();
      sent.push(
        fetch(`${server.url}/v1/unexpected-credits`, {
          method: 'POST',
          headers: { authorization: `Bearer ${demo.terminalKey}`, 'content-type': 'application/json', 'idempotency-key': `feed-${n}` },
          body: JSON.stringify(marketFee(n)),
        }).then(async (response) => ({ id: ((await response.json()) as { payment: { id: string } }).payment.id, at })),
      );
    }
    const payments = await Promise.all(sent);
    const waitUntil = performance.now() + 5_000;
    while (payments.some((payment) => !arrived.has(payment.id)) && performance.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 50));
    const missing = payments.filter((payment) => !arrived.has(payment.id)).length;
    const latencies = payments.filter((payment) => arrived.has(payment.id)).map((payment) => arrived.get(payment.id)! - payment.at).sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    console.log(`\nThe live feed: ${count} payments at ${PAYMENTS_PER_MINUTE} a minute, one staff user following /v1/admin/events\n`);
    console.log('| payments | reached the feed | p50 ms | p99 ms | max ms |\n| ---: | ---: | ---: | ---: | ---: |');
    console.log(`| ${count} | ${count - missing} | ${percentile(latencies, 50).toFixed(0)} | ${p99.toFixed(0)} | ${latencies.at(-1)!.toFixed(0)} |`);
    console.log('\n| target | this run | met |\n| --- | ---: | --- |');
    const met = missing === 0 && p99 <= 1_000;
    console.log(`| a payment reaches the live feed, p99 at 1,000 payments a minute: <= 1 s | ${p99.toFixed(0)} ms${missing ? `, ${missing} never` : ''} | ${met ? 'yes' : 'NO'} |`);
    if (!met) process.exitCode = 1;
  } finally {
    stop.abort();
    await server.stop();
  }
}

