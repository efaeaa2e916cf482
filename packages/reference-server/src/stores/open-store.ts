import { join } from 'node:path';
import type { Store } from '@pay-box/engine';
import type { ServerConfig } from '../config.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';

export const DATABASE_FILE = 'paybox.sqlite';

/** The store a configuration names: PostgreSQL when PAYBOX_DATABASE_URL is set, else the data folder's SQLite file. */
export async function openStore(config: ServerConfig): Promise<Store> {
  if (config.database) return PostgresStore.open(config.database.url, { poolSize: config.database.poolSize });
  return new SqliteStore(join(config.dataDir, DATABASE_FILE), { maxBatch: config.writeBatchSize });
}
