import { makeNoticeNumber, parsePagoPaQr } from '@pay-box/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const NOTICE = makeNoticeNumber('47', '0000000012345');
/** Comune di Valdimonte in the demo: a valid 11-digit fiscal code. */
const CREDITOR = '82000123453';
const qr = (...fields: string[]) => fields.join('|');

describe('parsePagoPaQr', () => {
  it('reads the notice number, its IUV, the creditor and the amount in cents', () => {
    expect(parsePagoPaQr(qr('PAGOPA', '002', NOTICE, CREDITOR, '222250'))).toEqual({
      ok: true,
      value: { noticeNumber: NOTICE, iuv: NOTICE.slice(1), creditorFiscalCode: CREDITOR, amount: 222250 },
    });
  });

  it('accepts amounts of 1 to 10 digits, as real notices print them', () => {
    expect(parsePagoPaQr(qr('PAGOPA', '002', NOTICE, CREDITOR, '5'))).toMatchObject({ ok: true, value: { amount: 5 } });
    expect(parsePagoPaQr(qr('PAGOPA', '002', NOTICE, CREDITOR, '0000012345'))).toMatchObject({ ok: true, value: { amount: 12345 } });
    expect(parsePagoPaQr(qr('PAGOPA', '002', NOTICE, CREDITOR, '9999999999'))).toMatchObject({ ok: true, value: { amount: 9_999_999_999 } });
  });

  it('ignores the line end a scanner adds', () => {
    expect(parsePagoPaQr(`${qr('PAGOPA', '002', NOTICE, CREDITOR, '1250')}\r\n`)).toMatchObject({ ok: true, value: { amount: 1250 } });
  });

  it('round-trips any generated notice and any 1-to-10-digit amount', () => {
    const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
    fc.assert(
      fc.property(digits(2, 2), digits(13, 13), digits(1, 10), (segregationCode, iuvBase, amountText) => {
        const notice = makeNoticeNumber(segregationCode, iuvBase);
        expect(parsePagoPaQr(qr('PAGOPA', '002', notice, CREDITOR, amountText))).toEqual({
          ok: true,
          value: { noticeNumber: notice, iuv: notice.slice(1), creditorFiscalCode: CREDITOR, amount: Number(amountText) },
        });
      }),
    );
  });

  it.each([
    ['another kind of code', 'https://example.org/pay', 'not_pagopa'],
    ['a lower-case prefix', qr('pagopa', '002', NOTICE, CREDITOR, '1250'), 'not_pagopa'],
    ['version 001', qr('PAGOPA', '001', NOTICE, CREDITOR, '1250'), 'unsupported_version'],
    ['no version', 'PAGOPA', 'unsupported_version'],
    ['4 fields', qr('PAGOPA', '002', NOTICE, CREDITOR), 'wrong_field_count'],
    ['6 fields', qr('PAGOPA', '002', NOTICE, CREDITOR, '1250', 'x'), 'wrong_field_count'],
    ['a notice with wrong check digits', qr('PAGOPA', '002', NOTICE.slice(0, 16) + (NOTICE.endsWith('00') ? '01' : '00'), CREDITOR, '1250'), 'wrong_check_digits'],
    ['a 17-digit notice', qr('PAGOPA', '002', NOTICE.slice(1), CREDITOR, '1250'), 'wrong_length'],
    ['a creditor fiscal code with a wrong check digit', qr('PAGOPA', '002', NOTICE, '82000123454', '1250'), 'bad_creditor_fiscal_code'],
    ['a person tax code as creditor', qr('PAGOPA', '002', NOTICE, 'RSSMRA85T10H501O', '1250'), 'bad_creditor_fiscal_code'],
    ['an empty amount', qr('PAGOPA', '002', NOTICE, CREDITOR, ''), 'bad_amount'],
    ['an 11-digit amount', qr('PAGOPA', '002', NOTICE, CREDITOR, '12345678901'), 'bad_amount'],
    ['an amount with decimals', qr('PAGOPA', '002', NOTICE, CREDITOR, '12.50'), 'bad_amount'],
    ['a negative amount', qr('PAGOPA', '002', NOTICE, CREDITOR, '-1250'), 'bad_amount'],
  ])('rejects %s', (_case, payload, reason) => {
    const result = parsePagoPaQr(payload);
    expect(result).toMatchObject({ ok: false, reason });
    expect(!result.ok && result.message.length).toBeGreaterThan(0);
  });
});
