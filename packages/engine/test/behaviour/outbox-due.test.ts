import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeFactories } from '../../../../test-support/stores.js';
import { openDemo, type Demo } from '../support/demo.js';

const start = Date.parse('2026-12-01T10:00:00.000Z');
const at = (seconds: number) => new Date(start + seconds * 1000).toISOString();

describe.each(storeFactories)('the outbox, on the $name store', (factory) => {
  let d: Demo;
  beforeEach(async () => {
    d = await openDemo(factory);
  });
  afterEach(() => d.dispose());

  const insert = (id: string, leaseUntil: string | null) =>
    d.store.transaction((tx) => tx.outbox.insert({ id, comuneId: d.demo.comuneId, kind: 'webhook', subjectId: `subject-${id}`, leaseUntil }, at(0)));
  const claim = async (now: number, limit = 10) =>
    (await d.store.transaction((tx) => tx.outbox.claimDue(at(now), at(now + 60), limit))).map((row) => row.id);
  const nextDue = () => d.store.read((tx) => tx.outbox.nextDueAt());

  it('claims each row when it falls due: a leased one when its lease ends, another at its retry time', async () => {
    await insert('in-flight', at(60));
    await insert('new', null);
    await insert('retried', null);
    await d.store.transaction((tx) => tx.outbox.retryLater('retried', at(30), 'bank did not answer in time'));

    expect(await nextDue()).toBe(at(0));
    expect(await claim(1)).toEqual(['new']);
    // "new" is now leased until 61 s: the next to fall due is the retry.
    expect(await nextDue()).toBe(at(30));
    expect(await claim(29)).toEqual([]);
    expect(await claim(45)).toEqual(['retried']);
    // A crashed dispatch's lease runs out: its row is due again, whatever its first time was.
    expect(await claim(60)).toEqual(['in-flight']);
    expect(await claim(61)).toEqual(['new']);
  });

  it('claims the earliest due first, no more than asked', async () => {
    await insert('leased-longest', at(50));
    await insert('leased-shortest', at(10));
    await insert('leased-between', at(20));
    expect(await claim(100, 2)).toEqual(['leased-shortest', 'leased-between']);
    expect(await claim(100, 2)).toEqual(['leased-longest']);
  });
});
