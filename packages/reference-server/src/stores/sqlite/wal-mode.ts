import Database from 'better-sqlite3';

/** A pause that blocks: opening a database is synchronous, with no event loop to yield to. */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Puts a database file in WAL mode. SQLite refuses the switch at once (SQLITE_BUSY, without waiting
 * for its busy timeout) while another connection writes to the file: two servers, or a server and
 * the command line, opening a new data folder at the same moment. The switch is retried until
 * `timeoutMs`; once one of them has made the file WAL, the others find it so.
 */
export function useWal(db: Database.Database, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!(error instanceof Database.SqliteError && error.code === 'SQLITE_BUSY') || Date.now() >= deadline) throw error;
      pause(10);
    }
  }
}
