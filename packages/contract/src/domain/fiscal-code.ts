import codiceFiscaleModule from 'codice-fiscale-js';
import { isValidCompanyTaxCode } from './company-tax-code.js';

// The package's types declare the class as default export; at run time (CommonJS) it is a property.
const { CodiceFiscale } = codiceFiscaleModule as unknown as { CodiceFiscale: typeof codiceFiscaleModule };

export { isValidCompanyTaxCode };

/**
 * Italian tax codes. A person has a 16-character codice fiscale with a check letter
 * (omocodia included); a company or public body (a comune) has 11 digits, checked like a partita IVA.
 */
export type TaxCodeKind = 'person' | 'company';

export function normalizeTaxCode(input: string): string {
  return input.replace(/\s/g, '').toUpperCase();
}

export function isValidPersonTaxCode(code: string): boolean {
  return /^[A-Z0-9]{16}$/.test(code) && CodiceFiscale.check(code);
}

/** Which kind of valid tax code this is, or null when it is not valid. */
export function taxCodeKind(input: string): TaxCodeKind | null {
  const code = normalizeTaxCode(input);
  if (isValidCompanyTaxCode(code)) return 'company';
  if (isValidPersonTaxCode(code)) return 'person';
  return null;
}
