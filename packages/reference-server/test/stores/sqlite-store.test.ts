import fs, { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnitOfWorkError, type UnitOfWork } from '@pay-box/engine';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqliteStore } from '../../src/stores/sqlite/sqlite-store.js';
import { WalCheckpointer } from '../../src/stores/sqlite/wal-checkpointer.js';
import { anotherWriter } from '../support/another-writer.js';

let dir: string;
let file: string;
let store: SqliteStore;
/** A connection of its own sees only what was committed: the witness of every "committed" claim. */
let witness: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paybox-sqlite-store-'));
  file = join(dir, 'paybox.sqlite');
  // No busy wait: a locked database must fail at once in the locking test.
  store = new SqliteStore(file, { busyTimeoutMs: 0 });
  witness = new Database(file, { readonly: true });
});

afterEach(async () => {
  witness.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A row per name: a comune called `name` (its fiscal code is unique, so the same name twice fails). */
const insert = (tx: UnitOfWork, name: string) =>
  tx.comuni.insert({ id: `com_${name.padEnd(8, '0')}`, fiscalCode: name, name, treasuryIban: 'IT41S0100003245000000001234', segregationCode: '47' }, '2026-11-30T10:00:00.000Z');
const committed = () => witness.prepare('SELECT name FROM comuni ORDER BY name').pluck().all() as string[];

describe('SqliteStore: units of work and group commit', () => {
  it('commits units queued together in one transaction and answers each with its own result', async () => {
    const seenByThird: string[][] = [];
    const results = await Promise.all([
      store.transaction(async (tx) => (await insert(tx, 'a'), 'first')),
      store.transaction(async (tx) => (await insert(tx, 'b'), 'second')),
      store.transaction(async (tx) => {
        // The first two units are done but not committed: the batch commits as one.
        seenByThird.push(committed());
        await insert(tx, 'c');
        return 'third';
      }),
    ]);

    expect(results).toEqual(['first', 'second', 'third']);
    expect(seenByThird).toEqual([[]]);
    expect(committed()).toEqual(['a', 'b', 'c']);
  });

  it('settles a unit only after the commit', async () => {
    const visibleOnResolve = await store.transaction((tx) => insert(tx, 'a')).then(() => committed());
    expect(visibleOnResolve).toEqual(['a']);

    const unit = store.transaction((tx) => insert(tx, 'b'));
    let settled = false;
    void unit.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(committed()).toEqual(['a']);
    await unit;
    expect(committed()).toEqual(['a', 'b']);
  });

  it('reads outside a unit of work never see what is not committed yet', async () => {
    let readDuringBatch: number | undefined;
    await Promise.all([
      store.transaction(async (tx) => {
        await insert(tx, 'a');
        readDuringBatch = await store.read((reader) => reader.comuni.count());
      }),
      store.transaction((tx) => insert(tx, 'b')),
    ]);
    expect(readDuringBatch).toBe(0);
    expect(await store.read((reader) => reader.comuni.count())).toBe(2);
  });

  it('reads a snapshot that stays as it was while units of work go on committing', async () => {
    await store.transaction((tx) => insert(tx, 'a'));
    let unblock = () => {};
    const reading = store.snapshot(async (tx) => {
      const before = await tx.comuni.count();
      await new Promise<void>((resolve) => (unblock = resolve));
      return [before, await tx.comuni.count()];
    });
    await store.transaction((tx) => insert(tx, 'b'));
    expect(committed()).toEqual(['a', 'b']);
    unblock();
    expect(await reading).toEqual([1, 1]);
  });

  it('refuses a write through a read', async () => {
    await expect(store.read((reader) => insert(reader, 'a'))).rejects.toThrow(/readonly/);
    expect(committed()).toEqual([]);
  });

  it('rolls back a unit that throws, alone, and rejects it with its own error', async () => {
    const boom = new Error('boom');
    const outcomes = await Promise.allSettled([
      store.transaction((tx) => insert(tx, 'a')),
      store.transaction(async (tx) => {
        await insert(tx, 'b1');
        await insert(tx, 'b2');
        throw boom;
      }),
      store.transaction(async (tx) => {
        await insert(tx, 'c1');
        await insert(tx, 'a'); // fiscal code taken: SQLite fails half-way through the unit
      }),
      store.transaction((tx) => insert(tx, 'd')),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(outcomes[1]).toEqual({ status: 'rejected', reason: boom });
    expect(outcomes[2]).toMatchObject({ status: 'rejected', reason: { code: 'SQLITE_CONSTRAINT_UNIQUE' } });
    expect(committed()).toEqual(['a', 'd']);
  });

  it('runs a unit again only when another unit of its batch failed, never the failed one, and commits as if each ran alone', async () => {
    const runs = { a: 0, b: 0, c: 0 };
    const batch = () =>
      Promise.allSettled([
        store.transaction(async (tx) => (runs.a++, await insert(tx, `a${runs.a}`), 'a')),
        store.transaction(async (tx) => {
          runs.b++;
          await insert(tx, 'b');
          throw new Error('boom');
        }),
        store.transaction(async (tx) => (runs.c++, await insert(tx, 'c'), 'c')),
      ]);

    // The batch ran without savepoints until b failed, then again with one per unit, b left out.
    expect((await batch()).map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(runs).toEqual({ a: 2, b: 1, c: 1 });
    expect(committed()).toEqual(['a2', 'c']);

    // After a failure the next batch starts in savepoints: nothing runs twice (c fails too now: its name is taken).
    expect((await batch()).map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(runs).toEqual({ a: 3, b: 2, c: 2 });

    // Once a batch went through whole, batches run together again.
    await store.transaction((tx) => insert(tx, 'd'));
    expect((await batch()).map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(runs).toEqual({ a: 5, b: 3, c: 3 });
    expect(committed()).toEqual(['a2', 'a3', 'a5', 'c', 'd']);
  });

  it('rolls back a unit that awaits something other than its transaction (a bank, a network) and commits the others', async () => {
    const outcomes = await Promise.allSettled([
      store.transaction((tx) => insert(tx, 'a')),
      store.transaction(async (tx) => {
        await insert(tx, 'b');
        await new Promise((resolve) => setTimeout(resolve, 5));
        await insert(tx, 'b2');
      }),
      store.transaction((tx) => insert(tx, 'c')),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: expect.any(UnitOfWorkError) });
    expect(committed()).toEqual(['a', 'c']);
  });

  it('commits at most maxBatch units at a time and still answers every unit in order', async () => {
    await store.close();
    witness.close();
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'paybox-sqlite-store-'));
    file = join(dir, 'paybox.sqlite');
    store = new SqliteStore(file, { maxBatch: 2 });
    witness = new Database(file, { readonly: true });

    const names = ['a', 'b', 'c', 'd', 'e'];
    const seenBefore = new Map<string, string[]>();
    const results = await Promise.all(
      names.map((name) =>
        store.transaction(async (tx) => {
          seenBefore.set(name, committed());
          await insert(tx, name);
          return name.toUpperCase();
        }),
      ),
    );
    expect(results).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(Object.fromEntries(seenBefore)).toEqual({ a: [], b: [], c: ['a', 'b'], d: ['a', 'b'], e: ['a', 'b', 'c', 'd'] });
    expect(committed()).toEqual(names);
  });

  it('fails every unit of a batch it cannot commit, writes nothing, and works again afterwards', async () => {
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE'); // another writer holds the lock
    const outcomes = await Promise.allSettled([store.transaction((tx) => insert(tx, 'a')), store.transaction((tx) => insert(tx, 'b'))]);
    other.exec('ROLLBACK');
    other.close();

    expect(outcomes).toMatchObject([
      { status: 'rejected', reason: { code: 'SQLITE_BUSY' } },
      { status: 'rejected', reason: { code: 'SQLITE_BUSY' } },
    ]);
    expect(committed()).toEqual([]);
    await store.transaction((tx) => insert(tx, 'c'));
    expect(committed()).toEqual(['c']);
  });

  it('finishes queued units on close, then refuses new ones', async () => {
    const queued = store.transaction((tx) => insert(tx, 'a'));
    await store.close();
    await expect(queued).resolves.toBeUndefined();
    expect(committed()).toEqual(['a']);
    await expect(store.transaction((tx) => insert(tx, 'b'))).rejects.toThrow('the store is closed');
  });

  it('opens a new file while another process writes to it, waiting up to its busy timeout', async () => {
    const newFile = join(dir, 'new.sqlite');
    const other = await anotherWriter(newFile, 300);

    const waiting = new SqliteStore(newFile, { busyTimeoutMs: 5_000 });

    await waiting.transaction((tx) => insert(tx, 'a'));
    expect(await waiting.read((tx) => tx.comuni.catalogueVersion('com_a0000000'))).toBe(1);
    await waiting.close();
    await other.done;
  });
});

describe('SqliteStore: durability', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Holds every fdatasync of a WAL until `release` is called: a disk that takes its time. */
  function slowDisk() {
    const held: Array<() => void> = [];
    const fdatasync = fs.fdatasync;
    vi.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, done: (error: NodeJS.ErrnoException | null) => void) => {
      held.push(() => fdatasync(fd, done));
    }) as typeof fs.fdatasync);
    return { held, release: () => held.splice(0).forEach((sync) => sync()) };
  }

  const settledYet = (unit: Promise<unknown>) => {
    const state = { settled: false };
    void unit.then(() => (state.settled = true), () => (state.settled = true));
    return state;
  };
  const turn = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('tells a unit of work it is done only once the disk has its commit, and commits the next batch meanwhile', async () => {
    const disk = slowDisk();
    const first = store.transaction((tx) => insert(tx, 'a'));
    const firstState = settledYet(first);
    await turn();
    // Committed (another connection sees it) and its WAL being synced, but nobody is told yet.
    expect(committed()).toEqual(['a']);
    expect(disk.held).toHaveLength(1);
    expect(firstState.settled).toBe(false);

    const second = store.transaction((tx) => insert(tx, 'b'));
    const secondState = settledYet(second);
    await turn();
    expect(committed()).toEqual(['a', 'b']);
    expect(disk.held).toHaveLength(2);
    expect([firstState.settled, secondState.settled]).toEqual([false, false]);

    disk.release();
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
  });

  it('answers batches in the order they committed, even when the disk confirms a later one first', async () => {
    const disk = slowDisk();
    const order: string[] = [];
    const first = store.transaction((tx) => insert(tx, 'a')).then(() => order.push('a'));
    await turn();
    const second = store.transaction((tx) => insert(tx, 'b')).then(() => order.push('b'));
    await turn();
    const [syncFirst, syncSecond] = disk.held.splice(0);
    syncSecond!();
    await turn();
    expect(order).toEqual([]);
    syncFirst!();
    await Promise.all([first, second]);
    expect(order).toEqual(['a', 'b']);
  });

  it('when the disk fails a sync, fails the units it covered and every later one, and refuses new units', async () => {
    vi.spyOn(fs, 'fdatasync').mockImplementation(((_fd: number, done: (error: NodeJS.ErrnoException | null) => void) => {
      setImmediate(() => done(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })));
    }) as typeof fs.fdatasync);

    const outcomes = await Promise.allSettled([store.transaction((tx) => insert(tx, 'a')), store.transaction((tx) => insert(tx, 'b'))]);

    expect(outcomes).toMatchObject([
      { status: 'rejected', reason: { message: expect.stringMatching(/could not sync .*paybox\.sqlite-wal to disk.*EIO/) } },
      { status: 'rejected', reason: { message: expect.stringMatching(/could not sync/) } },
    ]);
    vi.restoreAllMocks();
    await expect(store.transaction((tx) => insert(tx, 'c'))).rejects.toThrow(/could not sync/);
    expect(committed()).toEqual(['a', 'b']);
  });
});

describe('SqliteStore: checkpoints', () => {
  /** The comuni in the database file alone, as a copy without its WAL sees them (none before a checkpoint). */
  const comuniInTheFileAlone = () => {
    const copy = join(dir, 'copy.sqlite');
    copyFileSync(file, copy);
    const alone = new Database(copy, { readonly: true });
    try {
      return alone.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'comuni'").pluck().get() === 1
        ? (alone.prepare('SELECT count(*) FROM comuni').pluck().get() as number)
        : 0;
    } catch {
      return 0; // copied in the middle of a checkpoint: the next copy will do
    } finally {
      alone.close();
    }
  };

  it('under steady commits, copies the WAL back into the database file by itself, well before the WAL reaches a thousand pages', async () => {
    // Each unit its own commit: a few pages of WAL each, a few hundred in all.
    for (let n = 0; n < 150; n++) await store.transaction((tx) => insert(tx, `n${String(n).padStart(3, '0')}`));

    let inTheFile = comuniInTheFileAlone();
    for (let waited = 0; inTheFile < 150 && waited < 5_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      inTheFile = comuniInTheFileAlone();
    }
    expect(inTheFile).toBe(150);
    expect(committed()).toHaveLength(150);
  });

  it('a checkpointing thread that cannot open its file only ends: nothing throws, and stopping it still works', async () => {
    const writer = new Database(':memory:');
    const checkpointer = new WalCheckpointer(writer, join(dir, 'no such folder', 'x.sqlite'), 0);
    for (let n = 0; n < 100; n++) checkpointer.committed();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(checkpointer.stop()).resolves.toBeUndefined();
    writer.close();
  });
});
