/**
 * SQLite schema migrations, applied in order and recorded in `schema_migrations`. A migration is never
 * edited once released: add a new one. Every tenant table carries `comune_id`.
 * Money is INTEGER cents; instants are ISO 8601 UTC text (they sort).
 */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE comuni (
  id TEXT PRIMARY KEY,
  fiscal_code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  treasury_iban TEXT NOT NULL,
  segregation_code TEXT NOT NULL,
  next_iuv INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE fee_schedules (
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  channel TEXT NOT NULL CHECK (channel IN ('agent', 'web', 'app')),
  citizen_fee INTEGER NOT NULL CHECK (citizen_fee >= 0),
  agent_share INTEGER NOT NULL CHECK (agent_share >= 0 AND agent_share <= citizen_fee),
  PRIMARY KEY (comune_id, channel)
);

CREATE TABLE services (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  accepts_unexpected INTEGER NOT NULL DEFAULT 0,
  fields_json TEXT,
  amount_rule_json TEXT,
  UNIQUE (comune_id, code)
);

CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  name TEXT NOT NULL,
  tax_code TEXT NOT NULL,
  address TEXT NOT NULL,
  low_balance_threshold INTEGER NOT NULL DEFAULT 50000,
  created_at TEXT NOT NULL
);

CREATE TABLE terminals (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  agent_id TEXT NOT NULL REFERENCES agents(id),
  label TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('publishable', 'terminal')),
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  agent_id TEXT REFERENCES agents(id),
  terminal_id TEXT REFERENCES terminals(id),
  key_hash TEXT NOT NULL UNIQUE,
  key_prefix TEXT NOT NULL,
  allowed_origins_json TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  CHECK (kind = 'publishable' OR (agent_id IS NOT NULL AND terminal_id IS NOT NULL))
);

CREATE TABLE staff_users (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  created_at TEXT NOT NULL
);

CREATE TABLE credits (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  service_id TEXT NOT NULL REFERENCES services(id),
  notice_number TEXT NOT NULL,
  iuv TEXT NOT NULL,
  debtor_type TEXT NOT NULL CHECK (debtor_type IN ('person', 'company')),
  debtor_tax_code TEXT NOT NULL,
  debtor_name TEXT NOT NULL,
  description TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  due_date TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'cancelled', 'expired')),
  unexpected INTEGER NOT NULL DEFAULT 0,
  fields_json TEXT,
  created_at TEXT NOT NULL,
  paid_at TEXT,
  -- A notice number identifies a credit within its creditor comune, as in pagoPA.
  UNIQUE (comune_id, notice_number)
);
CREATE INDEX credits_by_debtor ON credits (comune_id, debtor_tax_code, service_id);

CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  credit_id TEXT NOT NULL UNIQUE REFERENCES credits(id),
  channel TEXT NOT NULL CHECK (channel IN ('agent', 'web', 'app')),
  agent_id TEXT REFERENCES agents(id),
  terminal_id TEXT REFERENCES terminals(id),
  amount INTEGER NOT NULL CHECK (amount > 0),
  citizen_fee INTEGER NOT NULL CHECK (citizen_fee >= 0),
  agent_fee_share INTEGER NOT NULL CHECK (agent_fee_share >= 0),
  institution_fee_share INTEGER NOT NULL CHECK (institution_fee_share >= 0),
  float_debited INTEGER NOT NULL CHECK (float_debited >= 0),
  ledger_transaction_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (citizen_fee = agent_fee_share + institution_fee_share)
);
CREATE INDEX payments_by_agent ON payments (agent_id, created_at);

CREATE TABLE receipts (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  payment_id TEXT NOT NULL UNIQUE REFERENCES payments(id),
  number TEXT NOT NULL,
  verification_code TEXT NOT NULL UNIQUE,
  issued_at TEXT NOT NULL,
  UNIQUE (comune_id, number)
);

CREATE TABLE counters (
  comune_id TEXT NOT NULL,
  name TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (comune_id, name)
);

CREATE TABLE transfers (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  payment_id TEXT NOT NULL UNIQUE REFERENCES payments(id),
  amount INTEGER NOT NULL CHECK (amount > 0),
  creditor_name TEXT NOT NULL,
  creditor_iban TEXT NOT NULL,
  remittance TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'settled', 'rejected')),
  send_attempts INTEGER NOT NULL DEFAULT 0,
  bank_reference TEXT UNIQUE,
  reject_reason TEXT,
  settlement_transaction_id TEXT,
  created_at TEXT NOT NULL,
  settled_at TEXT,
  CHECK ((status = 'settled') = (bank_reference IS NOT NULL))
);

CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'done')),
  attempts INTEGER NOT NULL DEFAULT 0,
  available_at TEXT NOT NULL,
  lease_until TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  done_at TEXT,
  UNIQUE (kind, subject_id)
);
CREATE INDEX outbox_due ON outbox (status, available_at);

-- Ledger: append-only. A posting's amount is signed, debit positive, credit negative;
-- the postings of one transaction sum to zero (checked when posting and by tests).
CREATE TABLE ledger_accounts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('agent_float', 'comune_payable', 'fee_revenue', 'institution_bank', 'acquirer_receivable')),
  comune_id TEXT,
  agent_id TEXT,
  balance INTEGER NOT NULL DEFAULT 0,
  -- A float is a liability: its balance is <= 0, and -balance is what the shop can still collect.
  CHECK (kind <> 'agent_float' OR balance <= 0)
);

CREATE TABLE ledger_transactions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('payment', 'settlement', 'top_up', 'reversal')),
  reference_id TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE ledger_postings (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  transaction_id TEXT NOT NULL REFERENCES ledger_transactions(id),
  account_id TEXT NOT NULL REFERENCES ledger_accounts(id),
  amount INTEGER NOT NULL CHECK (amount <> 0),
  created_at TEXT NOT NULL
);
CREATE INDEX postings_by_account ON ledger_postings (account_id, created_at);

CREATE TRIGGER ledger_postings_append_only_update BEFORE UPDATE ON ledger_postings
BEGIN SELECT RAISE(ABORT, 'ledger postings are append-only'); END;
CREATE TRIGGER ledger_postings_append_only_delete BEFORE DELETE ON ledger_postings
BEGIN SELECT RAISE(ABORT, 'ledger postings are append-only'); END;
CREATE TRIGGER ledger_transactions_append_only_update BEFORE UPDATE ON ledger_transactions
BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only'); END;
CREATE TRIGGER ledger_transactions_append_only_delete BEFORE DELETE ON ledger_transactions
BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only'); END;

CREATE TABLE idempotency_keys (
  api_key_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  operation TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  payment_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (api_key_id, idempotency_key)
);
`,
  },
  {
    version: 2,
    name: 'one engine',
    sql: `
-- What anyone paying may read of a credit: the comune's own description may name people and places.
-- Credits from before keep their service's name, which names nobody.
ALTER TABLE credits ADD COLUMN public_description TEXT NOT NULL DEFAULT '';
UPDATE credits SET public_description = (SELECT name FROM services WHERE services.id = credits.service_id);

-- Caches of a comune's catalogue compare this before they are trusted; triggers grow it on any change.
ALTER TABLE comuni ADD COLUMN catalogue_version INTEGER NOT NULL DEFAULT 1;
CREATE TRIGGER services_touch_catalogue_insert AFTER INSERT ON services
BEGIN UPDATE comuni SET catalogue_version = catalogue_version + 1 WHERE id = NEW.comune_id; END;
CREATE TRIGGER services_touch_catalogue_update AFTER UPDATE ON services
BEGIN UPDATE comuni SET catalogue_version = catalogue_version + 1 WHERE id IN (OLD.comune_id, NEW.comune_id); END;
CREATE TRIGGER services_touch_catalogue_delete AFTER DELETE ON services
BEGIN UPDATE comuni SET catalogue_version = catalogue_version + 1 WHERE id = OLD.comune_id; END;
CREATE TRIGGER fees_touch_catalogue_insert AFTER INSERT ON fee_schedules
BEGIN UPDATE comuni SET catalogue_version = catalogue_version + 1 WHERE id = NEW.comune_id; END;
CREATE TRIGGER fees_touch_catalogue_update AFTER UPDATE ON fee_schedules
BEGIN UPDATE comuni SET catalogue_version = catalogue_version + 1 WHERE id IN (OLD.comune_id, NEW.comune_id); END;
CREATE TRIGGER fees_touch_catalogue_delete AFTER DELETE ON fee_schedules
BEGIN UPDATE comuni SET catalogue_version = catalogue_version + 1 WHERE id = OLD.comune_id; END;
CREATE TRIGGER comuni_touch_catalogue AFTER UPDATE OF fiscal_code, name, treasury_iban, segregation_code ON comuni
BEGIN UPDATE comuni SET catalogue_version = catalogue_version + 1 WHERE id = NEW.id; END;

-- The outbox's backoff counts attempts that ended in a recorded failure, not claims: a claim cut
-- short by a crash no longer delays the transfer once the server is back.
ALTER TABLE outbox RENAME COLUMN attempts TO failures;
UPDATE outbox SET failures = 0 WHERE status = 'pending';
`,
  },
  {
    version: 3,
    name: 'several instances',
    sql: `
-- Every table that holds a comune's data carries comune_id and an index on it: the key the data
-- distributes by when one PostgreSQL server is not enough (Citus), and what per-comune reads use.
ALTER TABLE idempotency_keys ADD COLUMN comune_id TEXT NOT NULL DEFAULT '';
UPDATE idempotency_keys SET comune_id = (SELECT comune_id FROM api_keys WHERE api_keys.id = idempotency_keys.api_key_id);

DROP TRIGGER ledger_transactions_append_only_update;
ALTER TABLE ledger_transactions ADD COLUMN comune_id TEXT NOT NULL DEFAULT '';
UPDATE ledger_transactions SET comune_id = coalesce(
  (SELECT comune_id FROM payments WHERE payments.id = ledger_transactions.reference_id),
  (SELECT comune_id FROM transfers WHERE transfers.id = ledger_transactions.reference_id),
  (SELECT comune_id FROM agents WHERE agents.id = ledger_transactions.reference_id),
  '');
CREATE TRIGGER ledger_transactions_append_only_update BEFORE UPDATE ON ledger_transactions
BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only'); END;

DROP TRIGGER ledger_postings_append_only_update;
ALTER TABLE ledger_postings ADD COLUMN comune_id TEXT NOT NULL DEFAULT '';
UPDATE ledger_postings SET comune_id = (SELECT comune_id FROM ledger_transactions WHERE ledger_transactions.id = ledger_postings.transaction_id);
CREATE TRIGGER ledger_postings_append_only_update BEFORE UPDATE ON ledger_postings
BEGIN SELECT RAISE(ABORT, 'ledger postings are append-only'); END;

-- A shop's float belongs to the shop's comune.
UPDATE ledger_accounts SET comune_id = (SELECT comune_id FROM agents WHERE agents.id = ledger_accounts.agent_id) WHERE kind = 'agent_float';

CREATE INDEX idempotency_keys_by_comune ON idempotency_keys (comune_id);
CREATE INDEX ledger_transactions_by_comune ON ledger_transactions (comune_id, created_at);
CREATE INDEX ledger_postings_by_comune ON ledger_postings (comune_id);
CREATE INDEX ledger_accounts_by_comune ON ledger_accounts (comune_id);
CREATE INDEX payments_by_comune ON payments (comune_id, created_at);
CREATE INDEX transfers_by_comune ON transfers (comune_id, created_at);
CREATE INDEX outbox_by_comune ON outbox (comune_id);
CREATE INDEX agents_by_comune ON agents (comune_id);
CREATE INDEX terminals_by_comune ON terminals (comune_id);
CREATE INDEX api_keys_by_comune ON api_keys (comune_id);
CREATE INDEX staff_users_by_comune ON staff_users (comune_id);

-- An account every payment moves (a comune's payable, the institution's fees and bank) takes its
-- postings in buckets, a few per comune, so that concurrent payments on a shared database do not queue
-- on one row, and each part of a balance lives with its comune's data. Its balance is the account
-- row's (what it held before buckets) plus its buckets'. A float keeps its whole balance on its row,
-- under the CHECK that it never goes below zero.
CREATE TABLE ledger_account_buckets (
  comune_id TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES ledger_accounts(id),
  bucket INTEGER NOT NULL CHECK (bucket BETWEEN 0 AND 15),
  balance INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (comune_id, account_id, bucket)
);
CREATE INDEX ledger_account_buckets_by_account ON ledger_account_buckets (account_id);

-- What an operator reads as an account's balance: its row's plus its buckets'.
CREATE VIEW ledger_balances AS
SELECT a.id, a.kind, a.comune_id, a.agent_id,
  a.balance + coalesce((SELECT sum(b.balance) FROM ledger_account_buckets b WHERE b.account_id = a.id), 0) AS balance
FROM ledger_accounts a;
`,
  },
  {
    version: 4,
    name: 'web channel',
    sql: `
-- When a shop is open, shown to a citizen who chooses to pay there in cash: [{ day, opens, closes }].
ALTER TABLE agents ADD COLUMN opening_hours_json TEXT NOT NULL DEFAULT '[]';

-- A citizen's card payment of one credit on the comune's site: the acquirer's hosted page, and how it ended.
CREATE TABLE checkout_sessions (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  api_key_id TEXT NOT NULL REFERENCES api_keys(id),
  -- An unexpected credit has none until it is paid: its fields wait in unexpected_credit_json.
  credit_id TEXT REFERENCES credits(id),
  unexpected_credit_json TEXT,
  amount INTEGER NOT NULL CHECK (amount > 0),
  fee INTEGER NOT NULL CHECK (fee >= 0),
  return_url TEXT NOT NULL,
  locale TEXT NOT NULL CHECK (locale IN ('it', 'en')),
  url TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'succeeded', 'already_paid')),
  payment_id TEXT UNIQUE REFERENCES payments(id),
  last_decline_reason TEXT CHECK (last_decline_reason IN ('card_declined', 'insufficient_funds', 'authentication_failed')),
  last_decline_at TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  CHECK ((status = 'succeeded') = (payment_id IS NOT NULL)),
  CHECK (credit_id IS NOT NULL OR unexpected_credit_json IS NOT NULL)
);
CREATE INDEX checkout_sessions_by_comune ON checkout_sessions (comune_id, created_at);
CREATE INDEX checkout_sessions_by_credit ON checkout_sessions (credit_id);

-- Every authorisation the acquirer reported, and its fate: captured once its credit was closed,
-- voided otherwise. One per acquirer id: a notification repeated finds it and changes nothing.
CREATE TABLE card_authorizations (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  session_id TEXT NOT NULL REFERENCES checkout_sessions(id),
  amount INTEGER NOT NULL CHECK (amount > 0),
  status TEXT NOT NULL CHECK (status IN ('capture_pending', 'void_pending', 'captured', 'voided')),
  created_at TEXT NOT NULL,
  settled_at TEXT
);
CREATE INDEX card_authorizations_by_comune ON card_authorizations (comune_id);
CREATE INDEX card_authorizations_by_session ON card_authorizations (session_id);
-- A session pays once: at most one of its authorisations is ever captured.
CREATE UNIQUE INDEX one_capture_per_session ON card_authorizations (session_id) WHERE status IN ('capture_pending', 'captured');
`,
  },
  {
    version: 5,
    name: 'staff access',
    sql: `
-- Staff of a comune, or (no comune, role platform) of the payment institution; a name to show, and
-- disabled users kept for the audit log. SQLite changes a CHECK only by rebuilding the table.
CREATE TABLE staff_users_v5 (
  id TEXT PRIMARY KEY,
  comune_id TEXT REFERENCES comuni(id),
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin', 'platform')),
  created_at TEXT NOT NULL,
  disabled_at TEXT,
  CHECK ((role = 'platform') = (comune_id IS NULL))
);
INSERT INTO staff_users_v5 (id, comune_id, email, name, password_hash, role, created_at)
  SELECT id, comune_id, email, '', password_hash, role, created_at FROM staff_users;
DROP TABLE staff_users;
ALTER TABLE staff_users_v5 RENAME TO staff_users;
CREATE INDEX staff_users_by_comune ON staff_users (comune_id);

-- A logged-in browser: the id is the SHA-256 of the cookie's token, so the database alone opens none.
CREATE TABLE staff_sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES staff_users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ended_at TEXT
);
CREATE INDEX staff_sessions_by_user ON staff_sessions (user_id);

-- Failed logins per email, whether or not a user has it: a lock-out tells nothing about who exists.
CREATE TABLE login_failures (
  email TEXT PRIMARY KEY,
  failures INTEGER NOT NULL CHECK (failures > 0),
  first_failed_at TEXT NOT NULL,
  locked_until TEXT
);

-- What staff did, append-only: who, when, what, to what.
CREATE TABLE staff_actions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  comune_id TEXT REFERENCES comuni(id),
  user_id TEXT REFERENCES staff_users(id),
  actor_email TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_id TEXT,
  details_json TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX staff_actions_by_comune ON staff_actions (comune_id, seq);
CREATE TRIGGER staff_actions_no_update BEFORE UPDATE ON staff_actions BEGIN SELECT RAISE(ABORT, 'staff actions are append-only'); END;
CREATE TRIGGER staff_actions_no_delete BEFORE DELETE ON staff_actions BEGIN SELECT RAISE(ABORT, 'staff actions are append-only'); END;
`,
  },
  {
    version: 6,
    name: 'cruscotto live',
    sql: `
-- Each send of a transfer after a rejection has its own EndToEndId: the payment id and the retry's number.
ALTER TABLE transfers ADD COLUMN retries INTEGER NOT NULL DEFAULT 0;

-- The append-only feed of what happened in each comune, written in the unit of work of the fact it
-- reports: the cruscotto's live feed replays it from a sequence number, webhooks deliver it.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  data_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX events_by_comune ON events (comune_id, seq);
CREATE INDEX events_by_subject ON events (comune_id, subject_id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- A rejected transfer whose outcome staff recorded by hand, once; resolved_by is their email, as the audit log names them.
CREATE TABLE transfer_resolutions (
  transfer_id TEXT PRIMARY KEY REFERENCES transfers(id),
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  note TEXT NOT NULL,
  bank_reference TEXT,
  resolved_by TEXT NOT NULL,
  resolved_at TEXT NOT NULL
);

CREATE INDEX transfer_resolutions_by_comune ON transfer_resolutions (comune_id, resolved_at);

-- The support search box and the payments list.
CREATE INDEX receipts_by_comune_number ON receipts (comune_id, number);
`,
  },
  {
    version: 7,
    name: 'gestionale',
    sql: `
-- What staff change of a credit: when it was last edited, and when and why it was cancelled.
ALTER TABLE credits ADD COLUMN updated_at TEXT;
ALTER TABLE credits ADD COLUMN cancelled_at TEXT;
ALTER TABLE credits ADD COLUMN cancel_reason TEXT;
-- The cruscotto lists a comune's credits newest first, a page at a time.
CREATE INDEX credits_by_comune_created ON credits (comune_id, created_at, id);

-- An unexpected credit booked in the comune's accounts: the accertamento and budget chapter it went to.
CREATE TABLE unexpected_credit_registrations (
  credit_id TEXT PRIMARY KEY REFERENCES credits(id),
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  accertamento_number TEXT NOT NULL,
  budget_chapter TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  registered_at TEXT NOT NULL
);
CREATE INDEX unexpected_credit_registrations_by_comune ON unexpected_credit_registrations (comune_id);
`,
  },
  {
    version: 8,
    name: 'reconciliation',
    sql: `
-- A treasurer's statement as imported: one per file and comune (the SHA-256 of its content), so the
-- same file imported twice changes nothing.
CREATE TABLE statements (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  format TEXT NOT NULL CHECK (format IN ('opi_giornale_di_cassa', 'camt053', 'csv')),
  content_sha256 TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  entry_count INTEGER NOT NULL CHECK (entry_count >= 0),
  amount INTEGER NOT NULL CHECK (amount >= 0),
  received_at TEXT NOT NULL,
  received_by TEXT NOT NULL,
  UNIQUE (comune_id, content_sha256),
  CHECK (period_from <= period_to)
);
CREATE INDEX statements_by_comune ON statements (comune_id, received_at);

-- The credits the treasury booked, as read from a statement, with the keys matching looks at.
CREATE TABLE statement_entries (
  id TEXT PRIMARY KEY,
  statement_id TEXT NOT NULL REFERENCES statements(id),
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  line INTEGER NOT NULL CHECK (line > 0),
  booked_on TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  end_to_end_id TEXT,
  bank_reference TEXT,
  iuv TEXT,
  remittance TEXT NOT NULL
);
CREATE INDEX statement_entries_by_statement ON statement_entries (statement_id, line);
CREATE INDEX statement_entries_by_day ON statement_entries (comune_id, booked_on);

-- A transfer proven by a statement entry: once each, an entry proves one transfer, never undone.
CREATE TABLE transfer_reconciliations (
  transfer_id TEXT PRIMARY KEY REFERENCES transfers(id),
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  statement_entry_id TEXT NOT NULL UNIQUE REFERENCES statement_entries(id),
  matched_by TEXT NOT NULL CHECK (matched_by IN ('end_to_end_id', 'bank_reference', 'iuv')),
  reconciled_at TEXT NOT NULL
);
CREATE INDEX transfer_reconciliations_by_comune ON transfer_reconciliations (comune_id, reconciled_at);
CREATE INDEX transfers_by_comune_status ON transfers (comune_id, status);
CREATE TRIGGER transfer_reconciliations_no_update BEFORE UPDATE ON transfer_reconciliations BEGIN SELECT RAISE(ABORT, 'reconciliations are append-only'); END;
CREATE TRIGGER transfer_reconciliations_no_delete BEFORE DELETE ON transfer_reconciliations BEGIN SELECT RAISE(ABORT, 'reconciliations are append-only'); END;
`,
  },
  {
    version: 9,
    name: 'onboarding',
    sql: `
-- How citizens reach the comune about a payment, set at onboarding.
ALTER TABLE comuni ADD COLUMN support_contacts_json TEXT NOT NULL DEFAULT '{}';
-- A suspended shop keeps its history; its terminals are refused until it is reactivated.
ALTER TABLE agents ADD COLUMN suspended_at TEXT;

-- One-time codes a new terminal exchanges for its key: only a hash is stored, each expires in minutes.
CREATE TABLE terminal_pairings (
  code_hash TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  agent_id TEXT NOT NULL REFERENCES agents(id),
  label TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  terminal_id TEXT REFERENCES terminals(id),
  CHECK ((used_at IS NULL) = (terminal_id IS NULL))
);
CREATE INDEX terminal_pairings_by_comune ON terminal_pairings (comune_id, agent_id);

-- A change of a comune's treasury IBAN or fees: asked by one platform user, approved by another,
-- applied at its stated time.
CREATE TABLE setting_changes (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  change_json TEXT NOT NULL,
  effective_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending_approval', 'approved', 'applied', 'cancelled')),
  requested_by TEXT NOT NULL REFERENCES staff_users(id),
  requested_at TEXT NOT NULL,
  approved_by TEXT REFERENCES staff_users(id),
  approved_at TEXT,
  applied_at TEXT,
  CHECK (approved_by IS NULL OR approved_by <> requested_by),
  CHECK ((status IN ('approved', 'applied')) = (approved_by IS NOT NULL))
);
CREATE INDEX setting_changes_by_comune ON setting_changes (comune_id, requested_at);
CREATE INDEX setting_changes_due ON setting_changes (status, effective_at);
`,
  },
  {
    version: 10,
    name: 'webhooks',
    sql: `
-- Webhooks: a comune's endpoints (secrets in clear: each delivery signs with them), one delivery
-- per event and endpoint written with the event, and the log of every attempt.
CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  url TEXT NOT NULL,
  description TEXT NOT NULL,
  events_json TEXT NOT NULL,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  secret TEXT NOT NULL,
  previous_secret TEXT,
  previous_secret_expires_at TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  failing_since TEXT,
  auto_disabled_at TEXT,
  deleted_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX webhook_endpoints_by_comune ON webhook_endpoints (comune_id, created_at);

CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id),
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (comune_id, endpoint_id, created_at);

CREATE TABLE webhook_attempts (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id),
  at TEXT NOT NULL,
  status_code INTEGER,
  error TEXT,
  duration_ms INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (comune_id, delivery_id, at);
`,
  },
  {
    version: 11,
    name: 'connectors',
    sql: `
-- Credit connectors: where a comune's credits of some services live (its own system, or pagoPA's
-- GPD). A service with no connector keeps its credits in Pay-Box's own store.
CREATE TABLE connectors (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL REFERENCES comuni(id),
  kind TEXT NOT NULL CHECK (kind IN ('http', 'gpd')),
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  organization_fiscal_code TEXT,
  timeout_ms INTEGER NOT NULL,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX connectors_by_comune ON connectors (comune_id, created_at);
ALTER TABLE services ADD COLUMN connector_id TEXT REFERENCES connectors(id);

-- The outbox gains its dead-letter state: work that gave up after its kind's last retry, kept for
-- an admin to see and send again. SQLite cannot change a CHECK in place: the table is rebuilt.
CREATE TABLE outbox_with_dead (
  id TEXT PRIMARY KEY,
  comune_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'dead')),
  failures INTEGER NOT NULL DEFAULT 0,
  available_at TEXT NOT NULL,
  lease_until TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  done_at TEXT,
  UNIQUE (kind, subject_id)
);
INSERT INTO outbox_with_dead (id, comune_id, kind, subject_id, status, failures, available_at, lease_until, last_error, created_at, done_at)
  SELECT id, comune_id, kind, subject_id, status, failures, available_at, lease_until, last_error, created_at, done_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_with_dead RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, available_at);
CREATE INDEX outbox_by_comune ON outbox (comune_id, status);
`,
  },
  {
    version: 12,
    name: 'outbox_due_at',
    sql: `
-- A claim looks for pending rows due by now, each due when its lease ends or else at its retry
-- time (a lease is always later than the time it was taken at). On (status, available_at) a claim
-- read every leased row, that is every transfer in flight: thousands when the bank is slow, at each
-- commit. On the due time itself it reads only the rows it claims.
DROP INDEX outbox_due;
CREATE INDEX outbox_due_at ON outbox (status, coalesce(lease_until, available_at));
-- The UNIQUE (comune_id, number) constraint's own index already serves the receipts' search.
DROP INDEX receipts_by_comune_number;
`,
  },
];
