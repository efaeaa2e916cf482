import { euros, type FixtureEntry } from './statement-entry.js';

const quoted = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The CSV statement layout of docs/cruscotto.md. */
export function csvStatement(entries: FixtureEntry[]): string {
  const rows = entries.map((entry) => [entry.bookedOn, euros(entry.amount), entry.endToEndId ?? '', entry.bankReference ?? '', quoted(entry.remittance)].join(','));
  return ['booked_on,amount,end_to_end_id,bank_reference,remittance', ...rows].join('\n') + '\n';
}
