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
 * Double entry, append-only. Every movement is one transaction of postings that sum to zero;
 * balances move with the postings, and a float can never go below zero (a liability's balance
 * is <= 0). Runs inside a unit of work: its checks and writes are one atomic step.
 */
export async function post(tx: UnitOfWork, ids: IdSource, kind: LedgerTransactionKind, referenceId: string | null, postings: Posting[], at: Date): Promise<string> {
  const lines = postings.filter((posting) => posting.amount !== 0);
  if (lines.length < 2) throw new LedgerInvariantError('a ledger transaction needs at least two non-zero postings');
  if (!lines.every((posting) => Number.isSafeInteger(posting.amount))) throw new LedgerInvariantError('postings are integer cents');
  const sum = lines.reduce((total, posting) => total + posting.amount, 0);
  if (sum !== 0) throw new LedgerInvariantError(`postings must sum to zero, got ${sum}`);

  for (const posting of lines) {
    if (posting.account.kind !== 'agent_float' || posting.amount < 0) continue;
    const available = await floatBalance(tx, posting.account.agentId!);
    if (available < posting.amount) throw new DomainError('insufficient_float', { balance: available, required: posting.amount });
  }

  const createdAt = at.toISOString();
  const transactionId = ids.id('ltx');
  await tx.ledger.insertTransaction(transactionId, kind, referenceId, createdAt);
  for (const { account, amount } of lines) {
    await tx.ledger.insertPosting(transactionId, { id: accountId(account), kind: account.kind, comuneId: account.comuneId ?? null, agentId: account.agentId ?? null }, amount, createdAt);
  }
  return transactionId;
}

/** What the shop can still collect: the float's credit balance, in cents. */
export async function floatBalance(tx: UnitOfWork, agentId: string): Promise<number> {
  // 0 - x, not -x: an empty float is 0, not -0 (which formats as "-0,00 €" and fails Object.is).
  return 0 - ((await tx.ledger.account(accountId(accounts.agentFloat(agentId))))?.balance ?? 0);
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
