/**
 * Payments per second through the real HTTP API, with group commit on and off, in one run.
 * Run: npm run bench   (env BENCH_PAYMENTS, BENCH_CONCURRENCY to change the load)
 *
 * Each payment is an unexpected market fee (so the supply of credits never runs out): validation,
 * a new credit, payment, ledger postings, receipt, transfer and outbox row in one transaction,
 * then the sandbox bank's answer (2 ms) and the settlement, before the 201 is sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { SandboxBank } from '@pay-box/engine';
import { SqliteBankBook } from '../src/rails/sqlite-bank-book.js';
import { startServer } from '../src/server.js';

const payments = Number(process.env.BENCH_PAYMENTS ?? 2_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);

interface Result {
  label: string;
  perSecond: number;
  p50: number;
  p95: number;
}

async function run(label: string, writeBatchSize: number): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paybox-bench-'));
  const config = { ...configFromEnv({ PAYBOX_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }), writeBatchSize };
  const bank = new SandboxBank({ book: new SqliteBankBook(join(dataDir, 'sandbox-bank.sqlite')), latencyMs: 2 });
  const server = await startServer(config, { rail: bank, log: createLogger('silent') });
  const demo = server.demo!;
  await server.engine.agents.topUp(demo.agentId, 5_000_000_00);

  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < payments) {
      const n = next++;
      const squareMeters = 1 + (n % 20);
      const t0 = performance.now();
      const response = await fetch(`${server.url}/v1/unexpected-credits`, {
        method: 'POST',
        headers: { authorization: `Bearer ${demo.terminalKey}`, 'content-type': 'application/json', 'idempotency-key': `bench-${n}` },
        body: JSON.stringify({
          serviceCode: 'MERCATO',
          debtor: { taxCode: 'VRDLCU78L21F839T', name: 'Luca Verdi' },
          fields: { market: 'GIOVEDI-CENTRO', date: '2026-11-26', stallNumber: `B${n % 90}`, squareMeters, sector: 'ALIMENTARE', licenceNumber: 'AUT-1' },
          amount: squareMeters * 150,
        }),
      });
      if (response.status !== 201) throw new Error(`payment ${n}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  await server.engine.books.check();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { label, perSecond: payments / seconds, p50: at(0.5), p95: at(0.95) };
}

const results = [await run('group commit (batch 256)', 256), await run('one transaction per write (batch 1)', 1)];
console.log(`\n${payments} payments over HTTP, ${concurrency} concurrent clients, SQLite WAL synchronous=FULL, Node ${process.version}\n`);
console.log('| mode | payments/s | p50 ms | p95 ms |\n| --- | --- | --- | --- |');
for (const r of results) console.log(`| ${r.label} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`);
console.log(`\ngroup commit / one per write: ${(results[0]!.perSecond / results[1]!.perSecond).toFixed(2)}x payments/s`);
