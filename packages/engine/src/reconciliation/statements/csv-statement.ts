import Papa from 'papaparse';
import { amountField, dateField, referenceField } from './fields.js';
import { EntryIssues, notAStatement, periodOfEntries, type ParsedEntry, type ParsedStatement } from './parsed-statement.js';

/**
 * The CSV layout Pay-Box documents (docs/cruscotto.md) for treasurers that send neither OPI nor
 * camt.053: UTF-8, comma-separated, RFC 4180 quotes, this header first, one credit per row.
 */
const CSV_STATEMENT_COLUMNS = ['booked_on', 'amount', 'end_to_end_id', 'bank_reference', 'remittance'] as const;
const header = CSV_STATEMENT_COLUMNS.join(',');

export function isCsvStatement(text: string): boolean {
  return firstLine(text).replace(/\s/g, '').toLowerCase() === header;
}

export function parseCsvStatement(text: string): ParsedStatement {
  if (!isCsvStatement(text)) throw notAStatement(`the first line of a CSV statement must be: ${header}`, 1);
  const { data } = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter: ',' });
  const issues = new EntryIssues();
  const entries: ParsedEntry[] = [];
  // A quoted field may hold line breaks: the next row starts that many lines further down.
  let line = 1;
  for (const [index, row] of data.entries()) {
    const rowLine = line;
    line += 1 + row.reduce((breaks, field) => breaks + countBreaks(field), 0);
    if (index === 0 || (row.length === 1 && row[0]!.trim() === '')) continue;
    const reasons: string[] = [];
    if (row.length !== CSV_STATEMENT_COLUMNS.length) reasons.push(`expected ${CSV_STATEMENT_COLUMNS.length} columns, found ${row.length}`);
    const [bookedOn, amount, endToEndId, bankReference, remittance] = row;
    const entry: ParsedEntry = {
      line: rowLine,
      bookedOn: dateField(bookedOn, 'booked_on', reasons),
      amount: amountField(amount, 'amount', reasons),
      endToEndId: referenceField(endToEndId, 'end_to_end_id', 35, reasons),
      bankReference: referenceField(bankReference, 'bank_reference', 35, reasons),
      remittance: remittance?.trim() ?? '',
    };
    if (entry.remittance.length > 140) reasons.push('remittance is longer than 140 characters');
    issues.add(rowLine, reasons);
    if (reasons.length === 0) entries.push(entry);
  }
  issues.throwIfAny();
  return { format: 'csv', holder: null, period: periodOfEntries(entries), entries };
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
}

function countBreaks(field: string): number {
  let count = 0;
  for (let index = field.indexOf('\n'); index !== -1; index = field.indexOf('\n', index + 1)) count += 1;
  return count;
}
