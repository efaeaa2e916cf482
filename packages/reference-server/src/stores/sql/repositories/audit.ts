import type { AuditRepository } from '@pay-box/engine';
import { sqlQuery, type SqlExecutor } from '../prepared.js';

const paidTwice = sqlQuery('audit_credits_paid_twice', (db) =>
  db.selectFrom('payments').select('credit_id as id').groupBy('credit_id').having((eb) => eb(eb.fn.countAll(), '>', 1)),
);
const paidWithoutPayment = sqlQuery('audit_paid_credits_without_payment', (db) =>
  db.selectFrom('credits as c').leftJoin('payments as p', 'p.credit_id', 'c.id').select('c.id').where('c.status', '=', 'paid').where('p.id', 'is', null),
);
const paymentsWithoutTransfer = sqlQuery('audit_payments_without_transfer', (db) =>
  db.selectFrom('payments as p').leftJoin('transfers as t', 't.payment_id', 'p.id').select('p.id').where('t.id', 'is', null),
);
const settledTwice = sqlQuery('audit_transfers_settled_twice', (db) =>
  db
    .selectFrom('ledger_transactions')
    .select('reference_id as id')
    .where('kind', '=', 'settlement')
    .groupBy('reference_id')
    .having((eb) => eb(eb.fn.countAll(), '>', 1)),
);
const settled = sqlQuery('audit_settled_transfers', (db) =>
  db.selectFrom('transfers').select(['payment_id as paymentId', 'bank_reference as bankReference']).where('status', '=', 'settled'),
);
const paymentIds = sqlQuery('audit_payment_ids', (db) => db.selectFrom('payments').select('id'));

export function auditRepository(exec: SqlExecutor): AuditRepository {
  const ids = async (rows: Promise<Array<{ id: string | null }>> | Array<{ id: string | null }>) => (await rows).map((row) => row.id ?? '');
  return {
    creditsPaidMoreThanOnce: () => ids(exec.all(paidTwice, {})),
    paidCreditsWithoutPayment: () => ids(exec.all(paidWithoutPayment, {})),
    paymentsWithoutTransfer: () => ids(exec.all(paymentsWithoutTransfer, {})),
    transfersSettledMoreThanOnce: () => ids(exec.all(settledTwice, {})),
    settledTransfers: async () => (await exec.all(settled, {})).map((row) => ({ paymentId: row.paymentId, bankReference: row.bankReference ?? '' })),
    paymentIds: () => ids(exec.all(paymentIds, {})),
  };
}
