import codiceFiscaleModule from 'codice-fiscale-js';

// The package's types declare the class as default export; at run time (CommonJS) it is a property.
const { CodiceFiscale } = codiceFiscaleModule as unknown as { CodiceFiscale: typeof codiceFiscaleModule };

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

/** Partita IVA / codice fiscale numerico: 10 digits and a Luhn-like check digit. */
export function isValidCompanyTaxCode(code: string): boolean {
  if (!/^\d{11}$/.test(code) || code === '00000000000') return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(code[i]);
    if (i % 2 === 0) {
      sum += digit;
    } else {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    }
  }
  return (10 - (sum % 10)) % 10 === Number(code[10]);
}

/** Which kind of valid tax code this is, or null when it is not valid. */
export function taxCodeKind(input: string): TaxCodeKind | null {
  const code = normalizeTaxCode(input);
  if (isValidCompanyTaxCode(code)) return 'company';
  if (isValidPersonTaxCode(code)) return 'person';
  return null;
}
