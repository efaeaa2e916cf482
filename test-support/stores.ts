import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore, type Store } from '@pay-box/engine';
import pg from 'pg';
import { inject } from 'vitest';
import { PostgresStore } from '../packages/reference-server/src/stores/postgres/postgres-store.js';
import { SqliteStore } from '../packages/reference-server/src/stores/sqlite/sqlite-store.js';
import { tableNames } from '../packages/reference-server/src/stores/sql/schema.js';
import { createDatabase, MIGRATED_TEMPLATE } from './postgres.js';

/** A store under test, and what is needed to open it again as the same database (a restart). */
export interface OpenedStore {
  store: Store;
  /** Closes this store and opens the same data again, as a process restarting would. */
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

export interface StoreFactory {
  name: string;
  open(): Promise<OpenedStore>;
}

/** The test run's throwaway PostgreSQL server (see postgres-global-setup.ts); '' where the machine has none. */
export const postgresUrl = inject('postgresUrl');

/**
 * Migrated, empty databases on the test run's PostgreSQL server. One a test has finished with is
 * emptied and kept for the next test of this worker: creating one costs a quarter of a second,
 * emptying one a few milliseconds.
 */
export const postgresDatabases = {
  spare: [] as string[],
  async take(): Promise<string> {
    return this.spare.pop() ?? (await createDatabase(postgresUrl, { template: MIGRATED_TEMPLATE }));
  },
  async giveBack(url: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`TRUNCATE ${tableNames.map((table) => `"${table}"`).join(', ')} RESTART IDENTITY`);
    } finally {
      await client.end();
    }
    this.spare.push(url);
  },
};

/** A database of its own on the test run's PostgreSQL server, for one test, migrated and empty. */
const postgres: StoreFactory = {
  name: 'postgres',
  async open() {
    const url = await postgresDatabases.take();
    let store: Store = await PostgresStore.open(url, { poolSize: 4 });
    return {
      get store() {
        return store;
      },
      async reopen() {
        await store.close();
        store = await PostgresStore.open(url, { poolSize: 4 });
        return store;
      },
      async dispose() {
        await store.close();
        await postgresDatabases.giveBack(url);
      },
    };
  },
};

/**
 * Every store behind the engine's port. The engine's behaviour suite runs once per entry, so each
 * store keeps every money rule. PostgreSQL joins where the machine has its binaries.
 */
export const storeFactories: StoreFactory[] = [
  {
    name: 'memory',
    async open() {
      // Memory has no file to reopen: "restarting" keeps the same instance, as if its data survived.
      let store: Store = new MemoryStore();
      return { store, reopen: async () => store, dispose: () => store.close() };
    },
  },
  {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'paybox-store-'));
      const file = join(dir, 'paybox.sqlite');
      let store: Store = new SqliteStore(file);
      return {
        get store() {
          return store;
        },
        async reopen() {
          await store.close();
          store = new SqliteStore(file);
          return store;
        },
        async dispose() {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  ...(postgresUrl ? [postgres] : []),
];
