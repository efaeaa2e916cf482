import type { Repositories } from '../db/repositories/index.js';
import type { WriteQueue } from '../db/write-queue.js';
import type { EventBus } from '../events/event-bus.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Clock, IdSource } from '../ports.js';
import type { TransferWaits } from './transfer-waits.js';

export interface Settings {
  /** Base URL printed on receipts for verification. */
  publicUrl: string;
  /** The payment institution the agents collect for, as printed on receipts. */
  institutionName: string;
  /** How long a payment request waits for the bank reference before answering `pending`. */
  transferWaitMs: number;
}

/** What every use case gets: storage, the single writer, the ledger, and the ports. */
export interface ServiceContext {
  repos: Repositories;
  writes: WriteQueue;
  ledger: Ledger;
  clock: Clock;
  ids: IdSource;
  events: EventBus;
  transferWaits: TransferWaits;
  settings: Settings;
}
