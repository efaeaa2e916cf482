/**
 * npm run bench: the payment path measured from outside, as a user meets it. Each server runs as a
 * process of its own (Pay-Box started like `npm start`, the sandbox bank answering in 2 ms), and
 * autocannon, in this process, drives it over HTTP. In the same run, on the same stack, two
 * baselines: an empty JSON POST, and a minimal server that writes the same rows in one
 * synchronous=FULL transaction per request. Figures are only comparable as ratios within one run.
 *
 * Env: BENCH_DURATION (seconds per measurement, default 10), BENCH_CONNECTIONS (default 64).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort, repositoryRoot } from '../../../test-support/reference-server-process.js';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const warmUpSeconds = 3;

interface Measured {
  label: string;
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
  /** The server process's CPU time (user + system) per request, when the system tells it (Linux). */
  cpuMicros: number | undefined;
}

interface Server {
  url: string;
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
}

/** CPU time a process has used so far, in milliseconds, from /proc (Linux); undefined elsewhere. */
function cpuMillis(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
  } catch {
    return undefined;
  }
}

/** Starts `script` with node and tsx, as `npm start` does, and waits until `ready` says so. */
async function launch(script: string, env: Record<string, string>, ready: (url: string) => Promise<boolean>): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'paybox-bench-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, ...(script.endsWith('cli.ts') ? ['start'] : [])], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PAYBOX_DATA_DIR: dataDir, ...env },
    // The servers log as they would in production (one JSON line per request); nobody reads it here.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  while (!(await ready(url).catch(() => false))) {
    if (child.exitCode !== null) throw new Error(`${script} exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${script} did not start in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    dataDir,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

const listening = async (url: string) => (await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status < 500;
const healthy = async (url: string) => (await fetch(`${url}/healthz`)).ok;

function paybox(extraEnv: Record<string, string> = {}) {
  return launch('packages/reference-server/src/cli.ts', { PAYBOX_RAIL_LATENCY_MS: '2', PAYBOX_LOOKUPS_PER_MINUTE: '1000000000', ...extraEnv }, healthy);
}

/** The paybox-server command line on a data folder, beside the running server. */
function cli(dataDir: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/reference-server/src/cli.ts', ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, PAYBOX_DATA_DIR: dataDir, PAYBOX_LOG_LEVEL: 'silent' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`paybox-server ${args.join(' ')}: ${output}`))));
  });
}

/** A market fee for a spuntista (an unexpected credit): the supply of credits to pay never runs out. */
function marketFee(n: number) {
  const squareMeters = 1 + (n % 20);
  return {
    serviceCode: 'MERCATO',
    debtor: { taxCode: 'VRDLCU78L21F839T', name: 'Luca Verdi' },
    fields: { market: 'GIOVEDI-CENTRO', date: '2026-11-26', stallNumber: `B${n % 90}`, squareMeters, sector: 'ALIMENTARE', licenceNumber: 'AUT-1' },
    amount: squareMeters * 150,
  };
}

/** POSTs to `path` from `connections` connections for `seconds`, each request with its own Idempotency-Key. */
async function load(label: string, server: Server, path: string, headers: Record<string, string>, body: (n: number) => unknown, seconds: number): Promise<Measured> {
  let n = 0;
  const cpuBefore = cpuMillis(server.pid);
  const result = await autocannon({
    url: server.url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', ...headers },
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': randomUUID() }, body: JSON.stringify(body(n++)) }),
      },
    ],
  });
  const cpuAfter = cpuMillis(server.pid);
  const cpuMicros = cpuBefore === undefined || cpuAfter === undefined ? undefined : ((cpuAfter - cpuBefore) * 1000) / result.requests.total;
  return { label, perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failed: result.non2xx + result.errors + result.timeouts, cpuMicros };
}

/** Warms the server up (JIT, caches, file) without measuring, then measures. */
async function measure(label: string, server: Server, path: string, headers: Record<string, string>, body: (n: number) => unknown): Promise<Measured> {
  await load(label, server, path, headers, body, warmUpSeconds);
  return load(label, server, path, headers, body, duration);
}

async function measurePayBox(label: string, env: Record<string, string>, run: (server: Server, key: string, label: string) => Promise<Measured>): Promise<Measured> {
  const server = await paybox(env);
  try {
    const demo = JSON.parse(readFileSync(join(server.dataDir, 'demo-credentials.json'), 'utf8')) as { terminalKey: string; agentId: string };
    await cli(server.dataDir, 'topup', demo.agentId, '100000000000');
    const measured = await run(server, demo.terminalKey, label);
    // Every payment must have balanced the books: a fast wrong answer is no answer.
    await cli(server.dataDir, 'check');
    return measured;
  } finally {
    await server.stop();
  }
}

const results: Measured[] = [];

const empty = await launch('packages/reference-server/bench/baselines/empty-post.ts', {}, listening);
results.push(await measure('empty JSON POST (Hono + node-server)', empty, '/anything', {}, () => ({})));
await empty.stop();

const stack = await launch('packages/reference-server/bench/baselines/empty-post-on-pay-box-stack.ts', {}, healthy);
const stackKey = (JSON.parse(readFileSync(join(stack.dataDir, 'demo-credentials.json'), 'utf8')) as { terminalKey: string }).terminalKey;
results.push(await measure("empty JSON POST through Pay-Box's HTTP stack", stack, '/v1/empty', { authorization: `Bearer ${stackKey}` }, () => ({})));
await stack.stop();

const minimal = await launch('packages/reference-server/bench/baselines/one-commit-per-request.ts', {}, listening);
results.push(await measure('minimal server, one synchronous=FULL commit per payment', minimal, '/v1/unexpected-credits', {}, marketFee));
await minimal.stop();

const payMarketFees = (server: Server, key: string, label: string) => measure(label, server, '/v1/unexpected-credits', { authorization: `Bearer ${key}` }, marketFee);
const payments = await measurePayBox('Pay-Box payments (unexpected credits, bank at 2 ms)', {}, payMarketFees);
const lookups = await measurePayBox('Pay-Box credit lookups by notice number', {}, (server, key, label) => {
  const notices = (JSON.parse(readFileSync(join(server.dataDir, 'demo-credentials.json'), 'utf8')) as { sampleNoticeNumbers: string[] }).sampleNoticeNumbers;
  return measure(label, server, '/v1/credits/lookup', { authorization: `Bearer ${key}` }, (n) => ({ noticeNumber: notices[n % notices.length] }));
});
const oneCommitEach = await measurePayBox('Pay-Box payments, group commit off (PAYBOX_WRITE_BATCH=1)', { PAYBOX_WRITE_BATCH: '1' }, payMarketFees);
results.push(payments, lookups, oneCommitEach);

const [emptyPost, stackPost, oneCommit] = results;
const ratio = (a: Measured, b: Measured) => a.perSecond / b.perSecond;
const versus = (a: Measured, b: Measured, least: number, what: string): [string, boolean, string] => [`${what}: >= ${least}x`, ratio(a, b) >= least, `${ratio(a, b).toFixed(2)}x`];
const targets: Array<[string, boolean, string]> = [
  versus(payments, emptyPost!, 0.35, 'payments/s against the bare empty POST'),
  versus(payments, stackPost!, 0.35, "payments/s against the empty POST on Pay-Box's stack"),
  versus(payments, oneCommit!, 1.2, 'payments/s against one commit per request'),
  ['payments p99: <= 100 ms', payments.p99 <= 100, `${payments.p99} ms`],
  versus(lookups, emptyPost!, 0.7, 'lookups/s against the bare empty POST'),
  versus(lookups, stackPost!, 0.7, "lookups/s against the empty POST on Pay-Box's stack"),
];

console.log(`\n${connections} connections, ${duration} s each after ${warmUpSeconds} s of warm-up; Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()})\n`);
console.log('| server | requests/s | p50 ms | p99 ms | server CPU µs/request | failed |\n| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) console.log(`| ${r.label} | ${r.perSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.cpuMicros?.toFixed(0) ?? 'n/a'} | ${r.failed} |`);
console.log('\n| target | this run | met |\n| --- | ---: | --- |');
for (const [target, met, value] of targets) console.log(`| ${target} | ${value} | ${met ? 'yes' : 'NO'} |`);
console.log(`\ngroup commit on / off: ${ratio(payments, oneCommitEach).toFixed(2)}x payments/s`);
if (results.some((r) => r.failed > 0)) {
  console.error('\nsome requests failed: the figures above are not valid');
  process.exitCode = 1;
}
