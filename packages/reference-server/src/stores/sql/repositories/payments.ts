import type { CounterRepository, IdempotencyRepository, PaymentRepository, PaymentRow, ReceiptRepository, ReceiptRow } from '@pay-box/engine';
import type { SelectQueryBuilder } from 'kysely';
import { sqlQuery, type SqlExecutor } from '../prepared.js';
import type { Database } from '../schema.js';

const paymentById = sqlQuery('payment_by_id', (db, p: { id: string }) =>
  db
    .selectFrom('payments')
    .select([
      'id',
      'comune_id as comuneId',
      'credit_id as creditId',
      'channel',
      'agent_id as agentId',
      'terminal_id as terminalId',
      'amount',
      'citizen_fee as citizenFee',
      'agent_fee_share as agentFeeShare',
      'institution_fee_share as institutionFeeShare',
      'float_debited as floatDebited',
      'ledger_transaction_id as ledgerTransactionId',
      'created_at as createdAt',
    ])
    .where('id', '=', p.id),
);
const insertPayment = sqlQuery('insert_payment', (db, p: PaymentRow) =>
  db.insertInto('payments').values({
    id: p.id,
    comune_id: p.comuneId,
    credit_id: p.creditId,
    channel: p.channel,
    agent_id: p.agentId,
    terminal_id: p.terminalId,
    amount: p.amount,
    citizen_fee: p.citizenFee,
    agent_fee_share: p.agentFeeShare,
    institution_fee_share: p.institutionFeeShare,
    float_debited: p.floatDebited,
    ledger_transaction_id: p.ledgerTransactionId,
    created_at: p.createdAt,
  }),
);
const agentPayments = sqlQuery('agent_payments_between', (db, p: { agentId: string; from: string; to: string }) =>
  db
    .selectFrom('payments as p')
    .innerJoin('credits as c', 'c.id', 'p.credit_id')
    .innerJoin('services as s', 's.id', 'c.service_id')
    .select([
      's.code as serviceCode',
      's.name as serviceName',
      'p.amount',
      'p.citizen_fee as citizenFee',
      'p.agent_fee_share as agentFeeShare',
      'p.institution_fee_share as institutionFeeShare',
      'p.float_debited as floatDebited',
    ])
    .where('p.agent_id', '=', p.agentId)
    .where('p.created_at', '>=', p.from)
    .where('p.created_at', '<', p.to)
    .orderBy('p.created_at'),
);

export function paymentRepository(exec: SqlExecutor): PaymentRepository {
  return {
    get: async (id) => exec.first(paymentById, { id }),
    insert: async (row) => void (await exec.run(insertPayment, row)),
    forAgentBetween: async (agentId, from, to) => exec.all(agentPayments, { agentId, from, to }),
  };
}

const receiptColumns = (query: SelectQueryBuilder<Database, 'receipts', object>) =>
  query.select(['id', 'comune_id as comuneId', 'payment_id as paymentId', 'number', 'verification_code as verificationCode', 'issued_at as issuedAt']);
const receiptById = sqlQuery('receipt_by_id', (db, p: { id: string }) => receiptColumns(db.selectFrom('receipts')).where('id', '=', p.id));
const receiptByPayment = sqlQuery('receipt_by_payment', (db, p: { paymentId: string }) => receiptColumns(db.selectFrom('receipts')).where('payment_id', '=', p.paymentId));
const receiptByCode = sqlQuery('receipt_by_code', (db, p: { code: string }) => receiptColumns(db.selectFrom('receipts')).where('verification_code', '=', p.code));
const insertReceipt = sqlQuery('insert_receipt', (db, p: ReceiptRow) =>
  db.insertInto('receipts').values({ id: p.id, comune_id: p.comuneId, payment_id: p.paymentId, number: p.number, verification_code: p.verificationCode, issued_at: p.issuedAt }),
);

export function receiptRepository(exec: SqlExecutor): ReceiptRepository {
  return {
    get: async (id) => exec.first(receiptById, { id }),
    byPayment: async (paymentId) => exec.first(receiptByPayment, { paymentId }),
    byVerificationCode: async (code) => exec.first(receiptByCode, { code }),
    insert: async (row) => void (await exec.run(insertReceipt, row)),
  };
}

const nextCounter = sqlQuery('next_counter', (db, p: { comuneId: string; name: string }) =>
  db
    .insertInto('counters')
    .values({ comune_id: p.comuneId, name: p.name, value: 1 })
    .onConflict((conflict) => conflict.columns(['comune_id', 'name']).doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value'),
);

export function counterRepository(exec: SqlExecutor): CounterRepository {
  return { next: async (comuneId, name) => (await exec.first(nextCounter, { comuneId, name }))!.value };
}

const keyRow = sqlQuery('idempotency_key', (db, p: { apiKeyId: string; key: string }) =>
  db
    .selectFrom('idempotency_keys')
    .select(['operation', 'request_hash as requestHash', 'payment_id as paymentId'])
    .where('api_key_id', '=', p.apiKeyId)
    .where('idempotency_key', '=', p.key),
);
const claimKey = sqlQuery('claim_idempotency_key', (db, p: { apiKeyId: string; key: string; operation: string; requestHash: string; paymentId: string; comuneId: string; createdAt: string }) =>
  db
    .insertInto('idempotency_keys')
    .values({
      api_key_id: p.apiKeyId,
      idempotency_key: p.key,
      operation: p.operation,
      request_hash: p.requestHash,
      payment_id: p.paymentId,
      created_at: p.createdAt,
      comune_id: p.comuneId,
    })
    .onConflict((conflict) => conflict.columns(['api_key_id', 'idempotency_key']).doNothing()),
);

/** Keys scoped per API key, claimed as the first write of the unit of work that makes their payment. */
export function idempotencyRepository(exec: SqlExecutor): IdempotencyRepository {
  return {
    claim: async (apiKeyId, key, row, createdAt) => ((await exec.run(claimKey, { apiKeyId, key, ...row, createdAt })) === 1 ? undefined : exec.first(keyRow, { apiKeyId, key })),
  };
}
