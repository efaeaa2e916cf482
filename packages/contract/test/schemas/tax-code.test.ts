import { isValidCompanyTaxCode, isValidPersonTaxCode, normalizeTaxCode, taxCodeKind } from '@pay-box/contract';
import { describe, expect, it } from 'vitest';

const PERSONS = ['RSSMRA85T10H501O', 'BNCGLI90D43F205U', 'MRTMTT25D09F205Z'];
/**
 * Omocodia: digits replaced by the letters L M N P Q R S T U V, with the check letter recomputed.
 * RSSMRA85T10H50MG is RSSMRA85T10H501O with its last digit 1 -> M; MRTMTTRRDLSFRLRZ has every digit replaced.
 */
const OMOCODES = ['RSSMRA85T10H50MG', 'RSSMRA85T10H5LMR', 'MRTMTT25D09F20RU', 'MRTMTTRRDLSFRLRZ'];
const COMPANIES = ['01234560785', '82000123453', '00743110157'];

describe('person tax codes (codice fiscale)', () => {
  it.each([...PERSONS, ...OMOCODES])('accepts %s', (code) => {
    expect(isValidPersonTaxCode(code)).toBe(true);
    expect(taxCodeKind(code)).toBe('person');
  });

  it('rejects every wrong check letter', () => {
    for (const code of [...PERSONS, ...OMOCODES]) {
      for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
        if (letter === code[15]) continue;
        expect(isValidPersonTaxCode(code.slice(0, 15) + letter), `${code.slice(0, 15)}${letter}`).toBe(false);
      }
    }
  });

  it('rejects an omocode whose check letter was not recomputed', () => {
    expect(isValidPersonTaxCode('RSSMRA85T10H50MO')).toBe(false);
  });

  it('rejects letters outside L-V in a digit position, even with a matching check letter', () => {
    // A in place of the last digit, P being the check letter the formula gives for RSSMRA85T10H50A.
    expect(isValidPersonTaxCode('RSSMRA85T10H50AP')).toBe(false);
  });

  it('rejects the wrong length', () => {
    expect(isValidPersonTaxCode('RSSMRA85T10H501')).toBe(false);
    expect(isValidPersonTaxCode('RSSMRA85T10H501OO')).toBe(false);
  });

  it('takes codes as typed (lower case, spaces) once normalised', () => {
    expect(normalizeTaxCode(' rssmra85 t10h501o ')).toBe('RSSMRA85T10H501O');
    expect(taxCodeKind(' rssmra85 t10h501o ')).toBe('person');
  });
});

describe('company and public-body tax codes (partita IVA)', () => {
  it.each(COMPANIES)('accepts %s', (code) => {
    expect(isValidCompanyTaxCode(code)).toBe(true);
    expect(taxCodeKind(code)).toBe('company');
  });

  it('rejects 00000000000, which passes the check-digit formula but is no one', () => {
    expect(isValidCompanyTaxCode('00000000000')).toBe(false);
    expect(taxCodeKind('00000000000')).toBeNull();
  });

  /*
   * The check catches every single-digit change: a digit in an even position counts as itself and
   * one in an odd position as 2d (minus 9 when above 9); both maps are permutations of 0-9 mod 10,
   * so a changed digit always changes the sum mod 10, and a changed check digit cannot match it.
   */
  it('rejects every single-digit change of a valid code', () => {
    for (const code of COMPANIES) {
      for (let index = 0; index < 11; index++) {
        for (const digit of '0123456789') {
          if (digit === code[index]) continue;
          const changed = code.slice(0, index) + digit + code.slice(index + 1);
          expect(isValidCompanyTaxCode(changed), changed).toBe(false);
        }
      }
    }
  });

  it('rejects the wrong length and non-digits', () => {
    expect(isValidCompanyTaxCode('0123456078')).toBe(false);
    expect(isValidCompanyTaxCode('012345607855')).toBe(false);
    expect(isValidCompanyTaxCode('0123456078A')).toBe(false);
  });
});

describe('taxCodeKind', () => {
  it('says null for what is neither', () => {
    for (const input of ['', 'RSSMRA85T10H501A', '01234560786', 'IT01234560785']) expect(taxCodeKind(input)).toBeNull();
  });
});
