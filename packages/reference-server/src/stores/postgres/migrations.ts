/**
 * PostgreSQL schema migrations, applied in order and recorded in `schema_migrations`; a migration is
 * never edited once released. The tables and columns are the SQLite schema's after its own migrations
 * (a test compares the two): one query set runs on both. Portable types: money in integer cents
 * (bigint where sums grow), instants as ISO 8601 text, booleans as 0/1, JSON as text.
 * Every table that holds a comune's data carries `comune_id` and an index on it: the distribution key
 * when the data outgrows one server (Citus).
 */
export const postgresMigrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE comuni (
  id text PRIMARY KEY,
  fiscal_code text NOT NULL UNIQUE,
  name text NOT NULL,
  treasury_iban text NOT NULL,
  segregation_code text NOT NULL,
  next_iuv bigint NOT NULL DEFAULT 1,
  created_at text NOT NULL,
  catalogue_version bigint NOT NULL DEFAULT 1
);

CREATE TABLE fee_schedules (
  comune_id text NOT NULL REFERENCES comuni(id),
  channel text NOT NULL CHECK (channel IN ('agent', 'web', 'app')),
  citizen_fee integer NOT NULL CHECK (citizen_fee >= 0),
  agent_share integer NOT NULL CHECK (agent_share >= 0 AND agent_share <= citizen_fee),
  PRIMARY KEY (comune_id, channel)
);

CREATE TABLE services (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  code text NOT NULL,
  name text NOT NULL,
  description text NOT NULL,
  accepts_unexpected smallint NOT NULL DEFAULT 0,
  fields_json text,
  amount_rule_json text,
  UNIQUE (comune_id, code)
);

CREATE TABLE agents (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  name text NOT NULL,
  tax_code text NOT NULL,
  address text NOT NULL,
  low_balance_threshold integer NOT NULL DEFAULT 50000,
  created_at text NOT NULL
);
CREATE INDEX agents_by_comune ON agents (comune_id);

CREATE TABLE terminals (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  agent_id text NOT NULL REFERENCES agents(id),
  label text NOT NULL,
  created_at text NOT NULL
);
CREATE INDEX terminals_by_comune ON terminals (comune_id);

CREATE TABLE api_keys (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('publishable', 'terminal')),
  comune_id text NOT NULL REFERENCES comuni(id),
  agent_id text REFERENCES agents(id),
  terminal_id text REFERENCES terminals(id),
  key_hash text NOT NULL UNIQUE,
  key_prefix text NOT NULL,
  allowed_origins_json text NOT NULL DEFAULT '[]',
  created_at text NOT NULL,
  revoked_at text,
  CHECK (kind = 'publishable' OR (agent_id IS NOT NULL AND terminal_id IS NOT NULL))
);
CREATE INDEX api_keys_by_comune ON api_keys (comune_id);

CREATE TABLE staff_users (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  created_at text NOT NULL
);
CREATE INDEX staff_users_by_comune ON staff_users (comune_id);

CREATE TABLE credits (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  service_id text NOT NULL REFERENCES services(id),
  notice_number text NOT NULL,
  iuv text NOT NULL,
  debtor_type text NOT NULL CHECK (debtor_type IN ('person', 'company')),
  debtor_tax_code text NOT NULL,
  debtor_name text NOT NULL,
  description text NOT NULL,
  amount integer NOT NULL CHECK (amount > 0),
  due_date text,
  status text NOT NULL CHECK (status IN ('open', 'paid', 'cancelled', 'expired')),
  unexpected smallint NOT NULL DEFAULT 0,
  fields_json text,
  created_at text NOT NULL,
  paid_at text,
  public_description text NOT NULL DEFAULT '',
  UNIQUE (comune_id, notice_number)
);
CREATE INDEX credits_by_debtor ON credits (comune_id, debtor_tax_code, service_id);

CREATE TABLE payments (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  credit_id text NOT NULL UNIQUE REFERENCES credits(id),
  channel text NOT NULL CHECK (channel IN ('agent', 'web', 'app')),
  agent_id text REFERENCES agents(id),
  terminal_id text REFERENCES terminals(id),
  amount integer NOT NULL CHECK (amount > 0),
  citizen_fee integer NOT NULL CHECK (citizen_fee >= 0),
  agent_fee_share integer NOT NULL CHECK (agent_fee_share >= 0),
  institution_fee_share integer NOT NULL CHECK (institution_fee_share >= 0),
  float_debited integer NOT NULL CHECK (float_debited >= 0),
  ledger_transaction_id text NOT NULL,
  created_at text NOT NULL,
  CHECK (citizen_fee = agent_fee_share + institution_fee_share)
);
CREATE INDEX payments_by_agent ON payments (agent_id, created_at);
CREATE INDEX payments_by_comune ON payments (comune_id, created_at);

CREATE TABLE receipts (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  payment_id text NOT NULL UNIQUE REFERENCES payments(id),
  number text NOT NULL,
  verification_code text NOT NULL UNIQUE,
  issued_at text NOT NULL,
  UNIQUE (comune_id, number)
);

CREATE TABLE counters (
  comune_id text NOT NULL,
  name text NOT NULL,
  value bigint NOT NULL,
  PRIMARY KEY (comune_id, name)
);

CREATE TABLE transfers (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  payment_id text NOT NULL UNIQUE REFERENCES payments(id),
  amount integer NOT NULL CHECK (amount > 0),
  creditor_name text NOT NULL,
  creditor_iban text NOT NULL,
  remittance text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'settled', 'rejected')),
  send_attempts integer NOT NULL DEFAULT 0,
  bank_reference text UNIQUE,
  reject_reason text,
  settlement_transaction_id text,
  created_at text NOT NULL,
  settled_at text,
  CHECK ((status = 'settled') = (bank_reference IS NOT NULL))
);
CREATE INDEX transfers_by_comune ON transfers (comune_id, created_at);

CREATE TABLE outbox (
  id text PRIMARY KEY,
  comune_id text NOT NULL,
  kind text NOT NULL,
  subject_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'done')),
  failures integer NOT NULL DEFAULT 0,
  available_at text NOT NULL,
  lease_until text,
  last_error text,
  created_at text NOT NULL,
  done_at text,
  UNIQUE (kind, subject_id)
);
CREATE INDEX outbox_due ON outbox (status, available_at);
CREATE INDEX outbox_by_comune ON outbox (comune_id);

CREATE TABLE ledger_accounts (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('agent_float', 'comune_payable', 'fee_revenue', 'institution_bank', 'acquirer_receivable')),
  comune_id text,
  agent_id text,
  balance bigint NOT NULL DEFAULT 0,
  CHECK (kind <> 'agent_float' OR balance <= 0)
);

CREATE TABLE ledger_account_buckets (
  comune_id text NOT NULL,
  account_id text NOT NULL REFERENCES ledger_accounts(id),
  bucket integer NOT NULL CHECK (bucket BETWEEN 0 AND 15),
  balance bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (comune_id, account_id, bucket)
);
CREATE INDEX ledger_account_buckets_by_account ON ledger_account_buckets (account_id);

-- What an operator reads as an account's balance: its row's plus its buckets'.
CREATE VIEW ledger_balances AS
SELECT a.id, a.kind, a.comune_id, a.agent_id,
  a.balance + coalesce((SELECT sum(b.balance) FROM ledger_account_buckets b WHERE b.account_id = a.id), 0) AS balance
FROM ledger_accounts a;

CREATE TABLE ledger_transactions (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('payment', 'settlement', 'top_up', 'reversal')),
  reference_id text,
  created_at text NOT NULL,
  comune_id text NOT NULL DEFAULT ''
);
CREATE INDEX ledger_transactions_by_comune ON ledger_transactions (comune_id, created_at);

CREATE TABLE ledger_postings (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id text NOT NULL REFERENCES ledger_transactions(id),
  account_id text NOT NULL REFERENCES ledger_accounts(id),
  amount bigint NOT NULL CHECK (amount <> 0),
  created_at text NOT NULL,
  comune_id text NOT NULL DEFAULT ''
);
CREATE INDEX postings_by_account ON ledger_postings (account_id, created_at);
CREATE INDEX ledger_postings_by_comune ON ledger_postings (comune_id);
CREATE INDEX ledger_accounts_by_comune ON ledger_accounts (comune_id);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '% are append-only', TG_ARGV[0]; END $$;
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
FOR EACH ROW EXECUTE FUNCTION refuse_change('ledger postings');
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
FOR EACH ROW EXECUTE FUNCTION refuse_change('ledger transactions');

CREATE TABLE idempotency_keys (
  api_key_id text NOT NULL,
  idempotency_key text NOT NULL,
  operation text NOT NULL,
  request_hash text NOT NULL,
  payment_id text NOT NULL,
  created_at text NOT NULL,
  comune_id text NOT NULL DEFAULT '',
  PRIMARY KEY (api_key_id, idempotency_key)
);
CREATE INDEX idempotency_keys_by_comune ON idempotency_keys (comune_id);

-- Caches of a comune's catalogue compare this version before they are trusted.
CREATE FUNCTION touch_catalogue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN UPDATE comuni SET catalogue_version = catalogue_version + 1 WHERE id = OLD.comune_id; END IF;
  IF TG_OP <> 'DELETE' THEN UPDATE comuni SET catalogue_version = catalogue_version + 1 WHERE id = NEW.comune_id; END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER services_touch_catalogue AFTER INSERT OR UPDATE OR DELETE ON services FOR EACH ROW EXECUTE FUNCTION touch_catalogue();
CREATE TRIGGER fees_touch_catalogue AFTER INSERT OR UPDATE OR DELETE ON fee_schedules FOR EACH ROW EXECUTE FUNCTION touch_catalogue();
CREATE FUNCTION touch_own_catalogue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.catalogue_version := OLD.catalogue_version + 1; RETURN NEW; END $$;
CREATE TRIGGER comuni_touch_catalogue BEFORE UPDATE OF fiscal_code, name, treasury_iban, segregation_code ON comuni
FOR EACH ROW EXECUTE FUNCTION touch_own_catalogue();
`,
  },
  {
    version: 2,
    name: 'web channel',
    sql: `
-- When a shop is open, shown to a citizen who chooses to pay there in cash: [{ day, opens, closes }].
ALTER TABLE agents ADD COLUMN opening_hours_json text NOT NULL DEFAULT '[]';

-- A citizen's card payment of one credit on the comune's site: the acquirer's hosted page, and how it ended.
CREATE TABLE checkout_sessions (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  api_key_id text NOT NULL REFERENCES api_keys(id),
  -- An unexpected credit has none until it is paid: its fields wait in unexpected_credit_json.
  credit_id text REFERENCES credits(id),
  unexpected_credit_json text,
  amount integer NOT NULL CHECK (amount > 0),
  fee integer NOT NULL CHECK (fee >= 0),
  return_url text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('it', 'en')),
  url text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'succeeded', 'already_paid')),
  payment_id text UNIQUE REFERENCES payments(id),
  last_decline_reason text CHECK (last_decline_reason IN ('card_declined', 'insufficient_funds', 'authentication_failed')),
  last_decline_at text,
  created_at text NOT NULL,
  expires_at text NOT NULL,
  CHECK ((status = 'succeeded') = (payment_id IS NOT NULL)),
  CHECK (credit_id IS NOT NULL OR unexpected_credit_json IS NOT NULL)
);
CREATE INDEX checkout_sessions_by_comune ON checkout_sessions (comune_id, created_at);
CREATE INDEX checkout_sessions_by_credit ON checkout_sessions (credit_id);

-- Every authorisation the acquirer reported, and its fate: captured once its credit was closed,
-- voided otherwise. One per acquirer id: a notification repeated finds it and changes nothing.
CREATE TABLE card_authorizations (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  session_id text NOT NULL REFERENCES checkout_sessions(id),
  amount integer NOT NULL CHECK (amount > 0),
  status text NOT NULL CHECK (status IN ('capture_pending', 'void_pending', 'captured', 'voided')),
  created_at text NOT NULL,
  settled_at text
);
CREATE INDEX card_authorizations_by_comune ON card_authorizations (comune_id);
CREATE INDEX card_authorizations_by_session ON card_authorizations (session_id);
-- A session pays once: at most one of its authorisations is ever captured.
CREATE UNIQUE INDEX one_capture_per_session ON card_authorizations (session_id) WHERE status IN ('capture_pending', 'captured');
`,
  },
  {
    version: 3,
    name: 'staff access',
    sql: `
-- Staff of a comune, or (no comune, role platform) of the payment institution; a name to show, and
-- disabled users kept for the audit log.
ALTER TABLE staff_users ALTER COLUMN comune_id DROP NOT NULL;
ALTER TABLE staff_users ADD COLUMN name text NOT NULL DEFAULT '';
ALTER TABLE staff_users ALTER COLUMN name DROP DEFAULT;
ALTER TABLE staff_users ADD COLUMN disabled_at text;
ALTER TABLE staff_users DROP CONSTRAINT staff_users_role_check;
ALTER TABLE staff_users ADD CONSTRAINT staff_users_role_check CHECK (role IN ('viewer', 'operator', 'admin', 'platform'));
ALTER TABLE staff_users ADD CONSTRAINT staff_users_platform_check CHECK ((role = 'platform') = (comune_id IS NULL));

-- A logged-in browser: the id is the SHA-256 of the cookie's token, so the database alone opens none.
CREATE TABLE staff_sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES staff_users(id),
  csrf_token text NOT NULL,
  created_at text NOT NULL,
  last_seen_at text NOT NULL,
  expires_at text NOT NULL,
  ended_at text
);
CREATE INDEX staff_sessions_by_user ON staff_sessions (user_id);

-- Failed logins per email, whether or not a user has it: a lock-out tells nothing about who exists.
CREATE TABLE login_failures (
  email text PRIMARY KEY,
  failures integer NOT NULL CHECK (failures > 0),
  first_failed_at text NOT NULL,
  locked_until text
);

-- What staff did, append-only: who, when, what, to what.
CREATE TABLE staff_actions (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  comune_id text REFERENCES comuni(id),
  user_id text REFERENCES staff_users(id),
  actor_email text NOT NULL,
  action text NOT NULL,
  subject_id text,
  details_json text NOT NULL,
  at text NOT NULL
);
CREATE INDEX staff_actions_by_comune ON staff_actions (comune_id, seq);
CREATE TRIGGER staff_actions_append_only BEFORE UPDATE OR DELETE ON staff_actions FOR EACH ROW EXECUTE FUNCTION refuse_change('staff actions');
`,
  },
  {
    version: 4,
    name: 'cruscotto live',
    sql: `
-- Each send of a transfer after a rejection has its own EndToEndId: the payment id and the retry's number.
ALTER TABLE transfers ADD COLUMN retries integer NOT NULL DEFAULT 0;

-- The append-only feed of what happened in each comune, written in the unit of work of the fact it
-- reports: the cruscotto's live feed replays it from a sequence number, webhooks deliver it.
CREATE TABLE events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  comune_id text NOT NULL REFERENCES comuni(id),
  type text NOT NULL,
  subject_id text NOT NULL,
  data_json text NOT NULL,
  created_at text NOT NULL
);
CREATE INDEX events_by_comune ON events (comune_id, seq);
CREATE INDEX events_by_subject ON events (comune_id, subject_id);
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION refuse_change('events');

-- A rejected transfer whose outcome staff recorded by hand, once; resolved_by is their email, as the audit log names them.
CREATE TABLE transfer_resolutions (
  transfer_id text PRIMARY KEY REFERENCES transfers(id),
  comune_id text NOT NULL REFERENCES comuni(id),
  note text NOT NULL,
  bank_reference text,
  resolved_by text NOT NULL,
  resolved_at text NOT NULL
);

CREATE INDEX transfer_resolutions_by_comune ON transfer_resolutions (comune_id, resolved_at);

-- The support search box and the payments list.
CREATE INDEX receipts_by_comune_number ON receipts (comune_id, number);
`,
  },
  {
    version: 5,
    name: 'gestionale',
    sql: `
-- What staff change of a credit: when it was last edited, and when and why it was cancelled.
ALTER TABLE credits ADD COLUMN updated_at text;
ALTER TABLE credits ADD COLUMN cancelled_at text;
ALTER TABLE credits ADD COLUMN cancel_reason text;
-- The cruscotto lists a comune's credits newest first, a page at a time.
CREATE INDEX credits_by_comune_created ON credits (comune_id, created_at, id);

-- An unexpected credit booked in the comune's accounts: the accertamento and budget chapter it went to.
CREATE TABLE unexpected_credit_registrations (
  credit_id text PRIMARY KEY REFERENCES credits(id),
  comune_id text NOT NULL REFERENCES comuni(id),
  accertamento_number text NOT NULL,
  budget_chapter text NOT NULL,
  registered_by text NOT NULL,
  registered_at text NOT NULL
);
CREATE INDEX unexpected_credit_registrations_by_comune ON unexpected_credit_registrations (comune_id);
`,
  },
  {
    version: 6,
    name: 'reconciliation',
    sql: `
-- A treasurer's statement as imported: one per file and comune (the SHA-256 of its content), so the
-- same file imported twice changes nothing.
CREATE TABLE statements (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  format text NOT NULL CHECK (format IN ('opi_giornale_di_cassa', 'camt053', 'csv')),
  content_sha256 text NOT NULL,
  period_from text NOT NULL,
  period_to text NOT NULL,
  entry_count integer NOT NULL CHECK (entry_count >= 0),
  amount bigint NOT NULL CHECK (amount >= 0),
  received_at text NOT NULL,
  received_by text NOT NULL,
  UNIQUE (comune_id, content_sha256),
  CHECK (period_from <= period_to)
);
CREATE INDEX statements_by_comune ON statements (comune_id, received_at);

-- The credits the treasury booked, as read from a statement, with the keys matching looks at.
CREATE TABLE statement_entries (
  id text PRIMARY KEY,
  statement_id text NOT NULL REFERENCES statements(id),
  comune_id text NOT NULL REFERENCES comuni(id),
  line integer NOT NULL CHECK (line > 0),
  booked_on text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  end_to_end_id text,
  bank_reference text,
  iuv text,
  remittance text NOT NULL
);
CREATE INDEX statement_entries_by_statement ON statement_entries (statement_id, line);
CREATE INDEX statement_entries_by_day ON statement_entries (comune_id, booked_on);

-- A transfer proven by a statement entry: once each, an entry proves one transfer, never undone.
CREATE TABLE transfer_reconciliations (
  transfer_id text PRIMARY KEY REFERENCES transfers(id),
  comune_id text NOT NULL REFERENCES comuni(id),
  statement_entry_id text NOT NULL UNIQUE REFERENCES statement_entries(id),
  matched_by text NOT NULL CHECK (matched_by IN ('end_to_end_id', 'bank_reference', 'iuv')),
  reconciled_at text NOT NULL
);
CREATE INDEX transfer_reconciliations_by_comune ON transfer_reconciliations (comune_id, reconciled_at);
CREATE INDEX transfers_by_comune_status ON transfers (comune_id, status);
CREATE TRIGGER transfer_reconciliations_append_only BEFORE UPDATE OR DELETE ON transfer_reconciliations FOR EACH ROW EXECUTE FUNCTION refuse_change('reconciliations');
`,
  },
  {
    version: 7,
    name: 'onboarding',
    sql: `
-- How citizens reach the comune about a payment, set at onboarding.
ALTER TABLE comuni ADD COLUMN support_contacts_json text NOT NULL DEFAULT '{}';
-- A suspended shop keeps its history; its terminals are refused until it is reactivated.
ALTER TABLE agents ADD COLUMN suspended_at text;

-- One-time codes a new terminal exchanges for its key: only a hash is stored, each expires in minutes.
CREATE TABLE terminal_pairings (
  code_hash text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  agent_id text NOT NULL REFERENCES agents(id),
  label text NOT NULL,
  created_by text NOT NULL,
  created_at text NOT NULL,
  expires_at text NOT NULL,
  used_at text,
  terminal_id text REFERENCES terminals(id),
  CHECK ((used_at IS NULL) = (terminal_id IS NULL))
);
CREATE INDEX terminal_pairings_by_comune ON terminal_pairings (comune_id, agent_id);

-- A change of a comune's treasury IBAN or fees: asked by one platform user, approved by another,
-- applied at its stated time.
CREATE TABLE setting_changes (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  change_json text NOT NULL,
  effective_at text NOT NULL,
  reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending_approval', 'approved', 'applied', 'cancelled')),
  requested_by text NOT NULL REFERENCES staff_users(id),
  requested_at text NOT NULL,
  approved_by text REFERENCES staff_users(id),
  approved_at text,
  applied_at text,
  CHECK (approved_by IS NULL OR approved_by <> requested_by),
  CHECK ((status IN ('approved', 'applied')) = (approved_by IS NOT NULL))
);
CREATE INDEX setting_changes_by_comune ON setting_changes (comune_id, requested_at);
CREATE INDEX setting_changes_due ON setting_changes (status, effective_at);
`,
  },
  {
    version: 8,
    name: 'webhooks',
    sql: `
-- Webhooks: a comune's endpoints (secrets in clear: each delivery signs with them), one delivery
-- per event and endpoint written with the event, and the log of every attempt.
CREATE TABLE webhook_endpoints (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  url text NOT NULL,
  description text NOT NULL,
  events_json text NOT NULL,
  enabled integer NOT NULL CHECK (enabled IN (0, 1)),
  secret text NOT NULL,
  previous_secret text,
  previous_secret_expires_at text,
  consecutive_failures integer NOT NULL DEFAULT 0,
  failing_since text,
  auto_disabled_at text,
  deleted_at text,
  created_at text NOT NULL
);
CREATE INDEX webhook_endpoints_by_comune ON webhook_endpoints (comune_id, created_at);

CREATE TABLE webhook_deliveries (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  endpoint_id text NOT NULL REFERENCES webhook_endpoints(id),
  event_id text NOT NULL,
  event_type text NOT NULL,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at text,
  created_at text NOT NULL,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (comune_id, endpoint_id, created_at);

CREATE TABLE webhook_attempts (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  delivery_id text NOT NULL REFERENCES webhook_deliveries(id),
  at text NOT NULL,
  status_code integer,
  error text,
  duration_ms integer NOT NULL
);
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (comune_id, delivery_id, at);
`,
  },
  {
    version: 9,
    name: 'connectors',
    sql: `
-- Credit connectors: where a comune's credits of some services live (its own system, or pagoPA's
-- GPD). A service with no connector keeps its credits in Pay-Box's own store.
CREATE TABLE connectors (
  id text PRIMARY KEY,
  comune_id text NOT NULL REFERENCES comuni(id),
  kind text NOT NULL CHECK (kind IN ('http', 'gpd')),
  name text NOT NULL,
  url text NOT NULL,
  secret text NOT NULL,
  organization_fiscal_code text,
  timeout_ms integer NOT NULL,
  enabled integer NOT NULL CHECK (enabled IN (0, 1)),
  created_at text NOT NULL,
  updated_at text NOT NULL
);
CREATE INDEX connectors_by_comune ON connectors (comune_id, created_at);
ALTER TABLE services ADD COLUMN connector_id text REFERENCES connectors(id);

-- The outbox gains its dead-letter state: work that gave up after its kind's last retry, kept for
-- an admin to see and send again.
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'done', 'dead'));
DROP INDEX outbox_by_comune;
CREATE INDEX outbox_by_comune ON outbox (comune_id, status);
`,
  },
  {
    version: 10,
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
