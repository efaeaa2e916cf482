import type { CreditStatus } from '@pay-box/contract';
import type { GestionaleRepository, StaffCreditRow, UnexpectedCreditQueueRow } from '@pay-box/engine';
import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { sqlQuery, type SqlExecutor } from '../prepared.js';
import type { Database } from '../schema.js';
import { creditColumns, creditRowOf } from './credits.js';

const staffCreditColumns = (query: SelectQueryBuilder<Database, 'credits', object>) =>
  creditColumns(query).select(['updated_at as updatedAt', 'cancelled_at as cancelledAt', 'cancel_reason as cancelReason']);

/**
 * True when an optional parameter is not given. The cast tells PostgreSQL the parameter's type, which
 * it cannot infer from `IS NULL` alone; SQLite reads it the same. One SQL text serves every filter.
 */
const unset = (value: unknown): Expression<SqlBool> => sql<SqlBool>`cast(${value} as text) is null`;

/** The page after `afterAt`/`afterId`, newest first: the keyset the list is ordered by. */
interface PageParams {
  afterAt: string | null;
  afterId: string | null;
  limit: number;
}

const creditById = sqlQuery('staff_credit_by_id', (db, p: { comuneId: string; id: string }) => staffCreditColumns(db.selectFrom('credits')).where('comune_id', '=', p.comuneId).where('id', '=', p.id));

const creditsPage = sqlQuery(
  'staff_credits_page',
  (db, p: PageParams & { comuneId: string; status: CreditStatus | null; serviceId: string | null; q: string | null; qUpper: string | null; qLike: string | null; dueFrom: string | null; dueTo: string | null }) =>
    staffCreditColumns(db.selectFrom('credits'))
      .where('comune_id', '=', p.comuneId)
      .where((eb) => eb.or([unset(p.status), eb('status', '=', p.status)]))
      .where((eb) => eb.or([unset(p.serviceId), eb('service_id', '=', p.serviceId)]))
      .where((eb) => eb.or([unset(p.q), eb('notice_number', '=', p.q), eb('debtor_tax_code', '=', p.qUpper), sql<SqlBool>`lower(debtor_name) like ${p.qLike} escape '\\'`]))
      .where((eb) => eb.or([unset(p.dueFrom), eb('due_date', '>=', p.dueFrom)]))
      .where((eb) => eb.or([unset(p.dueTo), eb('due_date', '<=', p.dueTo)]))
      .where((eb) => eb.or([unset(p.afterAt), eb('created_at', '<', p.afterAt), eb.and([eb('created_at', '=', p.afterAt), eb('id', '<', p.afterId)])]))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(p.limit),
);

const creditKeys = sqlQuery('staff_credit_keys', (db, p: { comuneId: string }) =>
  db
    .selectFrom('credits')
    .select(['notice_number as noticeNumber', 'service_id as serviceId', 'debtor_tax_code as debtorTaxCode', 'description', 'amount', 'due_date as dueDate', 'status'])
    .where('comune_id', '=', p.comuneId),
);

const updateOpen = sqlQuery(
  'update_open_credit',
  (
    db,
    p: {
      comuneId: string;
      id: string;
      debtorType: 'person' | 'company';
      debtorTaxCode: string;
      debtorName: string;
      description: string;
      publicDescription: string;
      amount: number;
      dueDate: string | null;
      updatedAt: string;
    },
  ) =>
    db
      .updateTable('credits')
      .set({
        debtor_type: p.debtorType,
        debtor_tax_code: p.debtorTaxCode,
        debtor_name: p.debtorName,
        description: p.description,
        public_description: p.publicDescription,
        amount: p.amount,
        due_date: p.dueDate,
        updated_at: p.updatedAt,
      })
      .where('comune_id', '=', p.comuneId)
      .where('id', '=', p.id)
      .where('status', '=', 'open'),
);

const cancelOpen = sqlQuery('cancel_open_credit', (db, p: { comuneId: string; id: string; reason: string; at: string }) =>
  db
    .updateTable('credits')
    .set({ status: 'cancelled', cancelled_at: p.at, cancel_reason: p.reason, updated_at: p.at })
    .where('comune_id', '=', p.comuneId)
    .where('id', '=', p.id)
    .where('status', '=', 'open'),
);

/** Paid unexpected credits with their payment, shop and registration; one query per `registered` choice. */
const queue = (name: string, registered: boolean | null) =>
  sqlQuery(name, (db, p: PageParams & { comuneId: string }) => {
    const page = db
      .selectFrom((eb) => staffCreditColumns(eb.selectFrom('credits')).where('comune_id', '=', p.comuneId).where('unexpected', '=', 1).as('c'))
      .innerJoin('payments as p', 'p.credit_id', 'c.id')
      .leftJoin('agents as a', 'a.id', 'p.agent_id')
      .leftJoin('unexpected_credit_registrations as r', 'r.credit_id', 'c.id')
      .selectAll('c')
      .select([
        'p.id as paymentId',
        'p.created_at as paymentCreatedAt',
        'p.channel as paymentChannel',
        'a.name as agentName',
        'r.accertamento_number as accertamentoNumber',
        'r.budget_chapter as budgetChapter',
        'r.registered_by as registeredBy',
        'r.registered_at as registeredAt',
      ])
      .where((eb) => eb.or([unset(p.afterAt), eb('p.created_at', '<', p.afterAt), eb.and([eb('p.created_at', '=', p.afterAt), eb('c.id', '<', p.afterId)])]))
      .orderBy('p.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(p.limit);
    if (registered === null) return page;
    return registered ? page.where('r.credit_id', 'is not', null) : page.where('r.credit_id', 'is', null);
  });
const queues = { all: queue('unexpected_credits_page', null), registered: queue('registered_unexpected_credits_page', true), unregistered: queue('unregistered_unexpected_credits_page', false) };

const registrationOf = sqlQuery('unexpected_credit_registration', (db, p: { comuneId: string; creditId: string }) =>
  db
    .selectFrom('unexpected_credit_registrations')
    .select(['credit_id as creditId', 'comune_id as comuneId', 'accertamento_number as accertamentoNumber', 'budget_chapter as budgetChapter', 'registered_by as registeredBy', 'registered_at as registeredAt'])
    .where('comune_id', '=', p.comuneId)
    .where('credit_id', '=', p.creditId),
);
const insertRegistration = sqlQuery(
  'insert_unexpected_credit_registration',
  (db, p: { creditId: string; comuneId: string; accertamentoNumber: string; budgetChapter: string; registeredBy: string; registeredAt: string }) =>
    db.insertInto('unexpected_credit_registrations').values({
      credit_id: p.creditId,
      comune_id: p.comuneId,
      accertamento_number: p.accertamentoNumber,
      budget_chapter: p.budgetChapter,
      registered_by: p.registeredBy,
      registered_at: p.registeredAt,
    }),
);

type StaffCreditSelection = Parameters<typeof creditRowOf>[0] & Pick<StaffCreditRow, 'updatedAt' | 'cancelledAt' | 'cancelReason'>;
const staffCreditOf = ({ updatedAt, cancelledAt, cancelReason, ...row }: StaffCreditSelection): StaffCreditRow => ({ ...creditRowOf(row), updatedAt, cancelledAt, cancelReason });

/** `%` and `_` in what staff type are letters, not wildcards. */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
const pageParams = (after: { at: string; id: string } | null, limit: number): PageParams => ({ afterAt: after?.at ?? null, afterId: after?.id ?? null, limit });

export function gestionaleRepository(exec: SqlExecutor): GestionaleRepository {
  return {
    credit: async (comuneId, id) => {
      const row = await exec.first(creditById, { comuneId, id });
      return row && staffCreditOf(row);
    },
    listCredits: async (comuneId, filter, after, limit) =>
      (
        await exec.all(creditsPage, {
          comuneId,
          ...filter,
          qUpper: filter.q?.toUpperCase() ?? null,
          qLike: filter.q === null ? null : likePattern(filter.q),
          ...pageParams(after, limit),
        })
      ).map(staffCreditOf),
    creditKeys: async (comuneId) => exec.all(creditKeys, { comuneId }),
    updateOpenCredit: async (comuneId, id, change, updatedAt) => (await exec.run(updateOpen, { comuneId, id, ...change, updatedAt })) === 1,
    cancelOpenCredit: async (comuneId, id, reason, at) => (await exec.run(cancelOpen, { comuneId, id, reason, at })) === 1,
    unexpectedCredits: async (comuneId, registered, after, limit) => {
      const query = registered === null ? queues.all : registered ? queues.registered : queues.unregistered;
      const rows = await exec.all(query, { comuneId, ...pageParams(after, limit) });
      return rows.map(({ paymentId, paymentCreatedAt, paymentChannel, agentName, accertamentoNumber, budgetChapter, registeredBy, registeredAt, ...credit }): UnexpectedCreditQueueRow => ({
        credit: staffCreditOf(credit),
        payment: { id: paymentId, createdAt: paymentCreatedAt, channel: paymentChannel, agentName },
        registration:
          accertamentoNumber === null || budgetChapter === null || registeredBy === null || registeredAt === null
            ? null
            : { creditId: credit.id, comuneId: credit.comuneId, accertamentoNumber, budgetChapter, registeredBy, registeredAt },
      }));
    },
    registration: async (comuneId, creditId) => exec.first(registrationOf, { comuneId, creditId }),
    insertRegistration: async (row) => void (await exec.run(insertRegistration, row)),
  };
}
