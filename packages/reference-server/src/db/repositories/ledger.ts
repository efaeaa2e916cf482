import type { Db } from '../database.js';
import { statementCache } from '../statements.js';

export type AccountKind = 'agent_float' | 'comune_payable' | 'fee_revenue' | 'institution_bank' | 'acquirer_receivable';
export type LedgerTransactionKind = 'payment' | 'settlement' | 'top_up' | 'reversal';

export interface AccountRow {
  id: string;
  kind: AccountKind;
  comuneId: string | null;
  agentId: string | null;
  balance: number;
}

/** SQL of the ledger tables. The rules (sum to zero, floats never negative) live in ledger/. */
export class LedgerRepository {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  account(id: string): AccountRow | undefined {
    return this.sql(`SELECT id, kind, comune_id AS comuneId, agent_id AS agentId, balance FROM ledger_accounts WHERE id = ?`).get(id) as
      | AccountRow
      | undefined;
  }

  accounts(): AccountRow[] {
    return this.sql(`SELECT id, kind, comune_id AS comuneId, agent_id AS agentId, balance FROM ledger_accounts ORDER BY id`).all() as AccountRow[];
  }

  ensureAccount(row: Omit<AccountRow, 'balance'>): void {
    this.sql(`INSERT OR IGNORE INTO ledger_accounts (id, kind, comune_id, agent_id) VALUES (?, ?, ?, ?)`).run(row.id, row.kind, row.comuneId, row.agentId);
  }

  insertTransaction(id: string, kind: LedgerTransactionKind, referenceId: string | null, createdAt: string): void {
    this.sql(`INSERT INTO ledger_transactions (id, kind, reference_id, created_at) VALUES (?, ?, ?, ?)`).run(id, kind, referenceId, createdAt);
  }

  insertPosting(transactionId: string, accountId: string, amount: number, createdAt: string): void {
    this.sql(`INSERT INTO ledger_postings (transaction_id, account_id, amount, created_at) VALUES (?, ?, ?, ?)`).run(
      transactionId,
      accountId,
      amount,
      createdAt,
    );
    this.sql(`UPDATE ledger_accounts SET balance = balance + ? WHERE id = ?`).run(amount, accountId);
  }

  /** Sum of an account's postings strictly before `instant`. */
  balanceBefore(accountId: string, instant: string): number {
    return this.sql(`SELECT coalesce(sum(amount), 0) FROM ledger_postings WHERE account_id = ? AND created_at < ?`).pluck().get(accountId, instant) as number;
  }

  lastPostingAt(accountId: string): string | null {
    return (this.sql(`SELECT max(created_at) FROM ledger_postings WHERE account_id = ?`).pluck().get(accountId) as string | null) ?? null;
  }

  /** Every account's balance recomputed from its postings. */
  replayedBalances(): Map<string, number> {
    const rows = this.sql(`SELECT account_id AS accountId, sum(amount) AS total FROM ledger_postings GROUP BY account_id`).all() as Array<{
      accountId: string;
      total: number;
    }>;
    return new Map(rows.map((row) => [row.accountId, row.total]));
  }

  /** Transactions with fewer than two postings or postings that do not sum to zero: must always be empty. */
  unbalancedTransactions(): string[] {
    return this.sql(
      `SELECT t.id FROM ledger_transactions t LEFT JOIN ledger_postings p ON p.transaction_id = t.id
       GROUP BY t.id HAVING count(p.seq) < 2 OR coalesce(sum(p.amount), 0) <> 0`,
    )
      .pluck()
      .all() as string[];
  }

  topUpsBetween(accountId: string, from: string, to: string): { count: number; amount: number } {
    return this.sql(
      `SELECT count(*) AS count, coalesce(-sum(p.amount), 0) AS amount FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id
       WHERE p.account_id = ? AND t.kind = 'top_up' AND p.created_at >= ? AND p.created_at < ?`,
    ).get(accountId, from, to) as { count: number; amount: number };
  }
}
