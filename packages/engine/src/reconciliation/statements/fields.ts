/**
 * Reading one field of a statement entry: each returns the value, or pushes the reason it is bad
 * to `reasons`, so that an entry reports everything wrong with it at once.
 */

/** `12.50`, `12.5`, `12` -> cents, from the decimal text itself: no float ever rounds a cent. */
const decimalAmount = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

export function amountField(text: string | undefined, name: string, reasons: string[]): number {
  if (text === undefined || text.trim() === '') {
    reasons.push(`${name} is missing`);
    return 0;
  }
  const match = decimalAmount.exec(text.trim());
  if (!match) {
    reasons.push(`${name} "${text}" is not an amount in euro with a dot and at most two decimals`);
    return 0;
  }
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (cents === 0) reasons.push(`${name} is zero`);
  if (!Number.isSafeInteger(cents)) reasons.push(`${name} is too large`);
  return cents;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD`; an XML date-time gives its date part. */
export function dateField(text: string | undefined, name: string, reasons: string[]): string {
  const value = text?.trim().slice(0, 10) ?? '';
  const match = isoDate.exec(value);
  if (!match) {
    reasons.push(text === undefined || text.trim() === '' ? `${name} is missing` : `${name} "${text}" is not a date YYYY-MM-DD`);
    return '';
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) reasons.push(`${name} "${text}" is not a calendar date`);
  return value;
}

/** An optional reference: blank is none; longer than `max` is an error (SEPA's 35 for references). */
export function referenceField(text: string | undefined, name: string, max: number, reasons: string[]): string | null {
  const value = text?.trim() ?? '';
  if (value === '' || value === 'NOTPROVIDED') return null;
  if (value.length > max) reasons.push(`${name} is longer than ${max} characters`);
  return value;
}
