import type { ReconciliationMatch, ReconciliationResult } from '@pay-box/contract';
import type { StatementEntryRow } from '../ports/reconciliation.js';
import type { UnitOfWork } from '../ports/store.js';
import { evaluate, type Evaluation } from './match.js';
import { matchView, resultView } from './views.js';

/**
 * Evaluates what is still open in a comune: entries that proved no transfer yet (read from the store,
 * or given by a caller that has them in hand already), transfers not reconciled yet.
 */
async function evaluateOpen(tx: UnitOfWork, comuneId: string, openEntries?: StatementEntryRow[]): Promise<Evaluation> {
  const entries = openEntries ?? (await tx.reconciliation.openEntries(comuneId));
  const [transfers, periods] = await Promise.all([tx.reconciliation.openTransfers(comuneId), tx.reconciliation.periods(comuneId)]);
  return evaluate(entries, transfers, periods);
}

/**
 * Matches what is open and marks the matched transfers reconciled, in the caller's unit of work:
 * a statement that arrived late, or a transfer settled after its statement, is matched now, and
 * what was matched before is never evaluated again. The result lists the matches this run made.
 * An import passes the open entries itself (those open before it, then its own, in that order): a
 * large statement is not read back from the store it was just written to.
 */
export async function reconcileOpen(tx: UnitOfWork, comuneId: string, at: string, openEntries?: StatementEntryRow[]): Promise<ReconciliationResult> {
  const evaluation = await evaluateOpen(tx, comuneId, openEntries);
  const rows = evaluation.matches.map(({ entry, transfer, by }) => ({ transferId: transfer.id, comuneId, statementEntryId: entry.id, matchedBy: by, reconciledAt: at }));
  await tx.reconciliation.insertReconciliations(rows);
  const matched: ReconciliationMatch[] = evaluation.matches.map(({ entry, transfer, by }) =>
    matchView({ transferId: transfer.id, comuneId, statementEntryId: entry.id, matchedBy: by, reconciledAt: at, paymentId: transfer.paymentId, statementId: entry.statementId, amount: transfer.amount, bankReference: transfer.bankReference }),
  );
  return resultView(at, matched, evaluation);
}

/** The comune's reconciliation as it stands, changing nothing: every recorded match, and what is open. */
export async function currentReconciliation(tx: UnitOfWork, comuneId: string, at: string): Promise<ReconciliationResult> {
  const [evaluation, matches] = await Promise.all([evaluateOpen(tx, comuneId), tx.reconciliation.matches(comuneId)]);
  return resultView(at, matches.map(matchView), evaluation);
}
