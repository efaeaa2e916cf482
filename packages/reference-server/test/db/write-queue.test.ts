import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { WriteQueue } from '../../src/db/write-queue.js';

let dir: string;
let writer: Db;
/** A second connection sees only what was committed: the witness of every "committed" claim. */
let reader: Db;
let queue: WriteQueue;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paybox-write-queue-'));
  const file = join(dir, 'queue.sqlite');
  // No busy wait: a locked database must fail at once in the locking test.
  writer = new Database(file, { timeout: 0 });
  writer.pragma('journal_mode = WAL');
  writer.exec('CREATE TABLE items (name TEXT PRIMARY KEY)');
  reader = new Database(file, { readonly: true });
  queue = new WriteQueue(writer);
});

afterEach(() => {
  reader.close();
  writer.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (name: string) => writer.prepare('INSERT INTO items (name) VALUES (?)').run(name);
const committed = () => reader.prepare('SELECT name FROM items ORDER BY name').pluck().all() as string[];

describe('WriteQueue', () => {
  it('commits jobs queued together in one transaction and answers each with its own result', async () => {
    const seenByThird: string[][] = [];
    const results = await Promise.all([
      queue.run(() => (insert('a'), 'first')),
      queue.run(() => (insert('b'), 'second')),
      queue.run(() => {
        // The first two jobs are done but not committed: the batch commits as one.
        seenByThird.push(committed());
        insert('c');
        return 'third';
      }),
    ]);

    expect(results).toEqual(['first', 'second', 'third']);
    expect(seenByThird).toEqual([[]]);
    expect(committed()).toEqual(['a', 'b', 'c']);
  });

  it('settles a promise only after the commit', async () => {
    const visibleOnResolve = await queue.run(() => insert('a')).then(() => committed());
    expect(visibleOnResolve).toEqual(['a']);

    const job = queue.run(() => insert('b'));
    let settled = false;
    void job.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(committed()).toEqual(['a']);
    await job;
    expect(committed()).toEqual(['a', 'b']);
  });

  it('rolls back a job that throws, alone, and rejects it with its own error', async () => {
    const boom = new Error('boom');
    const outcomes = await Promise.allSettled([
      queue.run(() => insert('a')),
      queue.run(() => {
        insert('b1');
        insert('b2');
        throw boom;
      }),
      queue.run(() => {
        insert('c1');
        insert('a'); // primary key taken: SQLite fails half-way through the job
      }),
      queue.run(() => insert('d')),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(outcomes[1]).toEqual({ status: 'rejected', reason: boom });
    expect(outcomes[2]).toMatchObject({ status: 'rejected', reason: { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' } });
    expect(committed()).toEqual(['a', 'd']);
  });

  it('commits at most maxBatch jobs at a time and still answers every job in order', async () => {
    const small = new WriteQueue(writer, 2);
    const names = ['a', 'b', 'c', 'd', 'e'];
    const seenBefore = new Map<string, string[]>();
    const results = await Promise.all(
      names.map((name) =>
        small.run(() => {
          seenBefore.set(name, committed());
          insert(name);
          return name.toUpperCase();
        }),
      ),
    );
    expect(results).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(Object.fromEntries(seenBefore)).toEqual({ a: [], b: [], c: ['a', 'b'], d: ['a', 'b'], e: ['a', 'b', 'c', 'd'] });
    expect(committed()).toEqual(names);
  });

  it('fails every job of a batch it cannot commit, writes nothing, and works again afterwards', async () => {
    const other = new Database(join(dir, 'queue.sqlite'));
    other.exec('BEGIN IMMEDIATE'); // another writer holds the lock
    const outcomes = await Promise.allSettled([queue.run(() => insert('a')), queue.run(() => insert('b'))]);
    other.exec('ROLLBACK');
    other.close();

    expect(outcomes).toMatchObject([
      { status: 'rejected', reason: { code: 'SQLITE_BUSY' } },
      { status: 'rejected', reason: { code: 'SQLITE_BUSY' } },
    ]);
    expect(writer.inTransaction).toBe(false);
    expect(committed()).toEqual([]);
    await queue.run(() => insert('c'));
    expect(committed()).toEqual(['c']);
  });

  it('finishes queued jobs on close, then refuses new ones', async () => {
    const queued = queue.run(() => insert('a'));
    await queue.close();
    await expect(queued).resolves.toBeDefined();
    expect(committed()).toEqual(['a']);
    await expect(queue.run(() => insert('b'))).rejects.toThrow('write queue is closed');
  });
});
