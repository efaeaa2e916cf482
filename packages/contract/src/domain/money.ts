const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });

const requireCents = (cents: number) => {
  if (!Number.isSafeInteger(cents)) throw new RangeError('cents must be a safe integer');
};

/** Formats integer cents as euro the Italian way: `1250` -> `12,50 €`. */
export function formatEuro(cents: number): string {
  requireCents(cents);
  // + 0 turns -0 (a negated zero balance) into 0, which Intl would print as "-0,00 €".
  return euro.format(cents / 100 + 0);
}

/** `1250` -> `12.50`, as in SEPA remittance (/RFB/<IUV>/<amount>). */
export function centsToDecimal(cents: number): string {
  requireCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
