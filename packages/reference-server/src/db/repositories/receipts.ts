import type { Db } from '../database.js';
import { statementCache } from '../statements.js';

export interface ReceiptRow {
  id: string;
  comuneId: string;
  paymentId: string;
  number: string;
  verificationCode: string;
  issuedAt: string;
}

const COLUMNS = `id, comune_id AS comuneId, payment_id AS paymentId, number, verification_code AS verificationCode, issued_at AS issuedAt`;

export class ReceiptRepository {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  get(id: string): ReceiptRow | undefined {
    return this.sql(`SELECT ${COLUMNS} FROM receipts WHERE id = ?`).get(id) as ReceiptRow | undefined;
  }

  byPayment(paymentId: string): ReceiptRow | undefined {
    return this.sql(`SELECT ${COLUMNS} FROM receipts WHERE payment_id = ?`).get(paymentId) as ReceiptRow | undefined;
  }

  byVerificationCode(code: string): ReceiptRow | undefined {
    return this.sql(`SELECT ${COLUMNS} FROM receipts WHERE verification_code = ?`).get(code) as ReceiptRow | undefined;
  }

  insert(row: ReceiptRow): void {
    this.sql(`INSERT INTO receipts (id, comune_id, payment_id, number, verification_code, issued_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
      row.id,
      row.comuneId,
      row.paymentId,
      row.number,
      row.verificationCode,
      row.issuedAt,
    );
  }

  /** Next value of a per-comune counter (receipt numbers per year), starting at 1. */
  nextCounter(comuneId: string, name: string): number {
    return this.sql(
      `INSERT INTO counters (comune_id, name, value) VALUES (?, ?, 1)
       ON CONFLICT (comune_id, name) DO UPDATE SET value = value + 1 RETURNING value`,
    )
      .pluck()
      .get(comuneId, name) as number;
  }
}
