/**
 * Pay-Box on its embedded SQLite file against baselines of the same run, on the same stack: an
 * empty JSON POST, a minimal server that writes the same rows in one synchronous=FULL transaction
 * per request, and that server as the storage ceiling (group-committed, never synced). All servers
 * run side by side and are measured in turn, round after round; each figure is a server's median,
 * so a ratio compares the same minutes of the machine.
 */
import { atLeast, cli, demoCredentials, launch, listening, healthy, marketFee, measureInRounds, paybox, ratio, report, type Load, type Measured, type Server, type Setup } from './harness.js';

/** Each setup is measured this many times, in turn with the others (BENCH_ROUNDS): a ratio compares the same minutes. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** Pay-Box as `npm start` runs it, its demo shop's float topped up for the whole run. */
async function payBox(env: Record<string, string> = {}): Promise<Server> {
  const server = await paybox(env);
  await cli(server.dataDir, 'topup', demoCredentials(server).agentId, '100000000000');
  return server;
}

const noHeaders = () => ({});
const MINIMAL_SERVER = 'packages/reference-server/bench/baselines/one-commit-per-request.ts';
const withKey = (server: Server) => () => ({ authorization: `Bearer ${demoCredentials(server).terminalKey}` });
const payMarketFees = (server: Server): Load => ({ path: '/v1/unexpected-credits', headers: withKey(server), body: marketFee });

export async function benchSqlite(): Promise<void> {
  // Started one by one, each kept as soon as it runs: a server that fails to start stops the ones before it.
  const servers: Server[] = [];
  const started = async (starting: Promise<Server>) => {
    const server = await starting;
    servers.push(server);
    return server;
  };
  let results: Measured[];
  try {
    const empty = await started(launch('packages/reference-server/bench/baselines/empty-post.ts', {}, listening));
    const stack = await started(launch('packages/reference-server/bench/baselines/empty-post-on-pay-box-stack.ts', {}, healthy));
    const minimal = await started(launch(MINIMAL_SERVER, {}, listening));
    const ceiling = await started(launch(MINIMAL_SERVER, { BASELINE_COMMIT: 'turn', BASELINE_SYNCHRONOUS: 'OFF' }, listening));
    const payments = await started(payBox());
    const lookups = await started(payBox());
    const oneCommitEach = await started(payBox({ PAYBOX_WRITE_BATCH: '1' }));
    const notices = demoCredentials(lookups).sampleNoticeNumbers;
    const setups: Setup[] = [
      { label: 'empty JSON POST (Hono + node-server)', servers: [empty], load: { path: '/anything', headers: noHeaders, body: () => ({}) } },
      { label: "empty JSON POST through Pay-Box's HTTP stack", servers: [stack], load: { path: '/v1/empty', headers: withKey(stack), body: () => ({}) } },
      { label: 'minimal server, one synchronous=FULL commit per payment', servers: [minimal], load: { path: '/v1/unexpected-credits', headers: noHeaders, body: marketFee } },
      { label: 'storage ceiling: that server committing by turns, never syncing', servers: [ceiling], load: { path: '/v1/unexpected-credits', headers: noHeaders, body: marketFee } },
      { label: 'Pay-Box payments (unexpected credits, bank at 2 ms)', servers: [payments], load: payMarketFees(payments) },
      { label: 'Pay-Box credit lookups by notice number', servers: [lookups], load: { path: '/v1/credits/lookup', headers: withKey(lookups), body: (n) => ({ noticeNumber: notices[n % notices.length] }) } },
      { label: 'Pay-Box payments, group commit off (PAYBOX_WRITE_BATCH=1)', servers: [oneCommitEach], load: payMarketFees(oneCommitEach) },
    ];
    results = await measureInRounds(setups, ROUNDS);
    // Every payment must have balanced the books: a fast wrong answer is no answer.
    for (const server of [payments, lookups, oneCommitEach]) await cli(server.dataDir, 'check');
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }

  const [emptyPost, stackPost, oneCommit, storageCeiling, paid, looked, paidOneCommitEach] = results as [Measured, Measured, Measured, Measured, Measured, Measured, Measured];
  report(results, [
    atLeast(paid, emptyPost, 0.35, 'payments/s against the bare empty POST'),
    atLeast(paid, stackPost, 0.35, "payments/s against the empty POST on Pay-Box's stack"),
    atLeast(paid, oneCommit, 1.2, 'payments/s against one commit per request'),
    ['payments p99: <= 100 ms', paid.p99 <= 100, `${paid.p99} ms`],
    atLeast(looked, emptyPost, 0.7, 'lookups/s against the bare empty POST'),
    atLeast(looked, stackPost, 0.7, "lookups/s against the empty POST on Pay-Box's stack"),
  ]);
  console.log(`\ngroup commit on / off: ${ratio(paid, paidOneCommitEach).toFixed(2)}x payments/s`);
  // What writing the rows alone costs on this machine: the mark to read the payment targets above against.
  console.log(
    `storage ceiling: Pay-Box payments/s ${ratio(paid, storageCeiling).toFixed(2)}x of it; the ceiling itself ${ratio(storageCeiling, stackPost).toFixed(2)}x the empty POST on Pay-Box's stack, ${ratio(storageCeiling, emptyPost).toFixed(2)}x the bare one, p99 ${storageCeiling.p99} ms`,
  );
}
