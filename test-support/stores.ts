import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore, type Store } from '@pay-box/engine';
import { SqliteStore } from '../packages/reference-server/src/stores/sqlite/sqlite-store.js';

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

/**
 * Every store behind the engine's port. The engine's behaviour suite runs once per entry, so each
 * store keeps every money rule; a new store (PostgreSQL) joins by adding itself here.
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
];
