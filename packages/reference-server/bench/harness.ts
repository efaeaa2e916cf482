/**
 * What every benchmark run shares: servers started as processes of their own, autocannon driving
 * them over HTTP from this process, and the figures as a table. Figures are only comparable as
 * ratios within one run: the machine's speed varies several-fold from one run to the next.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort, repositoryRoot } from '../../../test-support/local.js';

export const duration = Number(process.env.BENCH_DURATION ?? 10);
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const warmUpSeconds = 3;
/** Unmeasured seconds at the start of each run, on the connections the run then measures. */
const leadInSeconds = 2;

export interface Measured {
  label: string;
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
  /** The server processes' CPU time (user + system) per request, when the system tells it (Linux). */
  cpuMicros: number | undefined;
}

export interface Server {
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

/**
 * Starts `script` with node and tsx, as `npm start` does, and waits until `ready` says so. The data
 * folder is a new temporary one, or `dataDir` (instances sharing one, and its sandbox bank).
 */
export async function launch(script: string, env: Record<string, string>, ready: (url: string) => Promise<boolean>, dataDir?: string): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const folder = dataDir ?? mkdtempSync(join(tmpdir(), 'paybox-bench-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, ...(script.endsWith('cli.ts') ? ['start'] : [])], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PAYBOX_DATA_DIR: folder, ...env },
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
    dataDir: folder,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          if (!dataDir) rmSync(folder, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export const listening = async (url: string) => (await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status < 500;
export const healthy = async (url: string) => (await fetch(`${url}/healthz`)).ok;

/** Pay-Box as `npm start` runs it, the sandbox bank answering in 2 ms and lookups unlimited. */
export function paybox(extraEnv: Record<string, string> = {}, dataDir?: string): Promise<Server> {
  return launch('packages/reference-server/src/cli.ts', { PAYBOX_RAIL_LATENCY_MS: '2', PAYBOX_LOOKUPS_PER_MINUTE: '1000000000', ...extraEnv }, healthy, dataDir);
}

/** The paybox-server command line on a data folder, beside the running server. */
export function cli(dataDir: string, ...args: string[]): Promise<string> {
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

export const demoCredentials = (server: Server) =>
  JSON.parse(readFileSync(join(server.dataDir, 'demo-credentials.json'), 'utf8')) as { terminalKey: string; agentId: string; comuneId: string; sampleNoticeNumbers: string[] };

/** A market fee for a spuntista (an unexpected credit): the supply of credits to pay never runs out. */
export function marketFee(n: number) {
  const squareMeters = 1 + (n % 20);
  return {
    serviceCode: 'MERCATO',
    debtor: { taxCode: 'VRDLCU78L21F839T', name: 'Luca Verdi' },
    fields: { market: 'GIOVEDI-CENTRO', date: '2026-11-26', stallNumber: `B${n % 90}`, squareMeters, sector: 'ALIMENTARE', licenceNumber: 'AUT-1' },
    amount: squareMeters * 150,
  };
}

/** The load of one measurement: POSTs to `path`, request n with `headers(n)` and `body(n)` and its own Idempotency-Key. */
export interface Load {
  path: string;
  headers: (n: number) => Record<string, string>;
  body: (n: number) => unknown;
}

/**
 * Drives `servers` with `connections` connections in all, shared evenly among them (a load
 * balancer's round robin): requests/s add up, the slowest server's p99 is the p99. The first
 * `leadIn` seconds run on the same connections but are not measured: a server busy with requests
 * accepts one new connection per turn of its event loop, so a run's first requests can wait a
 * second for their connection (docs/benchmarks.md), which is not what a steady load meets.
 * Then `seconds` are measured: every response that arrives in them, and the servers' CPU.
 */
async function run(label: string, servers: Server[], load: Load, seconds: number, leadIn: number): Promise<Measured> {
  const latencies = servers.map((): number[] => []);
  let cpuBefore: (number | undefined)[] = [];
  let cpuAfter: (number | undefined)[] = [];
  let measuring = false;
  let measuredFrom = 0;
  let measuredUntil = 0;
  const windowOpens = setTimeout(() => {
    cpuBefore = servers.map((server) => cpuMillis(server.pid));
    measuredFrom = performance.now();
    measuring = true;
  }, leadIn * 1000);
  const windowCloses = setTimeout(() => {
    measuring = false;
    measuredUntil = performance.now();
    cpuAfter = servers.map((server) => cpuMillis(server.pid));
  }, (leadIn + seconds) * 1000);
  const perServer = Math.max(1, Math.round(connections / servers.length));
  let n = 0;
  const next = () => n++;
  // A little longer than the window, so that its last moment is under load as the rest.
  const results = await Promise.all(
    servers.map((server, at) =>
      drive(server, perServer, leadIn + seconds + 0.5, load, next, (milliseconds) => {
        if (measuring) latencies[at]!.push(milliseconds);
      }),
    ),
  );
  clearTimeout(windowOpens);
  clearTimeout(windowCloses);
  const measured = latencies.reduce((sum, list) => sum + list.length, 0);
  if (measured === 0 || measuredUntil === 0) throw new Error(`${label}: no response in the measured window`);
  const cpu = [...cpuBefore, ...cpuAfter].every((value) => value !== undefined)
    ? cpuAfter.reduce<number>((sum, value, i) => sum + value! - cpuBefore[i]!, 0)
    : undefined;
  return {
    label,
    perSecond: measured / ((measuredUntil - measuredFrom) / 1000),
    p50: Math.max(...latencies.map((list) => percentile(list, 0.5))),
    p99: Math.max(...latencies.map((list) => percentile(list, 0.99))),
    // Failures count over the whole run, lead-in included: a request that failed is never fine.
    failed: results.reduce((sum, result) => sum + result.non2xx + result.errors + result.timeouts, 0),
    cpuMicros: cpu === undefined ? undefined : (cpu * 1000) / measured,
  };
}

/** autocannon on one server; `next` numbers the requests across servers, `responded` hears each latency. */
function drive(server: Server, connectionsHere: number, seconds: number, load: Load, next: () => number, responded: (milliseconds: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections: connectionsHere,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: load.path,
            setupRequest: (request) => {
              const at = next();
              return { ...request, headers: { 'content-type': 'application/json', ...load.headers(at), 'idempotency-key': randomUUID() }, body: JSON.stringify(load.body(at)) };
            },
          },
        ],
      },
      (error: unknown, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, milliseconds: number) => responded(milliseconds));
  });
}

/** The latency under which `fraction` of them fall, rounded to the millisecond. */
function percentile(latencies: number[], fraction: number): number {
  if (latencies.length === 0) return 0;
  const sorted = [...latencies].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)]!);
}

/** Warms the servers up (JIT, caches, files) without measuring, then measures. */
export async function measure(label: string, servers: Server | Server[], load: Load): Promise<Measured> {
  const list = Array.isArray(servers) ? servers : [servers];
  return run(label, list, load, duration, warmUpSeconds);
}

export interface Setup {
  label: string;
  servers: Server[];
  load: Load;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Measures setups that are to be compared with one another in `rounds` rounds, each round every
 * setup once (in turn, the order rotated), and keeps each setup's median: the machine's speed drifts
 * within a run too, and measured one after the other, two setups would compare two moments.
 */
export async function measureInRounds(setups: Setup[], rounds: number): Promise<Measured[]> {
  for (const setup of setups) await run(setup.label, setup.servers, setup.load, warmUpSeconds - leadInSeconds, leadInSeconds);
  const runs = setups.map((): Measured[] => []);
  for (let round = 0; round < rounds; round++) {
    for (let turn = 0; turn < setups.length; turn++) {
      const at = (turn + round) % setups.length;
      const setup = setups[at]!;
      runs[at]!.push(await run(setup.label, setup.servers, setup.load, duration, leadInSeconds));
    }
  }
  return setups.map((setup, at) => {
    const measured = runs[at]!;
    const cpu = measured.map((m) => m.cpuMicros);
    return {
      label: `${setup.label} (median of ${rounds})`,
      perSecond: median(measured.map((m) => m.perSecond)),
      p50: median(measured.map((m) => m.p50)),
      p99: median(measured.map((m) => m.p99)),
      failed: measured.reduce((sum, m) => sum + m.failed, 0),
      cpuMicros: cpu.every((value) => value !== undefined) ? median(cpu as number[]) : undefined,
    };
  });
}

export type Target = [what: string, met: boolean, value: string];

export const ratio = (a: Measured, b: Measured) => a.perSecond / b.perSecond;

export const atLeast = (a: Measured, b: Measured, least: number, what: string): Target => [`${what}: >= ${least}x`, ratio(a, b) >= least, `${ratio(a, b).toFixed(2)}x`];

/** Prints the figures and the targets as Markdown tables; sets a failing exit code if a request failed. */
export function report(results: Measured[], targets: Target[]): void {
  console.log(`\n${connections} connections; each run measured for ${duration} s once its connections have carried load for ${leadInSeconds} s (${warmUpSeconds} s before a server's first); Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()})\n`);
  console.log('| server | requests/s | p50 ms | p99 ms | server CPU µs/request | failed |\n| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) console.log(`| ${r.label} | ${r.perSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.cpuMicros?.toFixed(0) ?? 'n/a'} | ${r.failed} |`);
  if (targets.length > 0) console.log('\n| target | this run | met |\n| --- | ---: | --- |');
  for (const [target, met, value] of targets) console.log(`| ${target} | ${value} | ${met ? 'yes' : 'NO'} |`);
  if (results.some((r) => r.failed > 0)) {
    console.error('\nsome requests failed: the figures above are not valid');
    process.exitCode = 1;
  }
}
