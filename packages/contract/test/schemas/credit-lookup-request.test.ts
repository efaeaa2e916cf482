import { creditLookupRequestSchema } from '@pay-box/contract';
import { describe, expect, it } from 'vitest';

const NOTICE = '301000000000000144';
const QR = 'PAGOPA|002|301000000000000144|82000123453|1250';

const issues = (input: unknown) => {
  const result = creditLookupRequestSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path: path.join('.'), message }));
};

describe('creditLookupRequestSchema', () => {
  it('accepts each of the three forms alone', () => {
    expect(creditLookupRequestSchema.parse({ noticeNumber: NOTICE })).toEqual({ noticeNumber: NOTICE });
    expect(creditLookupRequestSchema.parse({ qr: QR })).toEqual({ qr: QR });
    expect(creditLookupRequestSchema.parse({ debtorTaxCode: 'RSSMRA85T10H501O', serviceCode: 'TARI' })).toEqual({
      debtorTaxCode: 'RSSMRA85T10H501O',
      serviceCode: 'TARI',
    });
  });

  it('hands on the notice number and the tax code cleaned of spaces and lower case', () => {
    expect(creditLookupRequestSchema.parse({ noticeNumber: '3010 0000 0000 0001 44' })).toEqual({ noticeNumber: NOTICE });
    expect(creditLookupRequestSchema.parse({ debtorTaxCode: 'rssmra85t10h501o ', serviceCode: 'TARI' })).toMatchObject({ debtorTaxCode: 'RSSMRA85T10H501O' });
  });

  it('says why a notice number is wrong, on its field', () => {
    expect(issues({ noticeNumber: '301000000000000145' })).toEqual([
      { path: 'noticeNumber', message: 'The check digits do not match: re-read the notice number.' },
    ]);
  });

  it('refuses no form and two forms at once', () => {
    const exactlyOne = { path: '', message: expect.stringContaining('exactly one') };
    expect(issues({})).toEqual([exactlyOne]);
    expect(issues({ noticeNumber: NOTICE, qr: QR })).toEqual([exactlyOne]);
    expect(issues({ noticeNumber: NOTICE, debtorTaxCode: 'RSSMRA85T10H501O', serviceCode: 'TARI' })).toEqual([exactlyOne]);
  });

  it('needs serviceCode with debtorTaxCode, and the other way round', () => {
    expect(issues({ debtorTaxCode: 'RSSMRA85T10H501O' })).toEqual([{ path: 'serviceCode', message: 'serviceCode is required with debtorTaxCode' }]);
    expect(issues({ serviceCode: 'TARI' })).toContainEqual({ path: 'debtorTaxCode', message: 'debtorTaxCode is required with serviceCode' });
  });

  it('rejects an invalid tax code, a malformed service code, an overlong QR payload and unknown keys', () => {
    expect(issues({ debtorTaxCode: 'RSSMRA85T10H501A', serviceCode: 'TARI' }).map((issue) => issue.path)).toEqual(['debtorTaxCode']);
    expect(issues({ debtorTaxCode: 'RSSMRA85T10H501O', serviceCode: 'tari' }).map((issue) => issue.path)).toEqual(['serviceCode']);
    expect(issues({ qr: 'P'.repeat(201) }).map((issue) => issue.path)).toEqual(['qr']);
    expect(creditLookupRequestSchema.safeParse({ noticeNumber: NOTICE, comuneId: 'com_12345678' }).success).toBe(false);
  });
});
