import type { DeadLetterRow, OutboxKind, OutboxRepository, TransferRepository, TransferRow } from '@pay-box/engine';
import type { TransferStatus } from '@pay-box/contract';
import { sql, type SelectQueryBuilder } from 'kysely';
import { sqlQuery, type SqlExecutor } from '../prepared.js';
import type { Database } from '../schema.js';

const transferColumns = (query: SelectQueryBuilder<Database, 'transfers', object>) =>
  query.select([
    'id',
    'comune_id as comuneId',
    'payment_id as paymentId',
    'amount',
    'creditor_name as creditorName',
    'creditor_iban as creditorIban',
    'remittance',
    'status',
    'send_attempts as sendAttempts',
    'retries',
    'bank_reference as bankReference',
    'reject_reason as rejectReason',
    'created_at as createdAt',
    'settled_at as settledAt',
  ]);
const byId = sqlQuery('transfer_by_id', (db, p: { id: string }) => transferColumns(db.selectFrom('transfers')).where('id', '=', p.id));
const byPayment = sqlQuery('transfer_by_payment', (db, p: { paymentId: string }) => transferColumns(db.selectFrom('transfers')).where('payment_id', '=', p.paymentId));
const lockedByPayment = sqlQuery('transfer_by_payment_locked', (db, p: { paymentId: string }, dialect) => {
  const query = transferColumns(db.selectFrom('transfers')).where('payment_id', '=', p.paymentId);
  return dialect === 'postgres' ? query.forUpdate() : query;
});
const byReference = sqlQuery('transfer_by_reference', (db, p: { bankReference: string }) => transferColumns(db.selectFrom('transfers')).where('bank_reference', '=', p.bankReference));
const insertTransfer = sqlQuery(
  'insert_transfer',
  (db, p: Omit<TransferRow, 'bankReference' | 'rejectReason' | 'settledAt' | 'status' | 'retries'>) =>
    db.insertInto('transfers').values({
      id: p.id,
      comune_id: p.comuneId,
      payment_id: p.paymentId,
      amount: p.amount,
      creditor_name: p.creditorName,
      creditor_iban: p.creditorIban,
      remittance: p.remittance,
      status: 'pending',
      send_attempts: p.sendAttempts,
      created_at: p.createdAt,
    }),
);
const countAttempt = sqlQuery('count_send_attempt', (db, p: { id: string }) => db.updateTable('transfers').set({ send_attempts: sql`send_attempts + 1` }).where('id', '=', p.id));
const settle = sqlQuery('settle_transfer', (db, p: { id: string; bankReference: string; settledAt: string; settlementTransactionId: string }) =>
  db
    .updateTable('transfers')
    .set({ status: 'settled', bank_reference: p.bankReference, settled_at: p.settledAt, settlement_transaction_id: p.settlementTransactionId })
    .where('id', '=', p.id)
    .where('status', '=', 'pending'),
);
const reject = sqlQuery('reject_transfer', (db, p: { id: string; reason: string }) =>
  db.updateTable('transfers').set({ status: 'rejected', reject_reason: p.reason }).where('id', '=', p.id).where('status', '=', 'pending'),
);
const statusCounts = sqlQuery('transfer_status_counts', (db) => db.selectFrom('transfers').select((eb) => ['status', eb.fn.countAll<number>().as('count')]).groupBy('status'));

/** One SEPA transfer per payment, kept apart from the payment so a later daily-batch mode fits. */
export function transferRepository(exec: SqlExecutor): TransferRepository {
  return {
    get: async (id) => exec.first(byId, { id }),
    byPayment: async (paymentId, options = {}) => exec.first(options.lock ? lockedByPayment : byPayment, { paymentId }),
    byBankReference: async (bankReference) => exec.first(byReference, { bankReference }),
    insert: async (row) => void (await exec.run(insertTransfer, row)),
    countSendAttempt: async (id) => void (await exec.run(countAttempt, { id })),
    markSettled: async (id, bankReference, settledAt, settlementTransactionId) => void (await exec.run(settle, { id, bankReference, settledAt, settlementTransactionId })),
    markRejected: async (id, reason) => void (await exec.run(reject, { id, reason })),
    countByStatus: async () => {
      const counts: Record<TransferStatus, number> = { pending: 0, settled: 0, rejected: 0 };
      for (const row of await exec.all(statusCounts, {})) counts[row.status] = Number(row.count);
      return counts;
    },
  };
}

const insertOutbox = sqlQuery('insert_outbox', (db, p: { id: string; comuneId: string; kind: OutboxKind; subjectId: string; leaseUntil: string | null; now: string }) =>
  db.insertInto('outbox').values({
    id: p.id,
    comune_id: p.comuneId,
    kind: p.kind,
    subject_id: p.subjectId,
    status: 'pending',
    available_at: p.now,
    lease_until: p.leaseUntil,
    created_at: p.now,
  }),
);
/** When a pending row falls due: its lease's end while leased, else its retry time (the index outbox_due_at). */
const dueAt = sql<string>`coalesce(lease_until, available_at)`;
const claimDue = sqlQuery('claim_due_outbox', (db, p: { now: string; leaseUntil: string; limit: number }, dialect) => {
  let due = db.selectFrom('outbox').select('id').where('status', '=', 'pending').where(dueAt, '<=', p.now).orderBy(dueAt).limit(p.limit);
  // Several instances share one PostgreSQL: each claims rows no other is claiming at that moment.
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  return db
    .updateTable('outbox')
    .set({ lease_until: p.leaseUntil })
    .where('id', 'in', due)
    .returning(['id', 'comune_id as comuneId', 'kind', 'subject_id as subjectId', 'failures', 'created_at as createdAt']);
});
const releaseLeases = sqlQuery('release_outbox_leases', (db) =>
  db.updateTable('outbox').set({ lease_until: null }).where('status', '=', 'pending').where('lease_until', 'is not', null),
);
const retryLater = sqlQuery('retry_outbox_later', (db, p: { id: string; availableAt: string; error: string }) =>
  db
    .updateTable('outbox')
    .set({ lease_until: null, available_at: p.availableAt, last_error: p.error, failures: sql`failures + 1` })
    .where('id', '=', p.id)
    .where('status', '=', 'pending'),
);
const complete = sqlQuery('complete_outbox', (db, p: { kind: OutboxKind; subjectId: string; now: string }) =>
  db
    .updateTable('outbox')
    .set({ status: 'done', lease_until: null, done_at: p.now })
    .where('kind', '=', p.kind)
    .where('subject_id', '=', p.subjectId)
    .where('status', '=', 'pending'),
);
const markDead = sqlQuery('mark_outbox_dead', (db, p: { id: string; now: string; error: string }) =>
  db.updateTable('outbox').set({ status: 'dead', lease_until: null, last_error: p.error, done_at: p.now }).where('id', '=', p.id).where('status', '=', 'pending'),
);
const deadColumns = ['id', 'comune_id as comuneId', 'kind', 'subject_id as subjectId', 'failures', 'last_error as lastError', 'created_at as createdAt', 'done_at as deadAt'] as const;
const deadOfComune = sqlQuery('dead_outbox_of_comune', (db, p: { comuneId: string; limit: number }) =>
  db.selectFrom('outbox').select(deadColumns).where('comune_id', '=', p.comuneId).where('status', '=', 'dead').orderBy('done_at', 'desc').orderBy('id', 'desc').limit(p.limit),
);
const deadById = sqlQuery('dead_outbox_by_id', (db, p: { comuneId: string; id: string }) =>
  db.selectFrom('outbox').select(deadColumns).where('comune_id', '=', p.comuneId).where('id', '=', p.id).where('status', '=', 'dead'),
);
const deadLetter = ({ failures, deadAt, ...row }: Omit<DeadLetterRow, 'failures' | 'deadAt'> & { failures: number | string; deadAt: string | null }): DeadLetterRow => ({
  ...row,
  failures: Number(failures),
  deadAt: deadAt!,
});
const requeue = sqlQuery('requeue_outbox', (db, p: { kind: OutboxKind; subjectId: string; now: string }) =>
  db
    .updateTable('outbox')
    .set({ status: 'pending', failures: 0, available_at: p.now, lease_until: null, done_at: null })
    .where('kind', '=', p.kind)
    .where('subject_id', '=', p.subjectId),
);
const pendingCount = sqlQuery('pending_outbox_count', (db) => db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('count')).where('status', '=', 'pending'));
const nextDue = sqlQuery('next_due_outbox', (db) =>
  db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min(dueAt).as('dueAt'))
    .where('status', '=', 'pending'),
);

/**
 * Work to do outside the database (sending transfers, capturing or voiding cards), written in the same unit of work as the
 * payment so that it is never lost. A dispatch leases a row while it works on it; a lease that
 * runs out (a crash) makes the row due again.
 */
export function outboxRepository(exec: SqlExecutor): OutboxRepository {
  return {
    insert: async (row, now) => void (await exec.run(insertOutbox, { ...row, now })),
    claimDue: async (now, leaseUntil, limit) => exec.all(claimDue, { now, leaseUntil, limit }),
    releaseAllLeases: async () => exec.run(releaseLeases, {}),
    retryLater: async (id, availableAt, error) => void (await exec.run(retryLater, { id, availableAt, error })),
    completeSubject: async (kind, subjectId, now) => void (await exec.run(complete, { kind, subjectId, now })),
    markDead: async (id, now, error) => void (await exec.run(markDead, { id, now, error })),
    deadLetters: async (comuneId, limit) => (await exec.all(deadOfComune, { comuneId, limit })).map(deadLetter),
    deadLetter: async (comuneId, id) => {
      const found = await exec.first(deadById, { comuneId, id });
      return found && deadLetter(found);
    },
    requeue: async (kind, subjectId, now) => void (await exec.run(requeue, { kind, subjectId, now })),
    pendingCount: async () => Number((await exec.first(pendingCount, {}))!.count),
    nextDueAt: async () => (await exec.first(nextDue, {}))?.dueAt ?? undefined,
  };
}
