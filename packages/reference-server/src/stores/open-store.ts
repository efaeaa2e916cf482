import { join } from 'node:path';
import type { Store } from '@pay-box/engine';
import type { ServerConfig } from '../config.js';
import { SqliteStore } from './sqlite/sqlite-store.js';

export const DATABASE_FILE = 'paybox.sqlite';

/** The store a configuration names: the embedded SQLite file of the data folder. */
export function openStore(config: ServerConfig): Store {
  return new SqliteStore(join(config.dataDir, DATABASE_FILE), { maxBatch: config.writeBatchSize });
}
