import type { EventRepository, LiveRepository, PaymentListing, PaymentSelection, TransferResolutionRow } from '@pay-box/engine';
import { sql } from 'kysely';
import { z } from 'zod';
import { jsonText, sqlQuery, sqlQueryPerCount, type SqlExecutor } from '../prepared.js';

/** Events per INSERT at most: a fact has a few; more go in several, so statements stay few and small. */
const EVENTS_PER_INSERT = 8;
/** The events of a fact in one INSERT; rows get their `seq` in the order given. */
const insertEvents = sqlQueryPerCount('insert_events', (db, p: Record<string, string>, count) =>
  db.insertInto('events').values(
    Array.from({ length: count }, (_, i) => ({
      id: p[`id${i}`]!,
      comune_id: p[`comuneId${i}`]!,
      type: p[`type${i}`]!,
      subject_id: p[`subjectId${i}`]!,
      data_json: p[`dataJson${i}`]!,
      created_at: p[`createdAt${i}`]!,
    })),
  ),
);
const eventColumns = ['seq', 'id', 'comune_id as comuneId', 'type', 'subject_id as subjectId', 'data_json as dataJson', 'created_at as createdAt'] as const;
const eventsAfter = sqlQuery('events_after', (db, p: { comuneId: string; afterSeq: number; limit: number }) =>
  db.selectFrom('events').select(eventColumns).where('comune_id', '=', p.comuneId).where('seq', '>', p.afterSeq).orderBy('seq').limit(p.limit),
);
const eventsAbout = sqlQuery('events_about', (db, p: { comuneId: string; subjectId: string }) =>
  db.selectFrom('events').select(eventColumns).where('comune_id', '=', p.comuneId).where('subject_id', '=', p.subjectId).orderBy('seq'),
);
const lastEventSeq = sqlQuery('last_event_seq', (db, p: { comuneId: string }) =>
  db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).where('comune_id', '=', p.comuneId),
);

const dataSchema = z.record(z.string(), z.unknown());
const eventRow = ({ dataJson, seq, ...row }: { seq: number; id: string; comuneId: string; type: string; subjectId: string; dataJson: string; createdAt: string }) => ({
  ...row,
  seq: Number(seq),
  data: dataSchema.parse(JSON.parse(dataJson)),
});

export function eventRepository(exec: SqlExecutor): EventRepository {
  return {
    append: async (rows) => {
      for (let from = 0; from < rows.length; from += EVENTS_PER_INSERT) {
        const chunk = rows.slice(from, from + EVENTS_PER_INSERT);
        const values: Record<string, string> = {};
        chunk.forEach(({ id, comuneId, type, subjectId, data, createdAt }, i) => {
          Object.assign(values, { [`id${i}`]: id, [`comuneId${i}`]: comuneId, [`type${i}`]: type, [`subjectId${i}`]: subjectId, [`dataJson${i}`]: jsonText(data), [`createdAt${i}`]: createdAt });
        });
        await exec.run(insertEvents(chunk.length), values);
      }
    },
    after: async (comuneId, afterSeq, limit) => (await exec.all(eventsAfter, { comuneId, afterSeq, limit })).map(eventRow),
    lastSeq: async (comuneId) => Number((await exec.first(lastEventSeq, { comuneId }))?.seq ?? 0),
    about: async (comuneId, subjectId) => (await exec.all(eventsAbout, { comuneId, subjectId })).map(eventRow),
  };
}

/** Optional filters in one fixed SQL text: a null parameter lets every row through (typed, for PostgreSQL). */
const text = (value: unknown) => sql`cast(${value} as text)`;
const whole = (value: unknown) => sql`cast(${value} as bigint)`;

const payments = sqlQuery('admin_payments', (db, p: Omit<PaymentSelection, 'comuneId' | 'limit'> & { comuneId: string; limit: number }) =>
  db
    .selectFrom('payments as p')
    .innerJoin('credits as c', 'c.id', 'p.credit_id')
    .innerJoin('services as s', 's.id', 'c.service_id')
    .innerJoin('receipts as r', 'r.payment_id', 'p.id')
    .innerJoin('transfers as t', 't.payment_id', 'p.id')
    .leftJoin('agents as a', 'a.id', 'p.agent_id')
    .leftJoin('transfer_resolutions as tr', 'tr.transfer_id', 't.id')
    .select([
      'p.id',
      'p.comune_id as comuneId',
      'p.credit_id as creditId',
      'p.channel',
      'p.agent_id as agentId',
      'p.terminal_id as terminalId',
      'p.amount',
      'p.citizen_fee as citizenFee',
      'p.agent_fee_share as agentFeeShare',
      'p.institution_fee_share as institutionFeeShare',
      'p.float_debited as floatDebited',
      'p.ledger_transaction_id as ledgerTransactionId',
      'p.created_at as createdAt',
      'c.notice_number as noticeNumber',
      'c.debtor_name as debtorName',
      'c.debtor_tax_code as debtorTaxCode',
      'c.unexpected',
      's.code as serviceCode',
      's.name as serviceName',
      'a.name as agentName',
      'r.id as receiptId',
      'r.number as receiptNumber',
      'r.verification_code as verificationCode',
      't.id as transferId',
      't.status as transferStatus',
      't.amount as transferAmount',
      't.bank_reference as bankReference',
      't.reject_reason as rejectReason',
      't.created_at as transferCreatedAt',
      't.settled_at as settledAt',
      't.retries',
      't.settlement_transaction_id as settlementTransactionId',
      'tr.note as resolutionNote',
      'tr.bank_reference as resolutionBankReference',
      'tr.resolved_by as resolvedBy',
      'tr.resolved_at as resolvedAt',
    ])
    .where('p.comune_id', '=', p.comuneId)
    .where(sql<boolean>`(${text(p.from)} is null or p.created_at >= ${p.from})`)
    .where(sql<boolean>`(${text(p.to)} is null or p.created_at < ${p.to})`)
    .where(sql<boolean>`(${text(p.serviceCode)} is null or s.code = ${p.serviceCode})`)
    .where(sql<boolean>`(${text(p.channel)} is null or p.channel = ${p.channel})`)
    .where(sql<boolean>`(${text(p.agentId)} is null or p.agent_id = ${p.agentId})`)
    .where(sql<boolean>`(${text(p.transferStatus)} is null or t.status = ${p.transferStatus})`)
    .where(sql<boolean>`(${text(p.transferCreatedBefore)} is null or t.created_at < ${p.transferCreatedBefore})`)
    .where(sql<boolean>`(${whole(p.resolved)} is null or (case when tr.transfer_id is null then 0 else 1 end) = ${whole(p.resolved)})`)
    .where(sql<boolean>`(${whole(p.minAmount)} is null or p.amount >= ${whole(p.minAmount)})`)
    .where(sql<boolean>`(${whole(p.maxAmount)} is null or p.amount <= ${whole(p.maxAmount)})`)
    .where(sql<boolean>`(${text(p.noticeNumber)} is null or c.notice_number = ${p.noticeNumber})`)
    .where(sql<boolean>`(${text(p.taxCode)} is null or c.debtor_tax_code = ${p.taxCode})`)
    .where(sql<boolean>`(${text(p.search)} is null or c.notice_number = ${p.search} or c.debtor_tax_code = ${p.search} or r.number = ${p.search} or r.verification_code = ${p.search})`)
    .where(sql<boolean>`(${text(p.paymentId)} is null or p.id = ${p.paymentId})`)
    .where(sql<boolean>`(${text(p.cursorAt)} is null or p.created_at < ${p.cursorAt} or (p.created_at = ${p.cursorAt} and p.id < ${p.cursorId}))`)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(p.limit),
);

const hour = sql<string>`substr(p.created_at, 1, 13)`;
const totals = sqlQuery('admin_payment_totals', (db, p: { comuneId: string; from: string }) =>
  db
    .selectFrom('payments as p')
    .innerJoin('credits as c', 'c.id', 'p.credit_id')
    .innerJoin('services as s', 's.id', 'c.service_id')
    .leftJoin('agents as a', 'a.id', 'p.agent_id')
    .select((eb) => [
      hour.as('hour'),
      'p.channel',
      's.code as serviceCode',
      's.name as serviceName',
      'p.agent_id as agentId',
      'a.name as agentName',
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number>('p.amount').as('amount'),
      eb.fn.sum<number>('p.citizen_fee').as('fees'),
    ])
    .where('p.comune_id', '=', p.comuneId)
    .where('p.created_at', '>=', p.from)
    .groupBy([hour, 'p.channel', 's.code', 's.name', 'p.agent_id', 'a.name']),
);

const counted = (condition: ReturnType<typeof sql<boolean>>) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;
const transferCounts = sqlQuery('admin_transfer_counts', (db, p: { comuneId: string; staleBefore: string }) =>
  db
    .selectFrom('transfers as t')
    .leftJoin('transfer_resolutions as tr', 'tr.transfer_id', 't.id')
    .select([
      counted(sql<boolean>`t.status = 'pending'`).as('pending'),
      counted(sql<boolean>`t.status = 'pending' and t.created_at < ${p.staleBefore}`).as('stale'),
      counted(sql<boolean>`t.status = 'rejected' and tr.transfer_id is null`).as('rejected'),
    ])
    .where('t.comune_id', '=', p.comuneId),
);

const lastPaymentByAgent = sqlQuery('admin_last_payment_by_agent', (db, p: { comuneId: string }) =>
  db
    .selectFrom('payments')
    .select((eb) => ['agent_id as agentId', eb.fn.max('created_at').as('lastPaymentAt')])
    .where('comune_id', '=', p.comuneId)
    .where('agent_id', 'is not', null)
    .groupBy('agent_id'),
);

const postings = sqlQuery('admin_postings', (db, p: { first: string; second: string }) =>
  db
    .selectFrom('ledger_postings as lp')
    .innerJoin('ledger_accounts as la', 'la.id', 'lp.account_id')
    .select(['lp.transaction_id as transactionId', 'lp.account_id as accountId', 'la.kind as accountKind', 'lp.amount', 'lp.created_at as createdAt'])
    .where('lp.transaction_id', 'in', [p.first, p.second])
    .orderBy('lp.seq'),
);

const resolutionColumns = ['transfer_id as transferId', 'comune_id as comuneId', 'note', 'bank_reference as bankReference', 'resolved_by as resolvedBy', 'resolved_at as resolvedAt'] as const;
const resolutionOf = sqlQuery('transfer_resolution', (db, p: { transferId: string }) => db.selectFrom('transfer_resolutions').select(resolutionColumns).where('transfer_id', '=', p.transferId));
const insertResolution = sqlQuery('insert_transfer_resolution', (db, p: TransferResolutionRow) =>
  db.insertInto('transfer_resolutions').values({
    transfer_id: p.transferId,
    comune_id: p.comuneId,
    note: p.note,
    bank_reference: p.bankReference,
    resolved_by: p.resolvedBy,
    resolved_at: p.resolvedAt,
  }),
);
const reopen = sqlQuery('reopen_rejected_transfer', (db, p: { id: string }) =>
  db
    .updateTable('transfers')
    .set({ status: 'pending', reject_reason: null, retries: sql`retries + 1`, send_attempts: sql`send_attempts + 1` })
    .where('id', '=', p.id)
    .where('status', '=', 'rejected'),
);


const requeue = sqlQuery('requeue_transfer', (db, p: { transferId: string; leaseUntil: string; now: string }) =>
  db
    .updateTable('outbox')
    .set({ status: 'pending', failures: 0, available_at: p.now, lease_until: p.leaseUntil, done_at: null })
    .where('kind', '=', 'transfer')
    .where('subject_id', '=', p.transferId)
    .returning(['id']),
);

function listingOf(row: {
  id: string; comuneId: string; creditId: string; channel: 'agent' | 'web' | 'app'; agentId: string | null; terminalId: string | null; amount: number; citizenFee: number;
  agentFeeShare: number; institutionFeeShare: number; floatDebited: number; ledgerTransactionId: string; createdAt: string; noticeNumber: string; debtorName: string;
  debtorTaxCode: string; unexpected: number; serviceCode: string; serviceName: string; agentName: string | null; receiptId: string; receiptNumber: string;
  verificationCode: string; transferId: string; transferStatus: 'pending' | 'settled' | 'rejected'; transferAmount: number; bankReference: string | null;
  rejectReason: string | null; transferCreatedAt: string; settledAt: string | null; retries: number; settlementTransactionId: string | null;
  resolutionNote: string | null; resolutionBankReference: string | null; resolvedBy: string | null; resolvedAt: string | null;
}): PaymentListing {
  const { id, comuneId, creditId, channel, agentId, terminalId, amount, citizenFee, agentFeeShare, institutionFeeShare, floatDebited, ledgerTransactionId, createdAt } = row;
  return {
    payment: { id, comuneId, creditId, channel, agentId, terminalId, amount, citizenFee, agentFeeShare, institutionFeeShare, floatDebited, ledgerTransactionId, createdAt },
    credit: { id: creditId, noticeNumber: row.noticeNumber, debtorName: row.debtorName, debtorTaxCode: row.debtorTaxCode, unexpected: Number(row.unexpected) === 1 },
    service: { code: row.serviceCode, name: row.serviceName },
    agentName: row.agentName,
    receipt: { id: row.receiptId, number: row.receiptNumber, verificationCode: row.verificationCode },
    transfer: {
      id: row.transferId,
      status: row.transferStatus,
      amount: row.transferAmount,
      bankReference: row.bankReference,
      rejectReason: row.rejectReason,
      createdAt: row.transferCreatedAt,
      settledAt: row.settledAt,
      retries: Number(row.retries),
      settlementTransactionId: row.settlementTransactionId,
    },
    resolution:
      row.resolutionNote === null || row.resolvedBy === null || row.resolvedAt === null
        ? null
        : { transferId: row.transferId, comuneId, note: row.resolutionNote, bankReference: row.resolutionBankReference, resolvedBy: row.resolvedBy, resolvedAt: row.resolvedAt },
  };
}

export function liveRepository(exec: SqlExecutor): LiveRepository {
  return {
    payments: async (selection) => (await exec.all(payments, selection)).map((row) => listingOf(row)),
    totals: async (comuneId, from) =>
      (await exec.all(totals, { comuneId, from })).map((row) => ({ ...row, count: Number(row.count), amount: Number(row.amount), fees: Number(row.fees) })),
    transferCounts: async (comuneId, staleBefore) => {
      const row = await exec.first(transferCounts, { comuneId, staleBefore });
      return { pending: Number(row?.pending ?? 0), stale: Number(row?.stale ?? 0), rejected: Number(row?.rejected ?? 0) };
    },
    lastPaymentAtByAgent: async (comuneId) =>
      (await exec.all(lastPaymentByAgent, { comuneId })).flatMap(({ agentId, lastPaymentAt }) => (agentId === null || lastPaymentAt === null ? [] : [{ agentId, lastPaymentAt: String(lastPaymentAt) }])),
    postings: async ([first, second]) => (first === undefined ? [] : exec.all(postings, { first, second: second ?? first })),
    resolution: async (transferId) => exec.first(resolutionOf, { transferId }),
    insertResolution: async (row) => void (await exec.run(insertResolution, row)),
    reopenRejectedTransfer: async (id) => (await exec.run(reopen, { id })) > 0,
    requeueTransfer: async (transferId, leaseUntil, now) => exec.first(requeue, { transferId, leaseUntil, now }),
  };
}
