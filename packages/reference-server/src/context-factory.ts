import { join } from 'node:path';
import { openDatabase, type Db } from './db/database.js';
import { createRepositories } from './db/repositories/index.js';
import { WriteQueue } from './db/write-queue.js';
import { EventBus } from './events/event-bus.js';
import { Ledger } from './ledger/ledger.js';
import { randomIds, systemClock, type Clock, type IdSource } from './ports.js';
import type { ServiceContext, Settings } from './services/context.js';
import { TransferWaits } from './services/transfer-waits.js';

export const DATABASE_FILE = 'paybox.sqlite';

/** Opens the database of a data folder and wires the use cases' context around it. */
export function openContext(
  dataDir: string,
  settings: Settings,
  ports: { clock?: Clock; ids?: IdSource } = {},
  writeBatchSize?: number,
): { db: Db; ctx: ServiceContext } {
  const db = openDatabase(dataDir === ':memory:' ? ':memory:' : join(dataDir, DATABASE_FILE));
  const repos = createRepositories(db);
  const ids = ports.ids ?? randomIds;
  const events = new EventBus();
  const ctx: ServiceContext = {
    repos,
    writes: new WriteQueue(db, writeBatchSize),
    ledger: new Ledger(repos.ledger, ids),
    clock: ports.clock ?? systemClock,
    ids,
    events,
    transferWaits: new TransferWaits(events),
    settings,
  };
  return { db, ctx };
}
