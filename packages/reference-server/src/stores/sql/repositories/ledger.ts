import type { AccountKind, LedgerRepository, LedgerTransactionKind, PostingLine } from '@pay-box/engine';
import { sql } from 'kysely';
import { sqlQuery, sqlQueryPerCount, type SqlExecutor } from '../prepared.js';

const balance = sqlQuery('ledger_balance', (db, p: { id: string }) => db.selectFrom('ledger_balances').select('balance').where('id', '=', p.id));
// A float is checked on its own row, which a concurrent payment of the same shop must wait for.
const lockedBalance = sqlQuery('ledger_balance_locked', (db, p: { id: string }, dialect) => {
  const query = db.selectFrom('ledger_accounts').select('balance').where('id', '=', p.id);
  return dialect === 'postgres' ? query.forUpdate() : query;
});
const allAccounts = sqlQuery('ledger_accounts', (db) =>
  db.selectFrom('ledger_balances').select(['id', 'kind', 'comune_id as comuneId', 'agent_id as agentId', 'balance']).orderBy('id'),
);
const insertTransaction = sqlQuery('insert_ledger_transaction', (db, p: { id: string; kind: LedgerTransactionKind; referenceId: string | null; comuneId: string; createdAt: string }) =>
  db.insertInto('ledger_transactions').values({ id: p.id, kind: p.kind, reference_id: p.referenceId, comune_id: p.comuneId, created_at: p.createdAt }),
);
const moveBalance = sqlQuery('move_ledger_balance', (db, p: { id: string; amount: number }) =>
  db.updateTable('ledger_accounts').set({ balance: sql`balance + ${p.amount}` }).where('id', '=', p.id),
);
// An account is opened by its first posting. (Not one upsert for both: the schema's CHECK on a float
// would judge the row as proposed, the amount alone, not the sum.) A concurrent opening adds up.
const openAccount = sqlQuery('open_ledger_account', (db, p: { id: string; kind: AccountKind; comuneId: string | null; agentId: string | null; amount: number }) =>
  db
    .insertInto('ledger_accounts')
    .values({ id: p.id, kind: p.kind, comune_id: p.comuneId, agent_id: p.agentId, balance: p.amount })
    .onConflict((conflict) => conflict.column('id').doUpdateSet({ balance: sql`ledger_accounts.balance + excluded.balance` })),
);
const ensureAccount = sqlQuery('ensure_ledger_account', (db, p: { id: string; kind: AccountKind; comuneId: string | null; agentId: string | null }) =>
  db.insertInto('ledger_accounts').values({ id: p.id, kind: p.kind, comune_id: p.comuneId, agent_id: p.agentId, balance: 0 }).onConflict((conflict) => conflict.column('id').doNothing()),
);
const moveBucket = sqlQuery('move_ledger_bucket', (db, p: { comuneId: string; id: string; bucket: number; amount: number }) =>
  db
    .updateTable('ledger_account_buckets')
    .set({ balance: sql`balance + ${p.amount}` })
    .where('comune_id', '=', p.comuneId)
    .where('account_id', '=', p.id)
    .where('bucket', '=', p.bucket),
);
const openBucket = sqlQuery('open_ledger_bucket', (db, p: { comuneId: string; id: string; bucket: number; amount: number }) =>
  db
    .insertInto('ledger_account_buckets')
    .values({ comune_id: p.comuneId, account_id: p.id, bucket: p.bucket, balance: p.amount })
    .onConflict((conflict) => conflict.columns(['comune_id', 'account_id', 'bucket']).doUpdateSet({ balance: sql`ledger_account_buckets.balance + excluded.balance` })),
);

/** All the postings of a transaction in one INSERT. */
const insertPostings = sqlQueryPerCount('insert_ledger_postings', (db, p: Record<string, string | number>, count) =>
  db.insertInto('ledger_postings').values(
    Array.from({ length: count }, (_, i) => ({
      transaction_id: p.transactionId as string,
      account_id: p[`account${i}`] as string,
      amount: p[`amount${i}`] as number,
      created_at: p.createdAt as string,
      comune_id: p.comuneId as string,
    })),
  ),
);

const balanceBefore = sqlQuery('ledger_balance_before', (db, p: { accountId: string; instant: string }) =>
  db
    .selectFrom('ledger_postings')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), sql<number>`0`).as('balance'))
    .where('account_id', '=', p.accountId)
    .where('created_at', '<', p.instant),
);
const lastPosting = sqlQuery('ledger_last_posting', (db, p: { accountId: string }) =>
  db.selectFrom('ledger_postings').select((eb) => eb.fn.max('created_at').as('at')).where('account_id', '=', p.accountId),
);
const replayed = sqlQuery('ledger_replayed_balances', (db) =>
  db.selectFrom('ledger_postings').select((eb) => ['account_id as accountId', eb.fn.sum<number>('amount').as('total')]).groupBy('account_id'),
);
const unbalanced = sqlQuery('ledger_unbalanced_transactions', (db) =>
  db
    .selectFrom('ledger_transactions as t')
    .leftJoin('ledger_postings as p', 'p.transaction_id', 't.id')
    .select('t.id')
    .groupBy('t.id')
    .having((eb) => eb.or([eb(eb.fn.count('p.seq'), '<', 2), eb(eb.fn.coalesce(eb.fn.sum('p.amount'), sql`0`), '<>', 0)])),
);
const topUps = sqlQuery('ledger_top_ups_between', (db, p: { accountId: string; from: string; to: string }) =>
  db
    .selectFrom('ledger_postings as p')
    .innerJoin('ledger_transactions as t', 't.id', 'p.transaction_id')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.coalesce(eb.fn.sum<number>('p.amount'), sql<number>`0`).as('amount')])
    .where('p.account_id', '=', p.accountId)
    .where('t.kind', '=', 'top_up')
    .where('p.created_at', '>=', p.from)
    .where('p.created_at', '<', p.to),
);

const movements = sqlQuery('ledger_movements', (db, p: { accountId: string; limit: number }) =>
  db
    .selectFrom('ledger_postings as p')
    .innerJoin('ledger_transactions as t', 't.id', 'p.transaction_id')
    .select(['p.transaction_id as transactionId', 't.kind as kind', 't.reference_id as referenceId', 'p.amount as amount', 'p.created_at as createdAt'])
    .where('p.account_id', '=', p.accountId)
    .orderBy('p.seq', 'desc')
    .limit(p.limit),
);

/** SQL of the ledger tables. The rules (sum to zero, floats never negative, which bucket) live in the engine's ledger. */
export function ledgerRepository(exec: SqlExecutor): LedgerRepository {
  async function move(comuneId: string, line: PostingLine): Promise<void> {
    const { account, amount, bucket } = line;
    if (bucket === null) {
      if ((await exec.run(moveBalance, { id: account.id, amount })) === 0) await exec.run(openAccount, { ...account, amount });
      return;
    }
    if ((await exec.run(moveBucket, { comuneId, id: account.id, bucket, amount })) > 0) return;
    await exec.run(ensureAccount, account);
    await exec.run(openBucket, { comuneId, id: account.id, bucket, amount });
  }
  return {
    balance: async (id, options = {}) => {
      const row = await exec.first(options.lock ? lockedBalance : balance, { id });
      return row === undefined ? undefined : Number(row.balance);
    },
    accounts: async () => (await exec.all(allAccounts, {})).map((row) => ({ ...row, balance: Number(row.balance) })),
    insertTransaction: async (id, kind, referenceId, comuneId, createdAt) => void (await exec.run(insertTransaction, { id, kind, referenceId, comuneId, createdAt })),
    insertPostings: async (transactionId, comuneId, lines, createdAt) => {
      // The accounts first: a posting refers to its account.
      for (const line of lines) await move(comuneId, line);
      const values: Record<string, string | number> = { transactionId, comuneId, createdAt };
      lines.forEach(({ account, amount }, i) => Object.assign(values, { [`account${i}`]: account.id, [`amount${i}`]: amount }));
      await exec.run(insertPostings(lines.length), values);
    },
    balanceBefore: async (accountId, instant) => Number((await exec.first(balanceBefore, { accountId, instant }))!.balance),
    lastPostingAt: async (accountId) => (await exec.first(lastPosting, { accountId }))?.at ?? null,
    replayedBalances: async () => new Map((await exec.all(replayed, {})).map((row) => [row.accountId, Number(row.total)])),
    unbalancedTransactions: async () => (await exec.all(unbalanced, {})).map((row) => row.id),
    topUpsBetween: async (accountId, from, to) => {
      const row = (await exec.first(topUps, { accountId, from, to }))!;
      return { count: Number(row.count), amount: 0 - Number(row.amount) };
    },
    movements: async (accountId, limit) => exec.all(movements, { accountId, limit }),
  };
}
