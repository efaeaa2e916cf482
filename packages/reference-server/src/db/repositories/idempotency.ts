import type { Db } from '../database.js';
import { statementCache } from '../statements.js';

export interface IdempotencyRow {
  operation: string;
  requestHash: string;
  paymentId: string;
}

/**
 * Idempotency keys, scoped per API key, written in the same transaction as the payment they
 * created: a key is either unused or bound to exactly one committed payment.
 */
export class IdempotencyRepository {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  get(apiKeyId: string, key: string): IdempotencyRow | undefined {
    return this.sql(
      `SELECT operation, request_hash AS requestHash, payment_id AS paymentId FROM idempotency_keys WHERE api_key_id = ? AND idempotency_key = ?`,
    ).get(apiKeyId, key) as IdempotencyRow | undefined;
  }

  insert(apiKeyId: string, key: string, row: IdempotencyRow, createdAt: string): void {
    this.sql(
      `INSERT INTO idempotency_keys (api_key_id, idempotency_key, operation, request_hash, payment_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(apiKeyId, key, row.operation, row.requestHash, row.paymentId, createdAt);
  }
}
