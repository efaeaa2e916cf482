import type { Db } from '../database.js';
import { statementCache } from '../statements.js';

export type OutboxKind = 'transfer';

export interface OutboxRow {
  id: string;
  comuneId: string;
  kind: OutboxKind;
  subjectId: string;
  attempts: number;
}

/**
 * Work to do outside the database (sending transfers), written in the same transaction as the
 * payment so that it is never lost. A worker leases a row while it works on it; a lease that
 * runs out (a crash) makes the row due again.
 */
export class OutboxRepository {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  insert(row: { id: string; comuneId: string; kind: OutboxKind; subjectId: string }, now: string): void {
    this.sql(`INSERT INTO outbox (id, comune_id, kind, subject_id, status, available_at, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)`).run(
      row.id,
      row.comuneId,
      row.kind,
      row.subjectId,
      now,
      now,
    );
  }

  /** Leases up to `limit` due rows until `leaseUntil`. */
  claimDue(now: string, leaseUntil: string, limit: number): OutboxRow[] {
    return this.sql(
      `UPDATE outbox SET lease_until = ?, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM outbox WHERE status = 'pending' AND available_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
         ORDER BY available_at LIMIT ?)
       RETURNING id, comune_id AS comuneId, kind, subject_id AS subjectId, attempts`,
    ).all(leaseUntil, now, now, limit) as OutboxRow[];
  }

  /** Frees every lease: at start, those of a process that died are stale (one process per SQLite file). */
  releaseAllLeases(): void {
    this.sql(`UPDATE outbox SET lease_until = NULL WHERE status = 'pending' AND lease_until IS NOT NULL`).run();
  }

  /** Releases the lease and makes the row due again at `availableAt`. */
  retryLater(id: string, availableAt: string, error: string): void {
    this.sql(`UPDATE outbox SET lease_until = NULL, available_at = ?, last_error = ? WHERE id = ? AND status = 'pending'`).run(availableAt, error, id);
  }

  completeSubject(kind: OutboxKind, subjectId: string, now: string): void {
    this.sql(`UPDATE outbox SET status = 'done', lease_until = NULL, done_at = ? WHERE kind = ? AND subject_id = ? AND status = 'pending'`).run(
      now,
      kind,
      subjectId,
    );
  }

  pendingCount(): number {
    return this.sql(`SELECT count(*) FROM outbox WHERE status = 'pending'`).pluck().get() as number;
  }

  /** When the next pending row falls due, to sleep until then. */
  nextDueAt(): string | undefined {
    return this.sql(`SELECT min(coalesce(lease_until, available_at)) FROM outbox WHERE status = 'pending'`).pluck().get() as string | undefined ?? undefined;
  }
}
