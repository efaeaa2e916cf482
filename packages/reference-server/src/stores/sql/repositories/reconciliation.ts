import type { ReconciliationRepository, StatementEntryRow, StatementRow, TransferReconciliationRow } from '@pay-box/engine';
import { sql, type SelectQueryBuilder } from 'kysely';
import { sqlQuery, type SqlExecutor } from '../prepared.js';
import type { Database } from '../schema.js';

/** A transaction-scoped advisory lock per comune on PostgreSQL; SQLite has one writer, so nothing to hold. */
const lockComune = sqlQuery('lock_comune_reconciliation', (db, p: { key: string }, dialect) =>
  db.selectNoFrom(dialect === 'postgres' ? sql<string>`pg_advisory_xact_lock(hashtext(${p.key}))::text`.as('locked') : sql<string>`${p.key}`.as('locked')),
);
const statementColumns = (query: SelectQueryBuilder<Database, 'statements', object>) =>
  query.select([
    'id',
    'comune_id as comuneId',
    'format',
    'content_sha256 as contentSha256',
    'period_from as periodFrom',
    'period_to as periodTo',
    'entry_count as entryCount',
    'amount',
    'received_at as receivedAt',
    'received_by as receivedBy',
  ]);
const statementByHash = sqlQuery('statement_by_hash', (db, p: { comuneId: string; contentSha256: string }) =>
  statementColumns(db.selectFrom('statements')).where('comune_id', '=', p.comuneId).where('content_sha256', '=', p.contentSha256),
);
const statementById = sqlQuery('statement_by_id', (db, p: { comuneId: string; id: string }) => statementColumns(db.selectFrom('statements')).where('comune_id', '=', p.comuneId).where('id', '=', p.id));
/** After the cursor's row, newest first; a first page passes an instant after any (`~` sorts after digits). */
const statementsPage = sqlQuery('statements_page', (db, p: { comuneId: string; receivedAt: string; id: string; limit: number }) =>
  statementColumns(db.selectFrom('statements'))
    .where('comune_id', '=', p.comuneId)
    .where((eb) => eb.or([eb('received_at', '<', p.receivedAt), eb.and([eb('received_at', '=', p.receivedAt), eb('id', '<', p.id)])]))
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(p.limit),
);
const statementPeriods = sqlQuery('statement_periods', (db, p: { comuneId: string }) =>
  db.selectFrom('statements').select(['period_from as from', 'period_to as to']).where('comune_id', '=', p.comuneId).orderBy('period_from'),
);
const insertStatement = sqlQuery('insert_statement', (db, p: StatementRow) =>
  db.insertInto('statements').values({
    id: p.id,
    comune_id: p.comuneId,
    format: p.format,
    content_sha256: p.contentSha256,
    period_from: p.periodFrom,
    period_to: p.periodTo,
    entry_count: p.entryCount,
    amount: p.amount,
    received_at: p.receivedAt,
    received_by: p.receivedBy,
  }),
);
const insertEntry = sqlQuery('insert_statement_entry', (db, p: StatementEntryRow) =>
  db.insertInto('statement_entries').values({
    id: p.id,
    statement_id: p.statementId,
    comune_id: p.comuneId,
    line: p.line,
    booked_on: p.bookedOn,
    amount: p.amount,
    end_to_end_id: p.endToEndId,
    bank_reference: p.bankReference,
    iuv: p.iuv,
    remittance: p.remittance,
  }),
);

const entryColumns = [
  'e.id',
  'e.statement_id as statementId',
  'e.comune_id as comuneId',
  'e.line',
  'e.booked_on as bookedOn',
  'e.amount',
  'e.end_to_end_id as endToEndId',
  'e.bank_reference as bankReference',
  'e.iuv',
  'e.remittance',
] as const;
/** Entries in the order matching reads them: oldest statement first, then file order. */
const entriesWithMatch = (db: Parameters<Parameters<typeof sqlQuery>[1]>[0]) =>
  db
    .selectFrom('statement_entries as e')
    .innerJoin('statements as s', 's.id', 'e.statement_id')
    .leftJoin('transfer_reconciliations as r', 'r.statement_entry_id', 'e.id')
    .select([...entryColumns, 'r.transfer_id as reconciledTransferId', 'r.matched_by as matchedBy'])
    .orderBy('s.received_at')
    .orderBy('e.statement_id')
    .orderBy('e.line')
    .orderBy('e.id');
const entriesOfStatement = sqlQuery('statement_entries_of_statement', (db, p: { comuneId: string; statementId: string }) =>
  entriesWithMatch(db).where('e.comune_id', '=', p.comuneId).where('e.statement_id', '=', p.statementId),
);
const openEntries = sqlQuery('open_statement_entries', (db, p: { comuneId: string }) =>
  entriesWithMatch(db).where('e.comune_id', '=', p.comuneId).where('r.transfer_id', 'is', null),
);
const entriesBookedOn = sqlQuery('statement_entries_booked_on', (db, p: { comuneId: string; date: string }) =>
  entriesWithMatch(db).where('e.comune_id', '=', p.comuneId).where('e.booked_on', '=', p.date),
);
const openTransfers = sqlQuery('open_transfers', (db, p: { comuneId: string }) =>
  db
    .selectFrom('transfers as t')
    .leftJoin('transfer_reconciliations as r', 'r.transfer_id', 't.id')
    .select([
      't.id',
      't.comune_id as comuneId',
      't.payment_id as paymentId',
      't.retries',
      't.amount',
      't.remittance',
      't.status',
      't.bank_reference as bankReference',
      't.created_at as createdAt',
      't.settled_at as settledAt',
    ])
    .where('t.comune_id', '=', p.comuneId)
    .where('t.status', '<>', 'rejected')
    .where('r.transfer_id', 'is', null)
    .orderBy('t.created_at')
    .orderBy('t.id'),
);
const insertReconciliation = sqlQuery('insert_transfer_reconciliation', (db, p: TransferReconciliationRow) =>
  db.insertInto('transfer_reconciliations').values({
    transfer_id: p.transferId,
    comune_id: p.comuneId,
    statement_entry_id: p.statementEntryId,
    matched_by: p.matchedBy,
    reconciled_at: p.reconciledAt,
  }),
);
const matches = sqlQuery('reconciliation_matches', (db, p: { comuneId: string }) =>
  db
    .selectFrom('transfer_reconciliations as r')
    .innerJoin('transfers as t', 't.id', 'r.transfer_id')
    .innerJoin('statement_entries as e', 'e.id', 'r.statement_entry_id')
    .select([
      'r.transfer_id as transferId',
      'r.comune_id as comuneId',
      'r.statement_entry_id as statementEntryId',
      'r.matched_by as matchedBy',
      'r.reconciled_at as reconciledAt',
      't.payment_id as paymentId',
      'e.statement_id as statementId',
      't.amount',
      't.bank_reference as bankReference',
    ])
    .where('r.comune_id', '=', p.comuneId)
    .orderBy('r.reconciled_at', 'desc')
    .orderBy('r.transfer_id'),
);
const closingPayments = sqlQuery('closing_payments', (db, p: { comuneId: string; from: string; to: string }) =>
  db
    .selectFrom('payments as p')
    .innerJoin('credits as c', 'c.id', 'p.credit_id')
    .innerJoin('services as s', 's.id', 'c.service_id')
    .leftJoin('transfers as t', 't.payment_id', 'p.id')
    .leftJoin('transfer_reconciliations as r', 'r.transfer_id', 't.id')
    .leftJoin('statement_entries as e', 'e.id', 'r.statement_entry_id')
    .select([
      'p.id as paymentId',
      'p.created_at as createdAt',
      'p.channel',
      'p.amount',
      'p.citizen_fee as citizenFee',
      's.code as serviceCode',
      'c.notice_number as noticeNumber',
      't.id as transferId',
      't.status as transferStatus',
      't.amount as transferAmount',
      't.bank_reference as bankReference',
      'e.id as entryId',
      'e.booked_on as entryBookedOn',
      'e.amount as entryAmount',
      'r.matched_by as matchedBy',
    ])
    .where('p.comune_id', '=', p.comuneId)
    .where('p.created_at', '>=', p.from)
    .where('p.created_at', '<', p.to)
    .orderBy('p.created_at')
    .orderBy('p.id'),
);

/** Statements, their entries, and the transfers they proved: one query set for SQLite and PostgreSQL. */
export function reconciliationRepository(exec: SqlExecutor): ReconciliationRepository {
  return {
    lockComune: async (comuneId) => void (await exec.first(lockComune, { key: `reconciliation:${comuneId}` })),
    statementByHash: async (comuneId, contentSha256) => exec.first(statementByHash, { comuneId, contentSha256 }),
    getStatement: async (comuneId, id) => exec.first(statementById, { comuneId, id }),
    listStatements: async (comuneId, after, limit) => exec.all(statementsPage, { comuneId, receivedAt: after?.receivedAt ?? '~', id: after?.id ?? '', limit }),
    insertStatement: async (row) => void (await exec.run(insertStatement, row)),
    insertEntries: async (rows) => {
      for (const row of rows) await exec.run(insertEntry, row);
    },
    entriesOf: async (comuneId, statementId) => exec.all(entriesOfStatement, { comuneId, statementId }),
    openEntries: async (comuneId) => (await exec.all(openEntries, { comuneId })).map(({ reconciledTransferId: _transfer, matchedBy: _by, ...entry }) => entry),
    openTransfers: async (comuneId) => exec.all(openTransfers, { comuneId }),
    periods: async (comuneId) => exec.all(statementPeriods, { comuneId }),
    insertReconciliations: async (rows) => {
      for (const row of rows) await exec.run(insertReconciliation, row);
    },
    matches: async (comuneId) => exec.all(matches, { comuneId }),
    closingPayments: async (comuneId, from, to) => exec.all(closingPayments, { comuneId, from, to }),
    entriesBookedOn: async (comuneId, date) => exec.all(entriesBookedOn, { comuneId, date }),
  };
}
