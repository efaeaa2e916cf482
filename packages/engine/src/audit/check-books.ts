import type { TransferStatus } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { LedgerInvariantError } from '../errors.js';
import { assertLedgerConsistent } from '../ledger/ledger.js';

/** How the books stand: what /healthz reports. */
export interface BooksHealth {
  pendingOutbox: number;
  transfers: Record<TransferStatus, number>;
}

export function booksHealth(ctx: EngineContext): Promise<BooksHealth> {
  return ctx.store.read(async (tx) => ({ pendingOutbox: await tx.outbox.pendingCount(), transfers: await tx.transfers.countByStatus() }));
}

/**
 * Checks the money invariants of ARCHITECTURE.md on the stored books, in one snapshot so that
 * nothing moves while it reads (and the payments go on meanwhile): postings sum to zero, stored balances equal their replay, no float
 * is overdrawn, a credit is paid at most once, every paid credit has its payment, every payment its
 * transfer, and a transfer settles at most once. Throws LedgerInvariantError naming what is wrong.
 */
export function checkBooks(ctx: EngineContext): Promise<void> {
  return ctx.store.snapshot(async (tx) => {
    await assertLedgerConsistent(tx);
    const problems: Array<[string, string[]]> = [
      ['credits paid more than once', await tx.audit.creditsPaidMoreThanOnce()],
      ['paid credits without a payment', await tx.audit.paidCreditsWithoutPayment()],
      ['payments without a transfer', await tx.audit.paymentsWithoutTransfer()],
      ['transfers settled more than once', await tx.audit.transfersSettledMoreThanOnce()],
    ];
    const found = problems.filter(([, ids]) => ids.length > 0).map(([what, ids]) => `${what}: ${ids.join(', ')}`);
    if (found.length > 0) throw new LedgerInvariantError(found.join('; '));
  });
}
