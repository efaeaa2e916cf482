import type { StatementEntryIssue, StatementFormat } from '@pay-box/contract';
import { DomainError } from '../../errors.js';

/** A credit the treasury booked, as read from a statement, before it is stored. */
export interface ParsedEntry {
  /** The line of the CSV row, or of the XML element that opens the entry. */
  line: number;
  bookedOn: string;
  amount: number;
  endToEndId: string | null;
  bankReference: string | null;
  remittance: string;
}

/** Whose account the statement is of: checked against the comune before anything is stored. */
export type StatementHolder = { kind: 'fiscal_code'; value: string } | { kind: 'iban'; value: string } | null;

export interface ParsedStatement {
  format: StatementFormat;
  holder: StatementHolder;
  period: { from: string; to: string };
  entries: ParsedEntry[];
}

/** Collects the bad entries of a file; a file with any is refused whole, every bad line listed. */
export class EntryIssues {
  private readonly issues: StatementEntryIssue[] = [];

  /** Reasons for a line; a second call for the line just reported (an XML entry and its transaction) adds to it. */
  add(line: number, reasons: string[]): void {
    if (reasons.length === 0) return;
    const last = this.issues.at(-1);
    if (last?.line === line) last.reasons.push(...reasons);
    else this.issues.push({ line, reasons: [...reasons] });
  }

  /** Throws the whole list when there is any: a statement is imported complete or not at all. */
  throwIfAny(): void {
    if (this.issues.length > 0) throw new DomainError('statement_entries_invalid', { rejected: this.issues });
  }
}

/** Not a statement at all (not XML of a known kind, not the CSV layout): refused, nothing changes. */
export const notAStatement = (reason: string, line?: number): DomainError => new DomainError('statement_not_recognized', line === undefined ? { reason } : { reason, line });

/** The days the entries were booked on, when the file does not say which period it covers. */
export function periodOfEntries(entries: ParsedEntry[]): { from: string; to: string } {
  if (entries.length === 0) throw notAStatement('the file holds no credit entry and says no period');
  let [from, to] = [entries[0]!.bookedOn, entries[0]!.bookedOn];
  for (const { bookedOn } of entries) {
    if (bookedOn < from) from = bookedOn;
    if (bookedOn > to) to = bookedOn;
  }
  return { from, to };
}
