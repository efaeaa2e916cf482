import type { MatchedBy } from '@pay-box/contract';
import { romeDate } from '@pay-box/contract';
import type { OpenTransfer, StatementEntryRow } from '../ports/reconciliation.js';
import { endToEndIdOf } from '../transfers/end-to-end-id.js';
import { iuvOfRemittance } from './remittance-iuv.js';

export interface Match {
  entry: StatementEntryRow;
  transfer: OpenTransfer;
  by: MatchedBy;
}

export interface Evaluation {
  matches: Match[];
  amountMismatches: Match[];
  unknown: StatementEntryRow[];
  missing: OpenTransfer[];
}

/**
 * Matches the open statement entries of a comune to its open transfers: by EndToEndId first (the
 * one of the transfer's latest send), then by the CRO/TRN the bank gave, then by the IUV of the `/RFB/`
 * remittance. A key that finds a transfer with another amount is an amount mismatch, not a match.
 * Each transfer is matched once: a second entry for it is unknown. A settled transfer with no entry
 * is missing only when a statement covers the Rome day it settled on: a later day is not due yet.
 */
export function evaluate(entries: StatementEntryRow[], transfers: OpenTransfer[], periods: Array<{ from: string; to: string }>): Evaluation {
  const byEndToEnd = new Map(transfers.map((transfer) => [endToEndIdOf(transfer), transfer]));
  // Most entries carry their EndToEndId: the other keys are indexed only once an entry needs them.
  let byReference: Map<string, OpenTransfer> | undefined;
  let byIuv: Map<string, OpenTransfer> | undefined;
  const referenceIndex = () => (byReference ??= new Map(transfers.flatMap((transfer) => (transfer.bankReference === null ? [] : [[transfer.bankReference, transfer] as const]))));
  const iuvIndex = () => {
    if (!byIuv) {
      byIuv = new Map();
      for (const transfer of transfers) {
        const iuv = iuvOfRemittance(transfer.remittance);
        if (iuv !== null && !byIuv.has(iuv)) byIuv.set(iuv, transfer);
      }
    }
    return byIuv;
  };

  const claimed = new Set<string>();
  const matches: Match[] = [];
  const mismatches: Match[] = [];
  const unknown: StatementEntryRow[] = [];
  for (const entry of entries) {
    const found = firstUnclaimed(
      [
        ['end_to_end_id', () => (entry.endToEndId === null ? undefined : byEndToEnd.get(entry.endToEndId))],
        ['bank_reference', () => (entry.bankReference === null ? undefined : referenceIndex().get(entry.bankReference))],
        ['iuv', () => (entry.iuv === null ? undefined : iuvIndex().get(entry.iuv))],
      ],
      claimed,
    );
    if (!found) unknown.push(entry);
    else if (found.transfer.amount !== entry.amount) mismatches.push({ entry, ...found });
    else {
      claimed.add(found.transfer.id);
      matches.push({ entry, ...found });
    }
  }
  // A transfer that another entry matched exactly is reconciled: its mismatching entry is then one the treasury booked besides.
  const amountMismatches = mismatches.filter((mismatch) => {
    if (!claimed.has(mismatch.transfer.id)) return true;
    unknown.push(mismatch.entry);
    return false;
  });
  const withEntry = new Set([...claimed, ...amountMismatches.map((mismatch) => mismatch.transfer.id)]);
  const covered = (day: string) => periods.some((period) => period.from <= day && day <= period.to);
  const missing = transfers.filter((transfer) => transfer.status === 'settled' && transfer.settledAt !== null && !withEntry.has(transfer.id) && covered(romeDate(new Date(transfer.settledAt))));
  return { matches, amountMismatches, unknown, missing };
}

/** The first key, in order, that finds a transfer no other entry of this run took; later keys are not even looked up. */
function firstUnclaimed(candidates: Array<[MatchedBy, () => OpenTransfer | undefined]>, claimed: ReadonlySet<string>): { transfer: OpenTransfer; by: MatchedBy } | undefined {
  for (const [by, find] of candidates) {
    const transfer = find();
    if (transfer && !claimed.has(transfer.id)) return { transfer, by };
  }
  return undefined;
}
