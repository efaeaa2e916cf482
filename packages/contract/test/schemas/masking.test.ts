import { maskName, maskTaxCode } from '@pay-box/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('maskName', () => {
  it('keeps the first letter of each word', () => {
    expect(maskName('Mario Rossi')).toBe('M*** R***');
    expect(maskName('  Forno   Valdimonte S.r.l. ')).toBe('F*** V*** S***');
    expect(maskName('Chiara')).toBe('C***');
  });

  it('never lets more than the initials through', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-zÀ-ÿ']{1,12}$/), { minLength: 1, maxLength: 4 }), (words) => {
        expect(maskName(words.join(' '))).toBe(words.map((word) => `${word[0]}***`).join(' '));
      }),
    );
  });
});

describe('maskTaxCode', () => {
  it('keeps the first three and the last two characters', () => {
    expect(maskTaxCode('RSSMRA85T10H501O')).toBe('RSS***********1O');
    expect(maskTaxCode('01234560785')).toBe('012******85');
  });

  it('hides short codes completely', () => {
    expect(maskTaxCode('ABCDE')).toBe('*****');
    expect(maskTaxCode('')).toBe('');
  });

  it('keeps the length and hides every middle character', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{6,20}$/), (code) => {
        const masked = maskTaxCode(code);
        expect(masked).toHaveLength(code.length);
        expect(masked).toBe(code.slice(0, 3) + '*'.repeat(code.length - 5) + code.slice(-2));
      }),
    );
  });
});
