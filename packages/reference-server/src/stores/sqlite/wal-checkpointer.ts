import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * The checkpointing thread's code, CommonJS given inline: it runs the same from the sources, from a
 * bundle and from the package's build, which would each put a worker's own file somewhere else.
 * A PASSIVE checkpoint never waits for the writer nor blocks it; one that fails is tried again at
 * the next tick, and the writer's own automatic checkpoint still bounds the WAL meanwhile.
 */
const checkpointing = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('synchronous = FULL');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {}
}, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/** How often the thread copies the WAL back into the database file. */
const EVERY_MS = 100;

/** The writing connection checkpoints by itself only past this many pages of WAL (40 MiB at 4 KiB). */
const WRITER_CHECKPOINT_PAGES = 10_000;

/**
 * Commits after which the thread starts: a thread costs some 70 ms of CPU to start and stop, which a
 * file that sees few commits (a command, most tests) never earns back; a server under load reaches
 * this within its first seconds.
 */
const START_AFTER_COMMITS = 100;

/**
 * Copies a WAL file's pages back into its database on a thread of its own. SQLite's automatic
 * checkpoint runs inside the commit that makes the WAL cross its limit (a thousand pages): the event
 * loop, and every request waiting on it, waited for the page writes and an fsync of the database
 * file, every few batches of payments. Once the thread runs, the writer's own automatic checkpoint is
 * moved far above what the thread lets the WAL reach: it stays as the bound for a moment the thread
 * falls behind.
 */
export class WalCheckpointer {
  private commits = 0;
  private thread: { worker: Worker; exited: Promise<unknown> } | undefined;

  /** For `file`, written to by `writer`. */
  constructor(
    private readonly writer: Database.Database,
    private readonly file: string,
    private readonly busyTimeoutMs: number,
  ) {}

  /** Call after each commit of the writer. */
  committed(): void {
    if (++this.commits === START_AFTER_COMMITS) this.start();
  }

  /** Stops the thread, if it runs, after the checkpoint under way; its connection closes. */
  async stop(): Promise<void> {
    if (!this.thread) return;
    const { worker, exited } = this.thread;
    this.thread = undefined;
    // Held by the thread until it has closed its connection, even when nothing else keeps the process.
    worker.ref();
    worker.postMessage('stop');
    await exited;
  }

  private start(): void {
    this.writer.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
    // execArgv: [] keeps a loader the process was started with (tsx) out of a thread that needs none.
    const worker = new Worker(checkpointing, {
      eval: true,
      execArgv: [],
      workerData: { driver, file: this.file, busyTimeoutMs: this.busyTimeoutMs, everyMs: EVERY_MS },
    });
    worker.unref();
    // A thread that fails (its file gone, say) only ends: the writer's own checkpoint bounds the WAL.
    worker.on('error', () => {});
    this.thread = { worker, exited: new Promise((resolve) => worker.once('exit', resolve)) };
  }
}
