import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/**
 * Another server opening the same new data folder at the same moment: a connection on a thread of
 * its own writes to `file` for `ms`. While it writes, SQLite refuses the switch to WAL at once,
 * whatever the busy timeout. Resolves once it writes; `done` resolves when it has let go.
 */
export async function anotherWriter(file: string, ms: number): Promise<{ done: Promise<unknown> }> {
  const writer = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const db = new (require('better-sqlite3'))(workerData.file);
     db.exec('BEGIN IMMEDIATE; CREATE TABLE held (x)');
     parentPort.postMessage('writing');
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
     db.exec('COMMIT');
     db.close();`,
    { eval: true, workerData: { file, ms } },
  );
  const done = once(writer, 'exit');
  await once(writer, 'message');
  return { done };
}
