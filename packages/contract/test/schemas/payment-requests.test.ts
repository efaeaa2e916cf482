import { MAX_AMOUNT_CENTS, paymentCreateRequestSchema, unexpectedCreditCreateRequestSchema } from '@pay-box/contract';
import { describe, expect, it } from 'vitest';

const CREDIT_ID = 'crd_3Xk9Pq2Lm7';

const failingPaths = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) =>
  result.success ? [] : [...new Set(result.error!.issues.map((issue) => issue.path.join('.')))];

describe('paymentCreateRequestSchema', () => {
  it('accepts a credit id and a whole number of cents from 1 to the maximum', () => {
    expect(paymentCreateRequestSchema.parse({ creditId: CREDIT_ID, amount: 1250 })).toEqual({ creditId: CREDIT_ID, amount: 1250 });
    expect(paymentCreateRequestSchema.safeParse({ creditId: CREDIT_ID, amount: 1 }).success).toBe(true);
    expect(paymentCreateRequestSchema.safeParse({ creditId: CREDIT_ID, amount: MAX_AMOUNT_CENTS }).success).toBe(true);
  });

  it.each([
    ['euro with decimals', 12.5],
    ['zero', 0],
    ['a negative amount', -1250],
    ['more than the maximum', MAX_AMOUNT_CENTS + 1],
    ['a string', '1250'],
    ['NaN', Number.NaN],
  ])('rejects %s as the amount', (_case, amount) => {
    expect(failingPaths(paymentCreateRequestSchema.safeParse({ creditId: CREDIT_ID, amount }))).toEqual(['amount']);
  });

  it('says that amounts are integer cents', () => {
    const result = paymentCreateRequestSchema.safeParse({ creditId: CREDIT_ID, amount: 12.5 });
    expect(result.error?.issues[0]?.message).toBe('amounts are integer euro cents');
  });

  it('rejects extra keys, so a client cannot send a fee or an agent of its own', () => {
    const result = paymentCreateRequestSchema.safeParse({ creditId: CREDIT_ID, amount: 1250, fee: 0 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['fee'] });
  });

  it('rejects ids of another kind', () => {
    expect(failingPaths(paymentCreateRequestSchema.safeParse({ creditId: 'pay_3Xk9Pq2Lm7', amount: 1250 }))).toEqual(['creditId']);
    expect(failingPaths(paymentCreateRequestSchema.safeParse({ creditId: 'crd_short', amount: 1250 }))).toEqual(['creditId']);
  });
});

describe('unexpectedCreditCreateRequestSchema', () => {
  const request = {
    serviceCode: 'MERCATO',
    debtor: { taxCode: 'RSSMRA85T10H501O', name: 'Mario Rossi' },
    fields: { market: 'GIOVEDI-CENTRO', date: '2026-11-12', stallNumber: '14B', squareMeters: 12, sector: 'ALIMENTARE', licenceNumber: 'A-2291' },
    amount: 1800,
  };

  it('accepts a spuntista fee and cleans the debtor as typed', () => {
    const parsed = unexpectedCreditCreateRequestSchema.parse({
      ...request,
      debtor: { taxCode: ' rssmra85t10h501o ', name: '  Mario Rossi ' },
      description: '  Spunta giovedì  ',
    });
    expect(parsed).toEqual({ ...request, description: 'Spunta giovedì' });
  });

  it('accepts a company as debtor', () => {
    expect(unexpectedCreditCreateRequestSchema.safeParse({ ...request, debtor: { taxCode: '01234560785', name: 'Forno Valdimonte S.r.l.' } }).success).toBe(true);
  });

  it.each([
    ['an invalid tax code', { debtor: { taxCode: 'RSSMRA85T10H501A', name: 'Mario Rossi' } }, 'debtor.taxCode'],
    ['a one-letter name', { debtor: { taxCode: 'RSSMRA85T10H501O', name: ' M ' } }, 'debtor.name'],
    ['an unknown debtor key', { debtor: { taxCode: 'RSSMRA85T10H501O', name: 'Mario Rossi', email: 'm@example.org' } }, 'debtor'],
    ['a field value that is neither text nor number', { fields: { squareMeters: true } }, 'fields.squareMeters'],
    ['a field name over 40 characters', { fields: { ['x'.repeat(41)]: 1 } }, `fields.${'x'.repeat(41)}`],
    ['an amount in euro', { amount: 18.5 }, 'amount'],
    ['a zero amount', { amount: 0 }, 'amount'],
    ['a description over 140 characters', { description: 'x'.repeat(141) }, 'description'],
    ['a lower-case service code', { serviceCode: 'mercato' }, 'serviceCode'],
  ])('rejects %s', (_case, change, path) => {
    expect(failingPaths(unexpectedCreditCreateRequestSchema.safeParse({ ...request, ...change }))).toContain(path);
  });

  it('rejects keys the contract does not know', () => {
    expect(unexpectedCreditCreateRequestSchema.safeParse({ ...request, creditId: CREDIT_ID }).success).toBe(false);
  });
});
