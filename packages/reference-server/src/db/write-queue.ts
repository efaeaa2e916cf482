import type { Db } from './database.js';

interface Job<T> {
  work: () => T;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/**
 * The one place every write goes through. Jobs queued in the same turn of the event loop are
 * committed together in one SQLite transaction (group commit: one fsync for many payments),
 * each inside its own savepoint so that a job that throws rolls back alone and changes nothing.
 * A job's promise settles only after the commit, so nobody is told "done" before it is durable.
 */
export class WriteQueue {
  private pending: Job<unknown>[] = [];
  private scheduled = false;
  private closed = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 256,
  ) {}

  /** Runs `work` inside a transaction. `work` is synchronous: no awaits inside a transaction. */
  run<T>(work: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('write queue is closed'));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve, reject } as Job<unknown>);
      if (!this.scheduled) {
        this.scheduled = true;
        this.idle = new Promise((done) => (this.markIdle = done));
        setImmediate(() => this.flush());
      }
    });
  }

  /** Waits for queued jobs, then refuses new ones. */
  async close(): Promise<void> {
    await this.idle;
    this.closed = true;
  }

  private flush(): void {
    const batch = this.pending.splice(0, this.maxBatch);
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (const job of batch) {
        this.db.exec('SAVEPOINT job');
        try {
          outcomes.push({ ok: true, value: job.work() });
          this.db.exec('RELEASE job');
        } catch (error) {
          this.db.exec('ROLLBACK TO job');
          this.db.exec('RELEASE job');
          outcomes.push({ ok: false, error });
        }
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const job of batch) job.reject(error);
      this.afterFlush();
      return;
    }
    batch.forEach((job, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
    this.afterFlush();
  }

  private afterFlush(): void {
    if (this.pending.length > 0) {
      setImmediate(() => this.flush());
    } else {
      this.scheduled = false;
      this.markIdle();
    }
  }
}
