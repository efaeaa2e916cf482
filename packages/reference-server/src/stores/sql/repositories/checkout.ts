import { fieldValuesSchema } from '@pay-box/contract';
import type { CardAuthorizationRepository, CardAuthorizationRow, CheckoutSessionRepository, CheckoutSessionRow } from '@pay-box/engine';
import { sql, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { jsonText, sqlQuery, type SqlExecutor } from '../prepared.js';
import type { Database } from '../schema.js';

const sessionColumns = (query: SelectQueryBuilder<Database, 'checkout_sessions', object>) =>
  query.select([
    'id',
    'comune_id as comuneId',
    'api_key_id as apiKeyId',
    'credit_id as creditId',
    'unexpected_credit_json as unexpectedCreditJson',
    'amount',
    'fee',
    'return_url as returnUrl',
    'locale',
    'url',
    'status',
    'payment_id as paymentId',
    'last_decline_reason as lastDeclineReason',
    'last_decline_at as lastDeclineAt',
    'created_at as createdAt',
    'expires_at as expiresAt',
  ]);
const sessionById = sqlQuery('checkout_session_by_id', (db, p: { id: string }) => sessionColumns(db.selectFrom('checkout_sessions')).where('id', '=', p.id));
const lockedSessionById = sqlQuery('checkout_session_by_id_locked', (db, p: { id: string }, dialect) => {
  const query = sessionColumns(db.selectFrom('checkout_sessions')).where('id', '=', p.id);
  return dialect === 'postgres' ? query.forUpdate() : query;
});
const insertSession = sqlQuery('insert_checkout_session', (db, p: Omit<CheckoutSessionRow, 'unexpectedCredit'> & { unexpectedCreditJson: string | null }) =>
  db.insertInto('checkout_sessions').values({
    id: p.id,
    comune_id: p.comuneId,
    api_key_id: p.apiKeyId,
    credit_id: p.creditId,
    unexpected_credit_json: p.unexpectedCreditJson,
    amount: p.amount,
    fee: p.fee,
    return_url: p.returnUrl,
    locale: p.locale,
    url: p.url,
    status: p.status,
    payment_id: p.paymentId,
    last_decline_reason: p.lastDeclineReason,
    last_decline_at: p.lastDeclineAt,
    created_at: p.createdAt,
    expires_at: p.expiresAt,
  }),
);
const recordDecline = sqlQuery('record_checkout_decline', (db, p: { id: string; reason: NonNullable<CheckoutSessionRow['lastDeclineReason']>; at: string }) =>
  db.updateTable('checkout_sessions').set({ last_decline_reason: p.reason, last_decline_at: p.at }).where('id', '=', p.id).where('status', '=', 'open'),
);
const closeSession = sqlQuery('close_checkout_session', (db, p: { id: string; status: 'succeeded' | 'already_paid'; paymentId: string | null; creditId: string | null }) =>
  db
    .updateTable('checkout_sessions')
    .set({ status: p.status, payment_id: p.paymentId, credit_id: sql<string | null>`coalesce(${p.creditId}, credit_id)` })
    .where('id', '=', p.id)
    .where('status', '=', 'open'),
);

const unexpectedCreditSchema = z.object({
  serviceCode: z.string(),
  debtor: z.object({ taxCode: z.string(), name: z.string() }),
  fields: fieldValuesSchema,
  description: z.string(),
});

const sessionRow = ({ unexpectedCreditJson, ...row }: Omit<CheckoutSessionRow, 'unexpectedCredit'> & { unexpectedCreditJson: string | null }): CheckoutSessionRow => ({
  ...row,
  unexpectedCredit: unexpectedCreditJson === null ? null : unexpectedCreditSchema.parse(JSON.parse(unexpectedCreditJson)),
});

/** A citizen's card payments on the comune's site, one credit each. */
export function checkoutSessionRepository(exec: SqlExecutor): CheckoutSessionRepository {
  return {
    get: async (id, options = {}) => {
      const row = await exec.first(options.lock ? lockedSessionById : sessionById, { id });
      return row && sessionRow(row);
    },
    insert: async ({ unexpectedCredit, ...row }) => void (await exec.run(insertSession, { ...row, unexpectedCreditJson: unexpectedCredit === null ? null : jsonText(unexpectedCredit) })),
    recordDecline: async (id, reason, at) => void (await exec.run(recordDecline, { id, reason, at })),
    close: async (id, status, paid) => (await exec.run(closeSession, { id, status, paymentId: paid?.paymentId ?? null, creditId: paid?.creditId ?? null })) === 1,
  };
}

const authorizationById = sqlQuery('card_authorization_by_id', (db, p: { id: string }) =>
  db
    .selectFrom('card_authorizations')
    .select(['id', 'comune_id as comuneId', 'session_id as sessionId', 'amount', 'status', 'created_at as createdAt', 'settled_at as settledAt'])
    .where('id', '=', p.id),
);
const insertAuthorization = sqlQuery('insert_card_authorization', (db, p: CardAuthorizationRow) =>
  db.insertInto('card_authorizations').values({
    id: p.id,
    comune_id: p.comuneId,
    session_id: p.sessionId,
    amount: p.amount,
    status: p.status,
    created_at: p.createdAt,
    settled_at: p.settledAt,
  }),
);
const settleAuthorization = sqlQuery('settle_card_authorization', (db, p: { id: string; status: 'captured' | 'voided'; at: string }) =>
  db.updateTable('card_authorizations').set({ status: p.status, settled_at: p.at }).where('id', '=', p.id).where('status', 'in', ['capture_pending', 'void_pending']),
);

/** Every card authorisation the acquirer reported, and whether it was captured or voided. */
export function cardAuthorizationRepository(exec: SqlExecutor): CardAuthorizationRepository {
  return {
    get: async (id) => exec.first(authorizationById, { id }),
    insert: async (row) => void (await exec.run(insertAuthorization, row)),
    settle: async (id, status, at) => void (await exec.run(settleAuthorization, { id, status, at })),
  };
}
