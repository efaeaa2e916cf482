import type { AccountKind, LedgerRepository, LedgerTransactionKind } from '@pay-box/engine';
import { sql } from 'kysely';
import { sqlQuery, type SqlExecutor } from '../prepared.js';

const accountById = sqlQuery('ledger_account', (db, p: { id: string }) =>
  db.selectFrom('ledger_accounts').select(['id', 'kind', 'comune_id as comuneId', 'agent_id as agentId', 'balance']).where('id', '=', p.id),
);
const allAccounts = sqlQuery('ledger_accounts', (db) => db.selectFrom('ledger_accounts').select(['id', 'kind', 'comune_id as comuneId', 'agent_id as agentId', 'balance']).orderBy('id'));
const insertTransaction = sqlQuery('insert_ledger_transaction', (db, p: { id: string; kind: LedgerTransactionKind; referenceId: string | null; createdAt: string }) =>
  db.insertInto('ledger_transactions').values({ id: p.id, kind: p.kind, reference_id: p.referenceId, created_at: p.createdAt }),
);
const insertPosting = sqlQuery('insert_ledger_posting', (db, p: { transactionId: string; accountId: string; amount: number; createdAt: string }) =>
  db.insertInto('ledger_postings').values({ transaction_id: p.transactionId, account_id: p.accountId, amount: p.amount, created_at: p.createdAt }),
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

/** SQL of the ledger tables. The rules (sum to zero, floats never negative) live in the engine's ledger. */
export function ledgerRepository(exec: SqlExecutor): LedgerRepository {
  return {
    account: async (id) => exec.first(accountById, { id }),
    accounts: async () => exec.all(allAccounts, {}),
    insertTransaction: async (id, kind, referenceId, createdAt) => void (await exec.run(insertTransaction, { id, kind, referenceId, createdAt })),
    insertPosting: async (transactionId, account, amount, createdAt) => {
      // The account first: a posting refers to it.
      if ((await exec.run(moveBalance, { id: account.id, amount })) === 0) await exec.run(openAccount, { ...account, amount });
      await exec.run(insertPosting, { transactionId, accountId: account.id, amount, createdAt });
    },
    balanceBefore: async (accountId, instant) => Number((await exec.first(balanceBefore, { accountId, instant }))!.balance),
    lastPostingAt: async (accountId) => (await exec.first(lastPosting, { accountId }))?.at ?? null,
    replayedBalances: async () => new Map((await exec.all(replayed, {})).map((row) => [row.accountId, Number(row.total)])),
    unbalancedTransactions: async () => (await exec.all(unbalanced, {})).map((row) => row.id),
    topUpsBetween: async (accountId, from, to) => {
      const row = (await exec.first(topUps, { accountId, from, to }))!;
      return { count: Number(row.count), amount: 0 - Number(row.amount) };
    },
  };
}
