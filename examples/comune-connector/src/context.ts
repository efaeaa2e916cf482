import type { TributiDatabase } from './database.js';

/** What the routes share: the database, the secrets Pay-Box signs with, and where to log. */
export interface TributiContext {
  db: TributiDatabase;
  /** The connector's `whsec_` secret, shown by Pay-Box when the connector was created. */
  connectorSecret: string;
  /** The webhook endpoint's `whsec_` secret; without it webhooks are refused (503) and Pay-Box keeps them for later. */
  webhookSecret: string | undefined;
  log: (line: string) => void;
}
