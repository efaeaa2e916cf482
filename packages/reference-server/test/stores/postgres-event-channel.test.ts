import { silentLogger } from '@pay-box/engine';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresEventChannel } from '../../src/stores/postgres/postgres-event-channel.js';
import { eventually } from '../support/eventually.js';
import { createDatabase, MIGRATED_TEMPLATE } from '../../../../test-support/postgres.js';
import { postgresUrl } from '../../../../test-support/stores.js';

describe.skipIf(!postgresUrl)('events between instances over LISTEN/NOTIFY', () => {
  const opened: PostgresEventChannel[] = [];
  const open = async (url: string) => {
    const channel = await PostgresEventChannel.open(url, silentLogger);
    opened.push(channel);
    return channel;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((channel) => channel.close()));
  });

  it("delivers what one instance publishes to every instance, its own included, and nothing after unsubscribing", async () => {
    const url = await createDatabase(postgresUrl, { template: MIGRATED_TEMPLATE });
    const [a, b] = [await open(url), await open(url)];
    const [onA, onB] = [[] as string[], [] as string[]];
    a.subscribe((message) => onA.push(message));
    const stopB = b.subscribe((message) => onB.push(message));
    await a.publish('first');
    await eventually(() => (onA.length === 1 && onB.length === 1 ? true : undefined), 2_000, 'both to hear it');
    expect([onA, onB]).toEqual([['first'], ['first']]);
    stopB();
    await b.publish('second');
    await eventually(() => (onA.length === 2 ? true : undefined), 2_000);
    expect(onB).toEqual(['first']);
  });

  it('listens again after its connection is cut (a database restart, a failover)', async () => {
    const url = await createDatabase(postgresUrl, { template: MIGRATED_TEMPLATE });
    const [listener, publisher] = [await open(url), await open(url)];
    const heard: string[] = [];
    listener.subscribe((message) => heard.push(message));

    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const listening = async () =>
        (await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`)).rows.map((row) => row.pid);
      const [first, second] = await listening();
      expect(second).toBeDefined();
      // Cut both listening connections; whichever is the listener's, it comes back.
      await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [[first, second]]);
      await eventually(async () => ((await listening()).length === 2 ? true : undefined), 5_000, 'the listeners to reconnect');
    } finally {
      await admin.end();
    }
    await publisher.publish('after the cut');
    await eventually(() => (heard.includes('after the cut') ? true : undefined), 2_000, 'the message after the reconnection');
  });
});
