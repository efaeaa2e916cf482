import { fieldValuesSchema } from '@pay-box/contract';
import type { CreditRepository, CreditRow } from '@pay-box/engine';
import type { SelectQueryBuilder } from 'kysely';
import { jsonText, sqlQuery, type SqlExecutor } from '../prepared.js';
import type { Database } from '../schema.js';

const creditColumns = (query: SelectQueryBuilder<Database, 'credits', object>) =>
  query.select([
    'id',
    'comune_id as comuneId',
    'service_id as serviceId',
    'notice_number as noticeNumber',
    'iuv',
    'debtor_type as debtorType',
    'debtor_tax_code as debtorTaxCode',
    'debtor_name as debtorName',
    'description',
    'public_description as publicDescription',
    'amount',
    'due_date as dueDate',
    'status',
    'unexpected',
    'fields_json as fieldsJson',
    'created_at as createdAt',
    'paid_at as paidAt',
  ]);

const byId = sqlQuery('credit_by_id', (db, p: { comuneId: string; id: string }) => creditColumns(db.selectFrom('credits')).where('comune_id', '=', p.comuneId).where('id', '=', p.id));
const byNotice = sqlQuery('credit_by_notice', (db, p: { comuneId: string; noticeNumber: string }) =>
  creditColumns(db.selectFrom('credits')).where('comune_id', '=', p.comuneId).where('notice_number', '=', p.noticeNumber),
);
const byDebtor = sqlQuery('credits_by_debtor', (db, p: { comuneId: string; debtorTaxCode: string; serviceId: string }) =>
  creditColumns(db.selectFrom('credits'))
    .where('comune_id', '=', p.comuneId)
    .where('debtor_tax_code', '=', p.debtorTaxCode)
    .where('service_id', '=', p.serviceId)
    .orderBy('due_date')
    .orderBy('id'),
);
const openByDebtor = sqlQuery('open_credits_by_debtor', (db, p: { comuneId: string; debtorTaxCode: string; serviceId: string }) =>
  creditColumns(db.selectFrom('credits'))
    .where('comune_id', '=', p.comuneId)
    .where('debtor_tax_code', '=', p.debtorTaxCode)
    .where('service_id', '=', p.serviceId)
    .where('status', '=', 'open')
    .orderBy('due_date')
    .orderBy('id'),
);
const openNotices = sqlQuery('open_notice_numbers', (db, p: { comuneId: string; limit: number }) =>
  db.selectFrom('credits').select('notice_number as noticeNumber').where('comune_id', '=', p.comuneId).where('status', '=', 'open').orderBy('notice_number').limit(p.limit),
);
const insert = sqlQuery('insert_credit', (db, p: Omit<CreditRow, 'unexpected' | 'fields'> & { unexpected: number; fieldsJson: string | null }) =>
  db.insertInto('credits').values({
    id: p.id,
    comune_id: p.comuneId,
    service_id: p.serviceId,
    notice_number: p.noticeNumber,
    iuv: p.iuv,
    debtor_type: p.debtorType,
    debtor_tax_code: p.debtorTaxCode,
    debtor_name: p.debtorName,
    description: p.description,
    public_description: p.publicDescription,
    amount: p.amount,
    due_date: p.dueDate,
    status: p.status,
    unexpected: p.unexpected,
    fields_json: p.fieldsJson,
    created_at: p.createdAt,
    paid_at: p.paidAt,
  }),
);
const markPaid = sqlQuery('mark_credit_paid', (db, p: { id: string; paidAt: string }) =>
  db.updateTable('credits').set({ status: 'paid', paid_at: p.paidAt }).where('id', '=', p.id).where('status', '=', 'open'),
);

const toRow = ({ unexpected, fieldsJson, ...row }: Omit<CreditRow, 'unexpected' | 'fields'> & { unexpected: number; fieldsJson: string | null }): CreditRow => ({
  ...row,
  unexpected: unexpected === 1,
  fields: fieldsJson === null ? null : fieldValuesSchema.parse(JSON.parse(fieldsJson)),
});

/** The built-in credit store: the comune's partite, when the comune keeps them in Pay-Box. */
export function creditRepository(exec: SqlExecutor): CreditRepository {
  return {
    get: async (comuneId, id) => {
      const row = await exec.first(byId, { comuneId, id });
      return row && toRow(row);
    },
    byNoticeNumber: async (comuneId, noticeNumber) => {
      const row = await exec.first(byNotice, { comuneId, noticeNumber });
      return row && toRow(row);
    },
    byDebtor: async (comuneId, debtorTaxCode, serviceId, openOnly) => (await exec.all(openOnly ? openByDebtor : byDebtor, { comuneId, debtorTaxCode, serviceId })).map(toRow),
    openNoticeNumbers: async (comuneId, limit) => (await exec.all(openNotices, { comuneId, limit })).map((row) => row.noticeNumber),
    insert: async ({ unexpected, fields, ...row }) => void (await exec.run(insert, { ...row, unexpected: unexpected ? 1 : 0, fieldsJson: fields === null ? null : jsonText(fields) })),
    markPaid: async (id, paidAt) => (await exec.run(markPaid, { id, paidAt })) === 1,
  };
}
