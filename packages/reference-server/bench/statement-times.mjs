/**
 * Preload that times every better-sqlite3 statement a process runs, to compare what the same SQL
 * costs in two servers under the same load. Not part of any server: load it into a bench's
 * processes through NODE_OPTIONS (plain JavaScript, since NODE_OPTIONS' imports come before tsx):
 *
 *   NODE_OPTIONS="--import $PWD/packages/reference-server/bench/statement-times.mjs" npm run bench
 *
 * Each process writes, when it ends, `statement-times-<script>-<pid>.txt` in the system's temporary
 * folder: per statement text, total µs, calls and µs per call, dearest first. The timing itself
 * adds about a microsecond per call.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const Database = createRequire(join(process.cwd(), 'package.json'))('better-sqlite3');
const probe = new Database(':memory:');
const statementPrototype = Object.getPrototypeOf(probe.prepare('SELECT 1'));
probe.close();

/** Statement text -> [total ms, calls]. */
const times = new Map();
for (const method of ['run', 'get', 'all']) {
  const original = statementPrototype[method];
  statementPrototype[method] = function timed(...args) {
    const started = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      const key = `${method} ${String(this.source).replace(/\s+/g, ' ').slice(0, 100)}`;
      const entry = times.get(key) ?? [0, 0];
      entry[0] += performance.now() - started;
      entry[1] += 1;
      times.set(key, entry);
    }
  };
}

let written = false;
function write() {
  if (written || times.size === 0) return;
  written = true;
  const lines = [...times]
    .sort((a, b) => b[1][0] - a[1][0])
    .map(([key, [ms, calls]]) => `${Math.round(ms * 1000).toString().padStart(10)} µs ${String(calls).padStart(8)} calls ${((ms * 1000) / calls).toFixed(1).padStart(8)} µs/call  ${key}`);
  writeFileSync(join(tmpdir(), `statement-times-${basename(process.argv[1] ?? 'node')}-${process.pid}.txt`), `${lines.join('\n')}\n`);
}
process.once('exit', write);
// The bench stops its servers with SIGTERM: Pay-Box's own handler closes and exits ('exit' writes);
// a baseline has none, and would die without writing.
process.once('SIGTERM', () => {
  if (process.listenerCount('SIGTERM') > 0) return;
  write();
  process.exit(143);
});
