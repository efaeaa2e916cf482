import { isValidIban, normalizeIban } from '@pay-box/contract';
import { describe, expect, it } from 'vitest';

const ITALIAN = 'IT60X0542811101000000123456';

describe('IBAN', () => {
  it('accepts an Italian IBAN printed in groups of four, in any case', () => {
    expect(isValidIban('IT60 X054 2811 1010 0000 0123 456')).toBe(true);
    expect(isValidIban('it60 x054 2811 1010 0000 0123 456')).toBe(true);
    expect(normalizeIban('it60 x054 2811 1010 0000 0123 456')).toBe(ITALIAN);
  });

  it('accepts the demo comune treasury IBAN and IBANs of other SEPA countries', () => {
    expect(isValidIban('IT41S0100003245000000001234')).toBe(true);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
  });

  it('rejects wrong check digits', () => {
    expect(isValidIban('IT61X0542811101000000123456')).toBe(false);
    expect(isValidIban('IT00 X054 2811 1010 0000 0123 456')).toBe(false);
  });

  /* mod 97: a digit changed by d (|d| <= 9) at weight 10^k moves the number by d * 10^k, never a multiple of the prime 97. */
  it('rejects every single-digit change', () => {
    for (let index = 2; index < ITALIAN.length; index++) {
      if (!/\d/.test(ITALIAN[index]!)) continue;
      for (const digit of '0123456789') {
        if (digit === ITALIAN[index]) continue;
        const changed = ITALIAN.slice(0, index) + digit + ITALIAN.slice(index + 1);
        expect(isValidIban(changed), changed).toBe(false);
      }
    }
  });

  it('rejects the wrong length for Italy and what is not an IBAN', () => {
    expect(isValidIban(ITALIAN.slice(0, -1))).toBe(false);
    expect(isValidIban(`${ITALIAN}0`)).toBe(false);
    expect(isValidIban('')).toBe(false);
    expect(isValidIban('not an iban')).toBe(false);
  });
});
