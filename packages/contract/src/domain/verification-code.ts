/**
 * Receipt verification codes are 12 characters of Crockford base32, printed in groups
 * (`K7QF-3MZP-W2HD`). People type them in any case, with or without dashes, and confuse O/0 and I/L/1.
 */
export function normalizeVerificationCode(input: string): string {
  const raw = input.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return raw.length === 12 ? `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}` : raw;
}
