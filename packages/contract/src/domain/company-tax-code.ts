/**
 * Partita IVA / codice fiscale numerico of a company or public body (a comune): 10 digits and a
 * Luhn-like check digit. Its own module, so that the QR parser does not pull the person-code tables.
 */
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

