import type { TransferStatus } from '@pay-box/sdk/contract';
import type { Db } from '../database.js';
import { statementCache } from '../statements.js';

export interface TransferRow {
  id: string;
  comuneId: string;
  paymentId: string;
  amount: number;
  creditorName: string;
  creditorIban: string;
  remittance: string;
  status: TransferStatus;
  sendAttempts: number;
  bankReference: string | null;
  rejectReason: string | null;
  createdAt: string;
  settledAt: string | null;
}

const COLUMNS = `id, comune_id AS comuneId, payment_id AS paymentId, amount, creditor_name AS creditorName, creditor_iban AS creditorIban,
  remittance, status, send_attempts AS sendAttempts, bank_reference AS bankReference, reject_reason AS rejectReason,
  created_at AS createdAt, settled_at AS settledAt`;

/** One SEPA transfer per payment, kept apart from the payment so a later daily-batch mode fits. */
export class TransferRepository {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  get(id: string): TransferRow | undefined {
    return this.sql(`SELECT ${COLUMNS} FROM transfers WHERE id = ?`).get(id) as TransferRow | undefined;
  }

  byPayment(paymentId: string): TransferRow | undefined {
    return this.sql(`SELECT ${COLUMNS} FROM transfers WHERE payment_id = ?`).get(paymentId) as TransferRow | undefined;
  }

  byBankReference(bankReference: string): TransferRow | undefined {
    return this.sql(`SELECT ${COLUMNS} FROM transfers WHERE bank_reference = ?`).get(bankReference) as TransferRow | undefined;
  }

  insert(row: Omit<TransferRow, 'sendAttempts' | 'bankReference' | 'rejectReason' | 'settledAt' | 'status'>): void {
    this.sql(
      `INSERT INTO transfers (id, comune_id, payment_id, amount, creditor_name, creditor_iban, remittance, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
    ).run(row.id, row.comuneId, row.paymentId, row.amount, row.creditorName, row.creditorIban, row.remittance, row.createdAt);
  }

  /** Recorded (and committed) before each send, so that after a crash we know to ask the bank first. */
  countSendAttempt(id: string): void {
    this.sql(`UPDATE transfers SET send_attempts = send_attempts + 1 WHERE id = ?`).run(id);
  }

  markSettled(id: string, bankReference: string, settledAt: string, settlementTransactionId: string): void {
    this.sql(
      `UPDATE transfers SET status = 'settled', bank_reference = ?, settled_at = ?, settlement_transaction_id = ? WHERE id = ? AND status = 'pending'`,
    ).run(bankReference, settledAt, settlementTransactionId, id);
  }

  markRejected(id: string, reason: string): void {
    this.sql(`UPDATE transfers SET status = 'rejected', reject_reason = ? WHERE id = ? AND status = 'pending'`).run(reason, id);
  }

  countByStatus(): Record<TransferStatus, number> {
    const rows = this.sql(`SELECT status, count(*) AS n FROM transfers GROUP BY status`).all() as Array<{ status: TransferStatus; n: number }>;
    const counts: Record<TransferStatus, number> = { pending: 0, settled: 0, rejected: 0 };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }
}
