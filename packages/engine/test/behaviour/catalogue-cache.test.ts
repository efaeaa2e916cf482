import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeFactories } from '../../../../test-support/stores.js';
import { CatalogueCache } from '../../src/catalogue/catalogue.js';
import { openDemo, type Demo } from '../support/demo.js';

describe.each(storeFactories)('the catalogue cache, on the $name store', (factory) => {
  let d: Demo;
  beforeEach(async () => {
    d = await openDemo(factory);
  });
  afterEach(() => d.dispose());

  it('never serves what a discarded unit of work read, though a later change takes its version number again', async () => {
    const cache = new CatalogueCache(d.store);
    const comuneId = d.demo.comuneId;
    const fee = async () => (await d.store.read((tx) => cache.get(tx, comuneId)))!.fees('agent').citizenFee;
    const before = await fee();

    // A unit changes the fee, reads the catalogue at its new version, then fails: the change never commits.
    const discarded = d.store.transaction(async (tx) => {
      await tx.fees.set(comuneId, 'agent', { citizenFee: before + 35, agentShare: 10 });
      expect((await cache.get(tx, comuneId))!.fees('agent').citizenFee).toBe(before + 35);
      throw new Error('refused after the read');
    });
    await expect(discarded).rejects.toThrow('refused after the read');

    // The next change commits under the version number the failed unit had seen.
    await d.store.transaction((tx) => tx.fees.set(comuneId, 'agent', { citizenFee: before + 70, agentShare: 10 }));
    expect(await fee()).toBe(before + 70);
  });

  it('a unit of work run again (SQLite runs a batch again when one of its units fails) reads the catalogue again', async () => {
    const cache = new CatalogueCache(d.store);
    const comuneId = d.demo.comuneId;
    let runs = 0;
    // Queued in the same turn: on SQLite, one batch, which the second unit's failure makes run again.
    const [changed, failed] = await Promise.allSettled([
      d.store.transaction(async (tx) => {
        runs++;
        await tx.fees.set(comuneId, 'agent', { citizenFee: 100 * runs, agentShare: 0 });
        return (await cache.get(tx, comuneId))!.fees('agent').citizenFee;
      }),
      d.store.transaction(async () => {
        throw new Error('refused');
      }),
    ]);
    expect(failed.status).toBe('rejected');
    expect(changed).toEqual({ status: 'fulfilled', value: 100 * runs });
    expect((await d.store.read((tx) => cache.get(tx, comuneId)))!.fees('agent').citizenFee).toBe(100 * runs);
    if (factory.name === 'sqlite') expect(runs).toBe(2);
  });
});
