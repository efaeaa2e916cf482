import { tablePrimaryKeys } from '@pay-box/engine';
import type { Generated } from 'kysely';

/**
 * The tables as both SQL stores hold them, for Kysely's types: one query set serves SQLite and
 * PostgreSQL. Portable column types only: money is integer cents, instants are ISO 8601 UTC text
 * (they sort), booleans are 0/1 integers and JSON is text, so that every row reads the same on both.
 */
export interface Database {
  comuni: {
    id: string;
    fiscal_code: string;
    name: string;
    treasury_iban: string;
    segregation_code: string;
    next_iuv: Generated<number>;
    /** Grown by triggers whenever the comune, its services or its fees change. */
    catalogue_version: Generated<number>;
    created_at: string;
    support_contacts_json: Generated<string>;
  };
  fee_schedules: { comune_id: string; channel: 'agent' | 'web' | 'app'; citizen_fee: number; agent_share: number };
  services: {
    id: string;
    comune_id: string;
    code: string;
    name: string;
    description: string;
    accepts_unexpected: number;
    fields_json: string | null;
    amount_rule_json: string | null;
    connector_id: Generated<string | null>;
  };
  connectors: {
    id: string;
    comune_id: string;
    kind: 'http' | 'gpd';
    name: string;
    url: string;
    secret: string;
    organization_fiscal_code: string | null;
    timeout_ms: number;
    enabled: number;
    created_at: string;
    updated_at: string;
  };
  agents: {
    id: string;
    comune_id: string;
    name: string;
    tax_code: string;
    address: string;
    low_balance_threshold: number;
    opening_hours_json: string;
    created_at: string;
    suspended_at: string | null;
  };
  terminals: { id: string; comune_id: string; agent_id: string; label: string; created_at: string };
  api_keys: {
    id: string;
    kind: 'publishable' | 'terminal';
    comune_id: string;
    agent_id: string | null;
    terminal_id: string | null;
    key_hash: string;
    key_prefix: string;
    allowed_origins_json: string;
    created_at: string;
    revoked_at: string | null;
  };
  staff_users: {
    id: string;
    comune_id: string | null;
    email: string;
    name: string;
    password_hash: string;
    role: 'viewer' | 'operator' | 'admin' | 'platform';
    created_at: string;
    disabled_at: string | null;
  };
  terminal_pairings: {
    code_hash: string;
    comune_id: string;
    agent_id: string;
    label: string;
    created_by: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
    terminal_id: string | null;
  };
  setting_changes: {
    id: string;
    comune_id: string;
    change_json: string;
    effective_at: string;
    reason: string;
    status: 'pending_approval' | 'approved' | 'applied' | 'cancelled';
    requested_by: string;
    requested_at: string;
    approved_by: string | null;
    approved_at: string | null;
    applied_at: string | null;
  };
  staff_sessions: { id: string; user_id: string; csrf_token: string; created_at: string; last_seen_at: string; expires_at: string; ended_at: string | null };
  login_failures: { email: string; failures: number; first_failed_at: string; locked_until: string | null };
  staff_actions: {
    seq: Generated<number>;
    comune_id: string | null;
    user_id: string | null;
    actor_email: string;
    action: string;
    subject_id: string | null;
    details_json: string;
    at: string;
  };
  credits: {
    id: string;
    comune_id: string;
    service_id: string;
    notice_number: string;
    iuv: string;
    debtor_type: 'person' | 'company';
    debtor_tax_code: string;
    debtor_name: string;
    description: string;
    public_description: string;
    amount: number;
    due_date: string | null;
    status: 'open' | 'paid' | 'cancelled' | 'expired';
    unexpected: number;
    fields_json: string | null;
    created_at: string;
    paid_at: string | null;
    updated_at: string | null;
    cancelled_at: string | null;
    cancel_reason: string | null;
  };
  unexpected_credit_registrations: {
    credit_id: string;
    comune_id: string;
    accertamento_number: string;
    budget_chapter: string;
    registered_by: string;
    registered_at: string;
  };
  payments: {
    id: string;
    comune_id: string;
    credit_id: string;
    channel: 'agent' | 'web' | 'app';
    agent_id: string | null;
    terminal_id: string | null;
    amount: number;
    citizen_fee: number;
    agent_fee_share: number;
    institution_fee_share: number;
    float_debited: number;
    ledger_transaction_id: string;
    created_at: string;
  };
  receipts: { id: string; comune_id: string; payment_id: string; number: string; verification_code: string; issued_at: string };
  counters: { comune_id: string; name: string; value: number };
  transfers: {
    id: string;
    comune_id: string;
    payment_id: string;
    amount: number;
    creditor_name: string;
    creditor_iban: string;
    remittance: string;
    status: 'pending' | 'settled' | 'rejected';
    send_attempts: number;
    retries: Generated<number>;
    bank_reference: string | null;
    reject_reason: string | null;
    settlement_transaction_id: string | null;
    created_at: string;
    settled_at: string | null;
  };
  outbox: {
    id: string;
    comune_id: string;
    kind: 'transfer' | 'card_capture' | 'card_void' | 'webhook' | 'write_back';
    subject_id: string;
    status: 'pending' | 'done' | 'dead';
    failures: Generated<number>;
    available_at: string;
    lease_until: string | null;
    last_error: string | null;
    created_at: string;
    done_at: string | null;
  };
  idempotency_keys: { api_key_id: string; idempotency_key: string; operation: string; request_hash: string; payment_id: string; created_at: string; comune_id: string };
  ledger_accounts: {
    id: string;
    kind: 'agent_float' | 'comune_payable' | 'fee_revenue' | 'institution_bank' | 'acquirer_receivable';
    comune_id: string | null;
    agent_id: string | null;
    balance: number;
  };
  /** The parts an account's balance is spread over, besides its own row's (see the engine's ledger). */
  ledger_account_buckets: { comune_id: string; account_id: string; bucket: number; balance: number };
  ledger_transactions: { id: string; kind: 'payment' | 'settlement' | 'top_up' | 'reversal'; reference_id: string | null; created_at: string; comune_id: string };
  ledger_postings: { seq: Generated<number>; transaction_id: string; account_id: string; amount: number; created_at: string; comune_id: string };
  checkout_sessions: {
    id: string;
    comune_id: string;
    api_key_id: string;
    credit_id: string | null;
    unexpected_credit_json: string | null;
    amount: number;
    fee: number;
    return_url: string;
    locale: 'it' | 'en';
    url: string;
    status: 'open' | 'succeeded' | 'already_paid';
    payment_id: string | null;
    last_decline_reason: 'card_declined' | 'insufficient_funds' | 'authentication_failed' | null;
    last_decline_at: string | null;
    created_at: string;
    expires_at: string;
  };
  card_authorizations: {
    id: string;
    comune_id: string;
    session_id: string;
    amount: number;
    status: 'capture_pending' | 'void_pending' | 'captured' | 'voided';
    created_at: string;
    settled_at: string | null;
  };
  statements: {
    id: string;
    comune_id: string;
    format: 'opi_giornale_di_cassa' | 'camt053' | 'csv';
    content_sha256: string;
    period_from: string;
    period_to: string;
    entry_count: number;
    amount: number;
    received_at: string;
    received_by: string;
  };
  statement_entries: {
    id: string;
    statement_id: string;
    comune_id: string;
    line: number;
    booked_on: string;
    amount: number;
    end_to_end_id: string | null;
    bank_reference: string | null;
    iuv: string | null;
    remittance: string;
  };
  transfer_reconciliations: {
    transfer_id: string;
    comune_id: string;
    statement_entry_id: string;
    matched_by: 'end_to_end_id' | 'bank_reference' | 'iuv';
    reconciled_at: string;
  };
  /** The append-only feed of what happened in each comune (the cruscotto's live feed, webhooks). */
  events: { seq: Generated<number>; id: string; comune_id: string; type: string; subject_id: string; data_json: string; created_at: string };
  transfer_resolutions: { transfer_id: string; comune_id: string; note: string; bank_reference: string | null; resolved_by: string; resolved_at: string };
  webhook_endpoints: {
    id: string;
    comune_id: string;
    url: string;
    description: string;
    events_json: string;
    enabled: number;
    secret: string;
    previous_secret: string | null;
    previous_secret_expires_at: string | null;
    consecutive_failures: number;
    failing_since: string | null;
    auto_disabled_at: string | null;
    deleted_at: string | null;
    created_at: string;
  };
  webhook_deliveries: {
    id: string;
    comune_id: string;
    endpoint_id: string;
    event_id: string;
    event_type: string;
    body: string;
    status: 'pending' | 'delivered' | 'dead';
    attempts: number;
    next_attempt_at: string | null;
    created_at: string;
  };
  webhook_attempts: { id: string; comune_id: string; delivery_id: string; at: string; status_code: number | null; error: string | null; duration_ms: number };
}

export type TableName = keyof Database;

/** The views: read-only, not part of diagnostics. */
export interface Views {
  /** An account's whole balance: its row's plus its buckets'. */
  ledger_balances: Database['ledger_accounts'];
}

/** What queries are written against: the tables and the views. */
export type Schema = Database & Views;

/** Every table with its primary key, as the engine's port lists them: diagnostics order rows by it. */
export const primaryKeys: Record<TableName, readonly string[]> = tablePrimaryKeys;

/** Every table, in the order diagnostics list them. */
export const tableNames = Object.keys(primaryKeys) as TableName[];
