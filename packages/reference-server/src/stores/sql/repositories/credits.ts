import { fieldValuesSchema } from '@pay-box/contract';
import type { CreditRepository, CreditRow } from '@pay-box/engine';
import type { SelectQueryBuilder } from 'kysely';
import { jsonText, sqlQuery, type SqlExecutor } from '../prepared.js';
import type { Database } from '../schema.js';

export const creditColumns = (query: SelectQueryBuilder<Database, 'credits', object>) =>
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
const byNoticeWithCatalogueVersion = sqlQuery('credit_by_notice_with_catalogue_version', (db, p: { comuneId: string; noticeNumber: string }) =>
  creditColumns(db.selectFrom('credits'))
    .select((eb) => eb.selectFrom('comuni').select('catalogue_version').where('id', '=', p.comuneId).as('catalogueVersion'))
    .where('comune_id', '=', p.comuneId)
    .where('notice_number', '=', p.noticeNumber),
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
/** A credit as its insert binds it: booleans as 0/1, fields as JSON text. */
type CreditParams = Omit<CreditRow, 'unexpected' | 'fields'> & { unexpected: number; fieldsJson: string | null };

const creditValues = (p: CreditParams) => ({
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
});
const insert = sqlQuery('insert_credit', (db, p: CreditParams) => db.insertInto('credits').values(creditValues(p)));

const paramsOf = ({ unexpected, fields, ...row }: CreditRow): CreditParams => ({ ...row, unexpected: unexpected ? 1 : 0, fieldsJson: fields === null ? null : jsonText(fields) });

/**
 * How a batch reads each value of a credit's insert, in the order it binds them. Read field by field
 * from the row: spreading 100,000 rows into parameter objects cost the import more than SQLite did.
 */
const batchFields = {
  id: (row) => row.id,
  comuneId: (row) => row.comuneId,
  serviceId: (row) => row.serviceId,
  noticeNumber: (row) => row.noticeNumber,
  iuv: (row) => row.iuv,
  debtorType: (row) => row.debtorType,
  debtorTaxCode: (row) => row.debtorTaxCode,
  debtorName: (row) => row.debtorName,
  description: (row) => row.description,
  publicDescription: (row) => row.publicDescription,
  amount: (row) => row.amount,
  dueDate: (row) => row.dueDate,
  status: (row) => row.status,
  unexpected: (row) => (row.unexpected ? 1 : 0),
  fieldsJson: (row) => (row.fields === null ? null : jsonText(row.fields)),
  createdAt: (row) => row.createdAt,
  paidAt: (row) => row.paidAt,
} satisfies Record<keyof CreditParams, (row: CreditRow) => unknown>;
const fieldNames = Object.keys(batchFields);
const readers = Object.values(batchFields);

/**
 * Multi-row inserts of an import, largest first: 250 rows bind 4,250 parameters, well below SQLite's
 * limit (32,766) and PostgreSQL's (65,535). A batch binds one flat array, row after row in the order
 * of batchFields: its placeholders are named by their position in it, so binding reads an array, not
 * an object of 4,250 keys. The builder sees placeholders, so each row's fields are read through a
 * proxy that gives their position.
 */
const BATCH_SIZES = [250, 25, 1] as const;
const rowOf = (p: unknown[], row: number) => new Proxy({}, { get: (_, field) => p[row * fieldNames.length + fieldNames.indexOf(String(field))] }) as CreditParams;
const insertBatch = new Map(
  BATCH_SIZES.map((size) => [size, sqlQuery(`insert_credits_${size}`, (db, p: unknown[]) => db.insertInto('credits').values(Array.from({ length: size }, (_, row) => creditValues(rowOf(p, row)))))]),
);
function batchValues(rows: CreditRow[]): unknown[] {
  const values: unknown[] = [];
  for (const row of rows) for (const read of readers) values.push(read(row));
  return values;
}

const markPaid = sqlQuery('mark_credit_paid', (db, p: { id: string; paidAt: string; amount: number }) =>
  db.updateTable('credits').set({ status: 'paid', paid_at: p.paidAt }).where('id', '=', p.id).where('status', '=', 'open').where('amount', '=', p.amount),
);

/** Field by field, not by spreading the row: on every lookup and payment, a spread of its 17 columns cost more than reading them. */
export const creditRowOf = (row: Omit<CreditRow, 'unexpected' | 'fields'> & { unexpected: number; fieldsJson: string | null }): CreditRow => ({
  id: row.id,
  comuneId: row.comuneId,
  serviceId: row.serviceId,
  noticeNumber: row.noticeNumber,
  iuv: row.iuv,
  debtorType: row.debtorType,
  debtorTaxCode: row.debtorTaxCode,
  debtorName: row.debtorName,
  description: row.description,
  publicDescription: row.publicDescription,
  amount: row.amount,
  dueDate: row.dueDate,
  status: row.status,
  unexpected: row.unexpected === 1,
  fields: row.fieldsJson === null ? null : fieldValuesSchema.parse(JSON.parse(row.fieldsJson)),
  createdAt: row.createdAt,
  paidAt: row.paidAt,
});

/** The built-in credit store: the comune's partite, when the comune keeps them in Pay-Box. */
export function creditRepository(exec: SqlExecutor): CreditRepository {
  return {
    get: async (comuneId, id) => {
      const row = await exec.first(byId, { comuneId, id });
      return row && creditRowOf(row);
    },
    byNoticeNumber: async (comuneId, noticeNumber) => {
      const row = await exec.first(byNotice, { comuneId, noticeNumber });
      return row && creditRowOf(row);
    },
    byNoticeNumberWithCatalogueVersion: async (comuneId, noticeNumber) => {
      const row = await exec.first(byNoticeWithCatalogueVersion, { comuneId, noticeNumber });
      // A credit's comune exists (a foreign key): the version is never null where there is a row.
      return row && { credit: creditRowOf(row), catalogueVersion: row.catalogueVersion! };
    },
    byDebtor: async (comuneId, debtorTaxCode, serviceId, openOnly) => (await exec.all(openOnly ? openByDebtor : byDebtor, { comuneId, debtorTaxCode, serviceId })).map(creditRowOf),
    openNoticeNumbers: async (comuneId, limit) => (await exec.all(openNotices, { comuneId, limit })).map((row) => row.noticeNumber),
    insert: async (row) => void (await exec.run(insert, paramsOf(row))),
    insertMany: async (rows) => {
      for (let at = 0; at < rows.length; ) {
        const size = BATCH_SIZES.find((candidate) => candidate <= rows.length - at)!;
        await exec.run(insertBatch.get(size)!, batchValues(rows.slice(at, at + size)));
        at += size;
      }
    },
    markPaid: async (id, paidAt, amount) => (await exec.run(markPaid, { id, paidAt, amount })) === 1,
  };
}
