import { makeNoticeNumber, parseNoticeNumber } from '@pay-box/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

/** Notice numbers as Pay-Box generates them: aux digit 3, any segregation code, any IUV base. */
const generatedNotice = fc.tuple(digits(2), digits(13)).map(([segregationCode, iuvBase]) => makeNoticeNumber(segregationCode, iuvBase));

/** The DOMAIN.md rule, written out here so the test does not trust the code it checks. */
const mod93 = (first16: string) => (BigInt(first16) % 93n).toString().padStart(2, '0');

const replaceAt = (text: string, index: number, character: string) => text.slice(0, index) + character + text.slice(index + 1);

describe('makeNoticeNumber and parseNoticeNumber', () => {
  it('computes the DOMAIN.md example: 3010000000000001 mod 93 = 44', () => {
    expect(makeNoticeNumber('01', '0000000000001')).toBe('301000000000000144');
    expect(parseNoticeNumber('301000000000000144')).toEqual({
      ok: true,
      value: { noticeNumber: '301000000000000144', auxDigit: 3, segregationCode: '01', iuv: '01000000000000144' },
    });
  });

  it('parses every generated number back to itself, with the segregation code and the IUV', () => {
    fc.assert(
      fc.property(digits(2), digits(13), (segregationCode, iuvBase) => {
        const notice = makeNoticeNumber(segregationCode, iuvBase);
        expect(notice).toMatch(/^\d{18}$/);
        expect(notice).toBe(`3${segregationCode}${iuvBase}${mod93(notice.slice(0, 16))}`);
        expect(parseNoticeNumber(notice)).toEqual({
          ok: true,
          value: { noticeNumber: notice, auxDigit: 3, segregationCode, iuv: notice.slice(1) },
        });
      }),
    );
  });

  it('accepts a number typed in groups with spaces, dots or dashes', () => {
    expect(parseNoticeNumber('3010 0000 0000 0001 44')).toMatchObject({ ok: true, value: { noticeNumber: '301000000000000144' } });
    expect(parseNoticeNumber(' 301 000.000-000 000 144 ')).toMatchObject({ ok: true, value: { noticeNumber: '301000000000000144' } });
    fc.assert(
      fc.property(generatedNotice, fc.array(fc.integer({ min: 1, max: 17 }), { maxLength: 5 }), (notice, cuts) => {
        const grouped = [...new Set(cuts)].sort((a, b) => b - a).reduce((text, cut) => `${text.slice(0, cut)} ${text.slice(cut)}`, notice);
        expect(parseNoticeNumber(grouped)).toMatchObject({ ok: true, value: { noticeNumber: notice } });
      }),
    );
  });

  it('rejects a wrong length, saying how many digits it got', () => {
    const short = parseNoticeNumber('30100000000000014');
    expect(short).toMatchObject({ ok: false, reason: 'wrong_length' });
    expect(!short.ok && short.message).toContain('17');
    expect(parseNoticeNumber('3010000000000001440')).toMatchObject({ ok: false, reason: 'wrong_length' });
  });

  it('rejects anything but digits and group separators', () => {
    for (const input of ['', '30100000000000014A', '301000000000000144/', '３01000000000000144']) {
      expect(parseNoticeNumber(input)).toMatchObject({ ok: false, reason: 'not_digits' });
    }
  });

  it('rejects aux digits 4 to 9', () => {
    for (const aux of '456789') {
      const first16 = `${aux}010000000000001`;
      expect(parseNoticeNumber(first16 + mod93(first16))).toMatchObject({ ok: false, reason: 'unknown_aux_digit' });
    }
  });

  it('accepts the older aux digits 0 and 2 (checked mod 93) and 1 (no check digits)', () => {
    const aux0 = `0120000000012345${mod93('0120000000012345')}`;
    expect(parseNoticeNumber(aux0)).toEqual({ ok: true, value: { noticeNumber: aux0, auxDigit: 0, segregationCode: null, iuv: aux0.slice(3) } });
    const aux2 = `2000000000012345${mod93('2000000000012345')}`;
    expect(parseNoticeNumber(aux2)).toEqual({ ok: true, value: { noticeNumber: aux2, auxDigit: 2, segregationCode: null, iuv: aux2.slice(1) } });
    expect(parseNoticeNumber('100000000001234599')).toEqual({
      ok: true,
      value: { noticeNumber: '100000000001234599', auxDigit: 1, segregationCode: null, iuv: '00000000001234599' },
    });
    expect(parseNoticeNumber(replaceAt(aux2, 17, aux2[17] === '0' ? '1' : '0'))).toMatchObject({ ok: false, reason: 'wrong_check_digits' });
  });

  /*
   * Why every single-digit change is caught: changing the digit of weight 10^k by d (1 <= |d| <= 9)
   * changes the 16-digit number by d * 10^k. 93 = 3 * 31 shares no factor with 10, and |d| < 93, so
   * d * 10^k is never a multiple of 93: the remainder, hence the check digits, always changes.
   * A changed check digit can never match the unchanged remainder either. The only escape is the
   * aux digit itself: 3 -> 1 turns the number into an aux-1 notice, which carries no check digits.
   */
  it('notices every single-digit change; only turning the aux digit 3 into 1 yields another valid notice', () => {
    fc.assert(
      fc.property(generatedNotice, (notice) => {
        for (let index = 0; index < 18; index++) {
          for (const digit of '0123456789') {
            if (digit === notice[index]) continue;
            const changed = parseNoticeNumber(replaceAt(notice, index, digit));
            if (index > 0 || digit === '0' || digit === '2') expect(changed).toMatchObject({ ok: false, reason: 'wrong_check_digits' });
            else if (digit === '1') expect(changed).toMatchObject({ ok: true, value: { auxDigit: 1 } });
            else expect(changed).toMatchObject({ ok: false, reason: 'unknown_aux_digit' });
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  /*
   * Swapping two different neighbours a, b of weights 10^(k+1) and 10^k changes the number by
   * 9 * (b - a) * 10^k, a multiple of 93 only if 31 divided b - a: impossible for digits.
   */
  it('notices every swap of two different neighbouring digits after the aux digit', () => {
    fc.assert(
      fc.property(generatedNotice, (notice) => {
        for (let index = 1; index < 17; index++) {
          if (notice[index] === notice[index + 1]) continue;
          const swapped = notice.slice(0, index) + notice[index + 1] + notice[index] + notice.slice(index + 2);
          expect(parseNoticeNumber(swapped)).toMatchObject({ ok: false, reason: 'wrong_check_digits' });
        }
      }),
      { numRuns: 50 },
    );
  });

  it('refuses to generate from a segregation code or IUV base of the wrong shape', () => {
    expect(() => makeNoticeNumber('1', '0000000000001')).toThrow(RangeError);
    expect(() => makeNoticeNumber('01', '000000000001')).toThrow(RangeError);
    expect(() => makeNoticeNumber('0A', '0000000000001')).toThrow(RangeError);
  });
});
