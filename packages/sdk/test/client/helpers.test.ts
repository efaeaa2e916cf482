import { describe, expect, it } from 'vitest';
import { checkAmount, lookupQueryFromScan, normalizeVerificationCode, validateFields, type FieldDefinition } from '@pay-box/sdk';

describe('lookupQueryFromScan', () => {
  it('turns a pagoPA QR payload into a QR lookup', () => {
    const payload = 'PAGOPA|002|301000000000000144|83000390019|14350';
    expect(lookupQueryFromScan(` ${payload}\n`)).toEqual({ ok: true, value: { qr: payload } });
  });

  it('turns a notice number typed with spaces into its 18 digits', () => {
    expect(lookupQueryFromScan('3010 0000 0000 0001 44')).toEqual({ ok: true, value: { noticeNumber: '301000000000000144' } });
  });

  it.each([
    ['301000000000000145', 'wrong_check_digits', 'check digits'],
    ['30100000000000014', 'wrong_length', '17'],
    ['PAGOPA|002|301000000000000144|83000390018|14350', 'bad_creditor_fiscal_code', 'fiscal code'],
    ['PAGOPA|001|301000000000000144|83000390019|14350', 'unsupported_version', '002'],
    ['https://example.com', 'not_digits', 'digits'],
  ])('says what is wrong with %s', (text, reason, hint) => {
    const result = lookupQueryFromScan(text);
    expect(result).toMatchObject({ ok: false, reason });
    expect(!result.ok && result.message).toContain(hint);
  });
});

describe('normalizeVerificationCode', () => {
  it('accepts any case, no dashes, and O/I/L typed for 0/1', () => {
    expect(normalizeVerificationCode('k7qf 3mzp w2hd')).toBe('K7QF-3MZP-W2HD');
    expect(normalizeVerificationCode('OIL0-1111-2222')).toBe('0110-1111-2222');
  });
});

const marketFields: FieldDefinition[] = [
  { name: 'stallNumber', label: { it: 'Posteggio', en: 'Stall number' }, type: 'text', required: true, maxLength: 8, pattern: '[A-Za-z0-9-]{1,8}' },
  { name: 'squareMeters', label: { it: 'Superficie', en: 'Area' }, type: 'decimal', required: true, min: 1, max: 200 },
  {
    name: 'sector',
    label: { it: 'Settore', en: 'Sector' },
    type: 'select',
    required: false,
    options: [{ value: 'ALIMENTARE', label: { it: 'Alimentare', en: 'Food' } }],
  },
  { name: 'date', label: { it: 'Data', en: 'Date' }, type: 'date', required: false },
  { name: 'visits', label: { it: 'Presenze', en: 'Visits' }, type: 'integer', required: false },
];

describe('validateFields', () => {
  it('keeps clean values, reading a decimal typed with a comma', () => {
    expect(validateFields(marketFields, { stallNumber: ' B12 ', squareMeters: '7,5', sector: 'ALIMENTARE' })).toEqual({
      values: { stallNumber: 'B12', squareMeters: 7.5, sector: 'ALIMENTARE' },
      issues: [],
    });
  });

  it('names each wrong field', () => {
    const { issues } = validateFields(marketFields, {
      stallNumber: 'B 12!',
      squareMeters: 201,
      sector: 'MEAT',
      date: '2026-13-40',
      visits: 2.5,
      colour: 'red',
    });
    expect(issues).toEqual([
      { path: 'fields.colour', message: 'unknown field for this service' },
      { path: 'fields.stallNumber', message: 'has the wrong format' },
      { path: 'fields.squareMeters', message: 'must be at most 200' },
      { path: 'fields.sector', message: 'must be one of ALIMENTARE' },
      { path: 'fields.date', message: 'must be a date, YYYY-MM-DD' },
      { path: 'fields.visits', message: 'must be a whole number' },
    ]);
  });

  it('says which required fields are missing, by their English label', () => {
    expect(validateFields(marketFields, {}).issues).toEqual([
      { path: 'fields.stallNumber', message: 'Stall number is required' },
      { path: 'fields.squareMeters', message: 'Area is required' },
    ]);
  });
});

describe('checkAmount', () => {
  const perSquareMetre = { type: 'perUnit', unitField: 'squareMeters', unitAmount: 150, rounding: 'up' } as const;

  it('rounds square metres up before applying the tariff', () => {
    expect(checkAmount(perSquareMetre, 1_200, { squareMeters: 7.5 })).toBeNull();
    expect(checkAmount(perSquareMetre, 1_125, { squareMeters: 7.5 })).toEqual({ expected: 1_200, units: 8, unitAmount: 150 });
  });

  it('checks fixed amounts and ranges', () => {
    expect(checkAmount({ type: 'fixed', amount: 500 }, 500, {})).toBeNull();
    expect(checkAmount({ type: 'fixed', amount: 500 }, 499, {})).toEqual({ expected: 500 });
    expect(checkAmount({ type: 'range', min: 100, max: 1_000 }, 1_001, {})).toEqual({ min: 100, max: 1_000 });
  });
});
