/**
 * npm run bench:compare -- '{"label": {"ENV": "value"}, ...}' [--lookups]: Pay-Box under several
 * environments (a setting, a Node flag, a variant behind an environment variable), side by side
 * and measured in turn over rounds, each figure a median: a change's effect in the same minutes of
 * the machine, which a comparison of two runs of `npm run bench` cannot give. Payments by default.
 *
 * Env: BENCH_DURATION (seconds per measurement, default 10), BENCH_ROUNDS (default 3).
 */
import { parseArgs } from 'node:util';
import { cli, demoCredentials, marketFee, measureInRounds, paybox, report, type Server, type Setup } from './harness.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { lookups: { type: 'boolean', default: false } } });
const variants = JSON.parse(positionals[0] ?? '{"as configured": {}}') as Record<string, Record<string, string>>;
const servers: Server[] = [];
const setups: Setup[] = [];
try {
  for (const [label, env] of Object.entries(variants)) {
    const server = await paybox(env);
    servers.push(server);
    const demo = demoCredentials(server);
    const headers = () => ({ authorization: `Bearer ${demo.terminalKey}` });
    const notices = demo.sampleNoticeNumbers;
    if (values.lookups) {
      setups.push({ label, servers: [server], load: { path: '/v1/credits/lookup', headers, body: (n) => ({ noticeNumber: notices[n % notices.length] }) } });
    } else {
      await cli(server.dataDir, 'topup', demo.agentId, '100000000000');
      setups.push({ label, servers: [server], load: { path: '/v1/unexpected-credits', headers, body: marketFee } });
    }
  }
  report(await measureInRounds(setups, Number(process.env.BENCH_ROUNDS ?? 3)), []);
} finally {
  await Promise.all(servers.map((server) => server.stop()));
}
