import type { IdSource } from '../ports.js';
import type { AccountKind, LedgerRepository, LedgerTransactionKind } from '../db/repositories/ledger.js';
import { DomainError } from '../domain-error.js';

/** An account of the payment institution's books. */
export interface AccountRef {
  kind: AccountKind;
  comuneId?: string;
  agentId?: string;
}

export const accounts = {
  /** Liability: what the institution owes the shop; each payment draws it down. */
  agentFloat: (agentId: string): AccountRef => ({ kind: 'agent_float', agentId }),
  /** Liability: collected for a comune and not yet transferred. */
  comunePayable: (comuneId: string): AccountRef => ({ kind: 'comune_payable', comuneId }),
  feeRevenue: (): AccountRef => ({ kind: 'fee_revenue' }),
  /** Asset: the institution's own bank account. */
  institutionBank: (): AccountRef => ({ kind: 'institution_bank' }),
};

export function accountId(ref: AccountRef): string {
  return [ref.kind, ref.comuneId ?? ref.agentId].filter(Boolean).join(':');
}

/** Debit is positive, credit negative. */
export interface Posting {
  account: AccountRef;
  amount: number;
}

export class LedgerInvariantError extends Error {
  override readonly name = 'LedgerInvariantError';
}

/**
 * Double entry, append-only. Every movement is one transaction of postings that sum to zero;
 * balances are updated with the postings, and a float can never go below zero.
 * Must run inside a write (WriteQueue job): its checks and writes are one atomic step.
 */
export class Ledger {
  constructor(
    private readonly repo: LedgerRepository,
    private readonly ids: IdSource,
  ) {}

  post(kind: LedgerTransactionKind, referenceId: string | null, postings: Posting[], at: Date): string {
    const lines = postings.filter((posting) => posting.amount !== 0);
    if (lines.length < 2) throw new LedgerInvariantError('a ledger transaction needs at least two non-zero postings');
    if (!lines.every((posting) => Number.isSafeInteger(posting.amount))) throw new LedgerInvariantError('postings are integer cents');
    const sum = lines.reduce((total, posting) => total + posting.amount, 0);
    if (sum !== 0) throw new LedgerInvariantError(`postings must sum to zero, got ${sum}`);

    for (const posting of lines) {
      if (posting.account.kind !== 'agent_float' || posting.amount < 0) continue;
      const available = this.floatBalance(posting.account.agentId!);
      if (available < posting.amount) throw new DomainError('insufficient_float', { balance: available, required: posting.amount });
    }

    const createdAt = at.toISOString();
    const transactionId = this.ids.id('ltx');
    this.repo.insertTransaction(transactionId, kind, referenceId, createdAt);
    for (const posting of lines) {
      const id = accountId(posting.account);
      this.repo.ensureAccount({ id, kind: posting.account.kind, comuneId: posting.account.comuneId ?? null, agentId: posting.account.agentId ?? null });
      this.repo.insertPosting(transactionId, id, posting.amount, createdAt);
    }
    return transactionId;
  }

  /** What the shop can still collect: the float's credit balance, in cents. */
  floatBalance(agentId: string): number {
    // 0 - x, not -x: an empty float is 0, not -0 (which formats as "-0,00 €" and fails Object.is).
    return 0 - (this.repo.account(accountId(accounts.agentFloat(agentId)))?.balance ?? 0);
  }

  floatBalanceBefore(agentId: string, instant: Date): number {
    return 0 - this.repo.balanceBefore(accountId(accounts.agentFloat(agentId)), instant.toISOString());
  }

  /** Throws when a stored balance differs from the replay of its postings, or a transaction is unbalanced. */
  assertConsistent(): void {
    const unbalanced = this.repo.unbalancedTransactions();
    if (unbalanced.length > 0) throw new LedgerInvariantError(`unbalanced transactions: ${unbalanced.join(', ')}`);
    const replayed = this.repo.replayedBalances();
    for (const account of this.repo.accounts()) {
      const expected = replayed.get(account.id) ?? 0;
      if (account.balance !== expected) throw new LedgerInvariantError(`${account.id}: stored ${account.balance}, replayed ${expected}`);
      if (account.kind === 'agent_float' && account.balance > 0) throw new LedgerInvariantError(`${account.id} is below zero`);
    }
  }
}
