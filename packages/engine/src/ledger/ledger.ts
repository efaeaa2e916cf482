import { DomainError, LedgerInvariantError } from '../errors.js';
import type { IdSource } from '../ports/ids.js';
import type { LedgerTransactionKind } from '../ports/rows.js';
import type { UnitOfWork } from '../ports/store.js';
import { accountId, accounts, type AccountRef } from './accounts.js';

/** Debit is positive, credit negative. */
export interface Posting {
  account: AccountRef;
  amount: number;
}

/**
 * How many parts, per comune, the balance of an account that every payment moves (a comune's
 * payable, the institution's fees and bank) is spread over: on a shared database, concurrent payments
 * then rarely wait for one another's row, and each part belongs to one comune (the key the data
 * distributes by). A float is never spread: its floor is checked on its own row, under lock.
 */
export const BALANCE_BUCKETS = 8;

/** FNV-1a: where a transaction's postings land is a pure function of its id, the same on every store. */
function bucketOf(transactionId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < transactionId.length; i++) hash = Math.imul(hash ^ transactionId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % BALANCE_BUCKETS;
}

/**
 * Double entry, append-only. Every movement is one transaction of postings that sum to zero, for
 * one comune; balances move with the postings, and a float can never go below zero (a liability's
 * balance is <= 0): its row is locked before it is checked. Runs inside a unit of work: its checks
 * and writes are one atomic step.
 */
export async function post(
  tx: UnitOfWork,
  ids: IdSource,
  kind: LedgerTransactionKind,
  referenceId: string | null,
  comuneId: string,
  postings: Posting[],
  at: Date,
): Promise<string> {
  const lines = postings.filter((posting) => posting.amount !== 0);
  if (lines.length < 2) throw new LedgerInvariantError('a ledger transaction needs at least two non-zero postings');
  if (!lines.every((posting) => Number.isSafeInteger(posting.amount))) throw new LedgerInvariantError('postings are integer cents');
  const sum = lines.reduce((total, posting) => total + posting.amount, 0);
  if (sum !== 0) throw new LedgerInvariantError(`postings must sum to zero, got ${sum}`);

  for (const posting of lines) {
    if (posting.account.kind !== 'agent_float' || posting.amount < 0) continue;
    const available = await floatBalance(tx, posting.account.agentId!, { lock: true });
    if (available < posting.amount) throw new DomainError('insufficient_float', { balance: available, required: posting.amount });
  }

  const createdAt = at.toISOString();
  const transactionId = ids.id('ltx');
  const bucket = bucketOf(transactionId);
  await tx.ledger.insertTransaction(transactionId, kind, referenceId, comuneId, createdAt);
  await tx.ledger.insertPostings(
    transactionId,
    comuneId,
    lines.map(({ account, amount }) => ({
      // A shop's float belongs to the shop's comune, the comune of every transaction that moves it.
      account: { id: accountId(account), kind: account.kind, comuneId: account.kind === 'agent_float' ? comuneId : (account.comuneId ?? null), agentId: account.agentId ?? null },
      amount,
      bucket: account.kind === 'agent_float' ? null : bucket,
    })),
    createdAt,
  );
  return transactionId;
}

/** What the shop can still collect: the float's credit balance, in cents. `lock` holds the float until the unit of work ends. */
export async function floatBalance(tx: UnitOfWork, agentId: string, options: { lock?: boolean } = {}): Promise<number> {
  // 0 - x, not -x: an empty float is 0, not -0 (which formats as "-0,00 €" and fails Object.is).
  return 0 - ((await tx.ledger.balance(accountId(accounts.agentFloat(agentId)), options)) ?? 0);
}

export async function floatBalanceBefore(tx: UnitOfWork, agentId: string, instant: Date): Promise<number> {
  return 0 - (await tx.ledger.balanceBefore(accountId(accounts.agentFloat(agentId)), instant.toISOString()));
}

/** Throws when a stored balance differs from the replay of its postings, a transaction is unbalanced, or a float is overdrawn. */
export async function assertLedgerConsistent(tx: UnitOfWork): Promise<void> {
  const unbalanced = await tx.ledger.unbalancedTransactions();
  if (unbalanced.length > 0) throw new LedgerInvariantError(`unbalanced transactions: ${unbalanced.join(', ')}`);
  const replayed = await tx.ledger.replayedBalances();
  for (const account of await tx.ledger.accounts()) {
    const expected = replayed.get(account.id) ?? 0;
    if (account.balance !== expected) throw new LedgerInvariantError(`${account.id}: stored ${account.balance}, replayed ${expected}`);
    if (account.kind === 'agent_float' && account.balance > 0) throw new LedgerInvariantError(`${account.id} is below zero`);
  }
}
