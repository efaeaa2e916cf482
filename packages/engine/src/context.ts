import type { PasswordHasher } from './auth/passwords.js';
import type { CardOperations } from './checkout/card-operations.js';
import type { CardAcquirer } from './ports/card-acquirer.js';
import type { CatalogueCache } from './catalogue/catalogue.js';
import type { EventBus } from './events/event-bus.js';
import type { TransferWaits } from './payments/transfer-waits.js';
import type { Clock } from './ports/clock.js';
import type { IdSource } from './ports/ids.js';
import type { Sha256 } from './ports/hashing.js';
import type { Logger } from './ports/logger.js';
import type { Store } from './ports/store.js';
import type { TransferRail } from './ports/transfer-rail.js';
import type { TransferDispatcher } from './transfers/dispatcher.js';
import type { WebhookOptions } from './webhooks/webhook-rules.js';
import type { ConnectorOptions } from './connectors/connector-rules.js';

export interface Settings {
  /** Base URL printed on receipts for verification; may change once the server knows its port. */
  publicUrl: string;
  /** The payment institution the agents collect for, as printed on receipts. */
  institutionName: string;
  /** How long a payment request waits for the bank reference before answering with the transfer `pending`. */
  transferWaitMs: number;
}

export interface DispatchOptions {
  /** SCT Inst completes within 10 s; past that the outcome is unknown and we ask the bank. */
  sendTimeoutMs: number;
  /** How long a claimed outbox row is one dispatch's; a crash frees it when the lease runs out. */
  leaseMs: number;
  /** Backoff between failed attempts: base, doubled per failure, capped. */
  retryBaseMs: number;
  retryMaxMs: number;
}

export const defaultDispatchOptions: DispatchOptions = { sendTimeoutMs: 10_000, leaseMs: 60_000, retryBaseMs: 500, retryMaxMs: 60_000 };

/** What every use case gets: storage, the bank rail, the ports, and the engine's own shared parts. */
export interface EngineContext {
  store: Store;
  rail: TransferRail;
  /** The card acquirer of the web channel; without one, checkout sessions are refused. */
  acquirer: CardAcquirer | undefined;
  clock: Clock;
  ids: IdSource;
  log: Logger;
  passwords: PasswordHasher;
  sha256: Sha256;
  events: EventBus;
  settings: Settings;
  dispatch: DispatchOptions;
  /** Webhook deliveries: their retry policy, time-out, HTTP transport and URL guard. */
  webhooks: WebhookOptions;
  /** Connectors to the comunes' own credit systems, and the write-back's retry policy. */
  connectors: ConnectorOptions;
  catalogue: CatalogueCache;
  transferWaits: TransferWaits;
  dispatcher: TransferDispatcher;
  cardOperations: CardOperations;
  /** Idempotency keys whose first request is running in this process (`<api key id> <key>`). */
  runningRequests: Set<string>;
}
