import { centsToDecimal, formatEuro } from '@pay-box/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Intl puts a no-break space before the euro sign.
const euro = (text: string) => `${text}\u00a0€`;

describe('formatEuro', () => {
  it('shows cents as euro the Italian way', () => {
    expect(formatEuro(1250)).toBe(euro('12,50'));
    expect(formatEuro(0)).toBe(euro('0,00'));
    expect(formatEuro(5)).toBe(euro('0,05'));
    expect(formatEuro(-5)).toBe(euro('-0,05'));
    expect(formatEuro(-0)).toBe(euro('0,00'));
    expect(formatEuro(99_999_999)).toBe(euro('999.999,99'));
  });

  it('refuses amounts that are not whole cents', () => {
    expect(() => formatEuro(12.5)).toThrow(RangeError);
    expect(() => formatEuro(Number.NaN)).toThrow(RangeError);
  });
});

describe('centsToDecimal', () => {
  it('writes euro with a dot and two decimals, as SEPA remittance wants', () => {
    expect(centsToDecimal(1250)).toBe('12.50');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(100)).toBe('1.00');
    expect(centsToDecimal(0)).toBe('0.00');
    expect(centsToDecimal(-5)).toBe('-0.05');
    expect(centsToDecimal(99_999_999)).toBe('999999.99');
  });

  it('refuses fractions of a cent instead of printing a wrong amount', () => {
    expect(() => centsToDecimal(12.5)).toThrow(RangeError);
  });

  it('loses no cent: removing the dot gives back the amount', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (cents) => {
        const text = centsToDecimal(cents);
        expect(text).toMatch(/^-?\d+\.\d{2}$/);
        expect(Number(text.replace('.', ''))).toBe(cents);
      }),
    );
  });
});
