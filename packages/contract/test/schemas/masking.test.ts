import { maskName, maskTaxCode } from '@pay-box/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** A UTF-16 unit of a surrogate pair without its other half: invalid Unicode that strict JSON parsers reject. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

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

  it('keeps a letter outside the BMP whole', () => {
    expect(maskName('𠮷田 Hanako')).toBe('𠮷*** H***');
    expect(maskName('😀 Smile')).toBe('😀*** S***');
  });

  it('keeps a letter with a combining accent whole', () => {
    expect(maskName('E\u0301milie Dupont')).toBe('E\u0301*** D***');
    expect(maskName('👩‍👩‍👧 Famiglia')).toBe('👩‍👩‍👧*** F***');
  });

  it('never writes a lone surrogate, whatever the name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), (name) => {
        expect(maskName(name)).not.toMatch(loneSurrogate);
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

  it('keeps characters outside the BMP whole and counts them once', () => {
    expect(maskTaxCode('𠮷𠮷𠮷ABCDE𠮷𠮷')).toBe('𠮷𠮷𠮷*****𠮷𠮷');
    expect(maskTaxCode('AB𠮷')).toBe('***');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (code) => {
        expect(maskTaxCode(code)).not.toMatch(loneSurrogate);
      }),
    );
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
