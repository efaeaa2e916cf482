import type { ReconciliationMatch, ReconciliationResult, ReconciliationTransfer, StatementEntry, StatementSummary } from '@pay-box/contract';
import type { OpenTransfer, ReconciliationMatchRow, StatementEntryRow, StatementRow } from '../ports/reconciliation.js';
import type { Evaluation } from './match.js';
import { iuvOfRemittance } from './remittance-iuv.js';

export const entryView = ({ id, statementId, line, bookedOn, amount, endToEndId, bankReference, iuv, remittance }: StatementEntryRow): StatementEntry => ({
  id,
  statementId,
  line,
  bookedOn,
  amount,
  endToEndId,
  bankReference,
  iuv,
  remittance,
});

export const transferView = (row: OpenTransfer): ReconciliationTransfer => ({
  id: row.id,
  paymentId: row.paymentId,
  amount: row.amount,
  status: row.status,
  bankReference: row.bankReference,
  iuv: iuvOfRemittance(row.remittance),
  remittance: row.remittance,
  createdAt: row.createdAt,
  settledAt: row.settledAt,
});

export const matchView = (row: ReconciliationMatchRow): ReconciliationMatch => ({
  transferId: row.transferId,
  paymentId: row.paymentId,
  entryId: row.statementEntryId,
  statementId: row.statementId,
  amount: row.amount,
  by: row.matchedBy,
  bankReference: row.bankReference,
  reconciledAt: row.reconciledAt,
});

export const statementSummary = (row: StatementRow): StatementSummary => ({
  id: row.id,
  format: row.format,
  receivedAt: row.receivedAt,
  receivedBy: row.receivedBy,
  period: { from: row.periodFrom, to: row.periodTo },
  entries: row.entryCount,
  amount: row.amount,
});

/** What is matched, and what is still open after an evaluation. */
export function resultView(evaluatedAt: string, matched: ReconciliationMatch[], evaluation: Pick<Evaluation, 'amountMismatches' | 'unknown' | 'missing'>): ReconciliationResult {
  const amountMismatches = evaluation.amountMismatches.map(({ entry, transfer, by }) => ({
    transfer: transferView(transfer),
    entry: entryView(entry),
    by,
    difference: entry.amount - transfer.amount,
  }));
  return {
    evaluatedAt,
    matched,
    missingFromStatement: evaluation.missing.map(transferView),
    unknownToPayBox: evaluation.unknown.map(entryView),
    amountMismatches,
    totals: { matched: matched.length, missingFromStatement: evaluation.missing.length, unknownToPayBox: evaluation.unknown.length, amountMismatches: amountMismatches.length },
  };
}
