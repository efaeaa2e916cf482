import Database from 'better-sqlite3';
import { seedConnectorCredits } from './seed.js';
import { insertCredit } from './credits.js';

export type TributiDatabase = Database.Database;

/**
 * The tributi system's tables. `payments` holds what Pay-Box reported paid, one row per Pay-Box
 * payment id; `webhook_events` the webhooks received, one row per webhook-id.
 */
const schema = `
CREATE TABLE IF NOT EXISTS credits (
  notice_number TEXT PRIMARY KEY,
  service_code TEXT NOT NULL,
  debtor_type TEXT NOT NULL CHECK (debtor_type IN ('person', 'company')),
  debtor_tax_code TEXT NOT NULL,
  debtor_name TEXT NOT NULL,
  description TEXT NOT NULL,
  public_description TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  due_date TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'cancelled')),
  paid_at TEXT
);
CREATE INDEX IF NOT EXISTS credits_by_debtor ON credits (debtor_tax_code, service_code);
CREATE TABLE IF NOT EXISTS payments (
  payment_id TEXT PRIMARY KEY,
  notice_number TEXT NOT NULL,
  service_code TEXT NOT NULL,
  amount INTEGER NOT NULL,
  paid_at TEXT NOT NULL,
  channel TEXT NOT NULL,
  receipt_number TEXT NOT NULL,
  verification_code TEXT NOT NULL,
  problem TEXT,
  bank_reference TEXT,
  received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS webhook_events (
  webhook_id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  created_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  body TEXT NOT NULL
);
`;

/** Opens the SQLite file, creating the tables and the seed credits the first time. */
export function openTributiDatabase(path: string, now: Date = new Date()): TributiDatabase {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(schema);
  const { count } = db.prepare<[], { count: number }>('SELECT count(*) AS count FROM credits').get() ?? { count: 0 };
  if (count === 0) db.transaction(() => seedConnectorCredits(now).forEach((credit) => insertCredit(db, credit)))();
  return db;
}
