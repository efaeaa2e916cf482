/**
 * Every table a store holds, in the order diagnostics list them, with its primary key: diagnostics
 * order each table's rows by it, on every store, so that two stores' rows compare column for column.
 */
export const tablePrimaryKeys = {
  comuni: ['id'],
  fee_schedules: ['comune_id', 'channel'],
  services: ['id'],
  agents: ['id'],
  terminals: ['id'],
  api_keys: ['id'],
  staff_users: ['id'],
  credits: ['id'],
  payments: ['id'],
  receipts: ['id'],
  counters: ['comune_id', 'name'],
  transfers: ['id'],
  outbox: ['id'],
  idempotency_keys: ['api_key_id', 'idempotency_key'],
  ledger_accounts: ['id'],
  ledger_account_buckets: ['comune_id', 'account_id', 'bucket'],
  ledger_transactions: ['id'],
  ledger_postings: ['seq'],
  checkout_sessions: ['id'],
  card_authorizations: ['id'],
  staff_sessions: ['id'],
  login_failures: ['email'],
  staff_actions: ['seq'],
  statements: ['id'],
  statement_entries: ['id'],
  transfer_reconciliations: ['transfer_id'],
  terminal_pairings: ['code_hash'],
  setting_changes: ['id'],
  unexpected_credit_registrations: ['credit_id'],
  events: ['seq'],
  transfer_resolutions: ['transfer_id'],
  webhook_endpoints: ['id'],
  webhook_deliveries: ['id'],
  webhook_attempts: ['id'],
  connectors: ['id'],
} as const satisfies Record<string, readonly string[]>;

export type TableName = keyof typeof tablePrimaryKeys;
