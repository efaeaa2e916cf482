import { electronicFormatIBAN, isValidIBAN } from 'ibantools';

/** Removes spaces and upper-cases, as IBANs are printed in groups of four. */
export function normalizeIban(input: string): string {
  return electronicFormatIBAN(input) ?? '';
}

/** Valid IBAN: country format and mod-97 check digits. */
export function isValidIban(input: string): boolean {
  return isValidIBAN(normalizeIban(input));
}
