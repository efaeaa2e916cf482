import fs from 'node:fs';

/**
 * Makes a WAL file's commits durable off the event loop. The writer commits with
 * `synchronous = NORMAL`, which writes a commit's frames to the WAL without an fsync; `afterCommit`
 * then runs fdatasync on libuv's thread pool, and the event loop goes on with the next batch
 * meanwhile. What `afterCommit` promises is what `synchronous = FULL` gives a commit: it resolves
 * once every frame written before the call is on disk, and never before an earlier call's promise.
 *
 * The file descriptor is opened once: SQLite removes a WAL only when the last connection to its
 * database closes, and the store's writer is one of them until the store closes. A WAL reset after a
 * checkpoint keeps the same file; the checkpoint has synced the database file first.
 */
export class WalSync {
  private fd: number | undefined;
  private last: Promise<void> = Promise.resolve();
  private failed: Error | undefined;

  constructor(private readonly walFile: string) {}

  /** Set for good once a sync fails: what was written may not be on disk, and nothing more should be. */
  get failure(): Error | undefined {
    return this.failed;
  }

  /** Call right after a commit; resolves when the commit is durable, or rejects when the disk would not say so. */
  afterCommit(): Promise<void> {
    const synced = new Promise<void>((resolve, reject) => {
      try {
        this.fd ??= fs.openSync(this.walFile, 'r');
      } catch (error) {
        return reject(error);
      }
      fs.fdatasync(this.fd, (error) => (error ? reject(error) : resolve()));
    }).catch((error: unknown) => {
      this.failed ??= new Error(`could not sync ${this.walFile} to disk: the last commits may not be durable; check the disk, then restart (${String(error)})`);
      throw this.failed;
    });
    const inOrder = Promise.all([this.last, synced]).then(() => {
      // A later sync succeeding says nothing of the pages an earlier failed one may have dropped.
      if (this.failed) throw this.failed;
    });
    this.last = inOrder.catch(() => {});
    return inOrder;
  }

  /** Waits for the syncs under way, then closes the file. */
  async close(): Promise<void> {
    await this.last;
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
