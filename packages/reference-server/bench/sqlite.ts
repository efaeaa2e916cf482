/**
 * Pay-Box on its embedded SQLite file against two baselines of the same run, on the same stack: an
 * empty JSON POST, and a minimal server that writes the same rows in one synchronous=FULL
 * transaction per request.
 */
import { atLeast, cli, demoCredentials, launch, listening, healthy, marketFee, measure, paybox, ratio, report, type Measured, type Server } from './harness.js';

async function measurePayBox(label: string, env: Record<string, string>, run: (server: Server, key: string, label: string) => Promise<Measured>): Promise<Measured> {
  const server = await paybox(env);
  try {
    const demo = demoCredentials(server);
    await cli(server.dataDir, 'topup', demo.agentId, '100000000000');
    const measured = await run(server, demo.terminalKey, label);
    // Every payment must have balanced the books: a fast wrong answer is no answer.
    await cli(server.dataDir, 'check');
    return measured;
  } finally {
    await server.stop();
  }
}

export async function benchSqlite(): Promise<void> {
  const results: Measured[] = [];
  const noHeaders = () => ({});

  const empty = await launch('packages/reference-server/bench/baselines/empty-post.ts', {}, listening);
  results.push(await measure('empty JSON POST (Hono + node-server)', empty, { path: '/anything', headers: noHeaders, body: () => ({}) }));
  await empty.stop();

  const stack = await launch('packages/reference-server/bench/baselines/empty-post-on-pay-box-stack.ts', {}, healthy);
  const stackKey = demoCredentials(stack).terminalKey;
  results.push(await measure("empty JSON POST through Pay-Box's HTTP stack", stack, { path: '/v1/empty', headers: () => ({ authorization: `Bearer ${stackKey}` }), body: () => ({}) }));
  await stack.stop();

  const minimal = await launch('packages/reference-server/bench/baselines/one-commit-per-request.ts', {}, listening);
  results.push(await measure('minimal server, one synchronous=FULL commit per payment', minimal, { path: '/v1/unexpected-credits', headers: noHeaders, body: marketFee }));
  await minimal.stop();

  const payMarketFees = (server: Server, key: string, label: string) => measure(label, server, { path: '/v1/unexpected-credits', headers: () => ({ authorization: `Bearer ${key}` }), body: marketFee });
  const payments = await measurePayBox('Pay-Box payments (unexpected credits, bank at 2 ms)', {}, payMarketFees);
  const lookups = await measurePayBox('Pay-Box credit lookups by notice number', {}, (server, key, label) => {
    const notices = demoCredentials(server).sampleNoticeNumbers;
    return measure(label, server, { path: '/v1/credits/lookup', headers: () => ({ authorization: `Bearer ${key}` }), body: (n) => ({ noticeNumber: notices[n % notices.length] }) });
  });
  const oneCommitEach = await measurePayBox('Pay-Box payments, group commit off (PAYBOX_WRITE_BATCH=1)', { PAYBOX_WRITE_BATCH: '1' }, payMarketFees);
  results.push(payments, lookups, oneCommitEach);

  const [emptyPost, stackPost, oneCommit] = results;
  report(results, [
    atLeast(payments, emptyPost!, 0.35, 'payments/s against the bare empty POST'),
    atLeast(payments, stackPost!, 0.35, "payments/s against the empty POST on Pay-Box's stack"),
    atLeast(payments, oneCommit!, 1.2, 'payments/s against one commit per request'),
    ['payments p99: <= 100 ms', payments.p99 <= 100, `${payments.p99} ms`],
    atLeast(lookups, emptyPost!, 0.7, 'lookups/s against the bare empty POST'),
    atLeast(lookups, stackPost!, 0.7, "lookups/s against the empty POST on Pay-Box's stack"),
  ]);
  console.log(`\ngroup commit on / off: ${ratio(payments, oneCommitEach).toFixed(2)}x payments/s`);
}
