import { checkAmount, expectedAmount, unexpectedCreditDescription, validateFields, type FieldDefinition } from '@pay-box/contract';
import { demoServices } from '@pay-box/sdk/demo';
import { describe, expect, it } from 'vitest';

const market = demoServices.find((service) => service.code === 'MERCATO')!.unexpected!;
const valid = { market: 'GIOVEDI-CENTRO', date: '2026-11-26', stallNumber: 'B12', squareMeters: 12.5, sector: 'ALIMENTARE', licenceNumber: 'AUT-1' };

describe('fields of an unexpected credit', () => {
  it('accepts the market fee fields and keeps their values', () => {
    expect(validateFields(market.fields, valid)).toEqual({ values: valid, issues: [] });
  });

  it('reads decimals written the Italian way, and only plain decimals', () => {
    expect(validateFields(market.fields, { ...valid, squareMeters: '12,5' }).values.squareMeters).toBe(12.5);
    for (const squareMeters of ['0x10', '1e1', '12.5.1', ' ', 'dodici', 'Infinity']) {
      const { issues } = validateFields(market.fields, { ...valid, squareMeters });
      expect(issues.map((issue) => issue.path), squareMeters).toEqual(['fields.squareMeters']);
    }
  });

  it('refuses dates that do not exist instead of rolling them over', () => {
    for (const date of ['2026-02-30', '2026-13-01', '2026-11-31', '26-11-2026']) {
      expect(validateFields(market.fields, { ...valid, date }).issues, date).toEqual([{ path: 'fields.date', message: 'must be a date, YYYY-MM-DD' }]);
    }
    expect(validateFields(market.fields, { ...valid, date: '2028-02-29' }).issues).toEqual([]);
  });

  it('names every missing, unknown, out-of-range or unlisted field', () => {
    const { issues } = validateFields(market.fields, { market: 'DOMENICA', squareMeters: 900, extra: 'x', stallNumber: 'B 12!' });
    expect(issues.map((issue) => issue.path).sort()).toEqual(
      ['fields.date', 'fields.extra', 'fields.licenceNumber', 'fields.market', 'fields.sector', 'fields.squareMeters', 'fields.stallNumber'].sort(),
    );
  });

  it('checks integer fields are whole numbers', () => {
    const definitions: FieldDefinition[] = [{ name: 'hours', label: { it: 'Ore', en: 'Hours' }, type: 'integer', required: true, min: 1, max: 9 }];
    expect(validateFields(definitions, { hours: 2.5 }).issues[0]?.message).toBe('must be a whole number');
    expect(validateFields(definitions, { hours: '4' }).values).toEqual({ hours: 4 });
  });
});

describe('amount rules', () => {
  it('per square metre, rounded up: 12.5 m² at EUR 1.50 is 13 x 150 cents', () => {
    expect(checkAmount(market.amountRule, 1950, valid)).toBeNull();
    expect(checkAmount(market.amountRule, 1875, valid)).toEqual({ expected: 1950, units: 13, unitAmount: 150 });
  });

  it('fixed and range rules', () => {
    expect(checkAmount({ type: 'fixed', amount: 500 }, 500, {})).toBeNull();
    expect(checkAmount({ type: 'fixed', amount: 500 }, 501, {})).toEqual({ expected: 500 });
    expect(checkAmount({ type: 'range', min: 100, max: 1000 }, 1000, {})).toBeNull();
    expect(checkAmount({ type: 'range', min: 100, max: 1000 }, 99, {})).toEqual({ min: 100, max: 1000 });
  });
});

describe('a traffic fine paid from its pre-notice: the amount of the violation, 30% off within 5 days', () => {
  const fine = demoServices.find((service) => service.code === 'MULTA')!.unexpected!;
  const preNotice = { preNoticeNumber: 'PA-2026/0412', plate: 'AB123CD', date: '2026-11-20', place: 'via Roma 12', violation: 'ART158-SOSTA' };

  it('takes the amount of the violation from the table: EUR 42.00 for no parking', () => {
    expect(expectedAmount(fine.amountRule, preNotice, '2026-11-30')).toBe(4_200);
    expect(checkAmount(fine.amountRule, 4_200, preNotice, '2026-11-30')).toBeNull();
    expect(expectedAmount(fine.amountRule, { ...preNotice, violation: 'ART146-SEMAFORO' }, '2026-11-30')).toBe(16_700);
  });

  it('takes 30% off from the day of the violation to the fifth day after it, and not on the sixth', () => {
    for (const [today, amount] of [
      ['2026-11-20', 2_940],
      ['2026-11-25', 2_940],
      ['2026-11-26', 4_200],
    ] as const) {
      expect(expectedAmount(fine.amountRule, preNotice, today), today).toBe(amount);
    }
    expect(checkAmount(fine.amountRule, 4_200, preNotice, '2026-11-23')).toEqual({ expected: 2_940, fullAmount: 4_200, reduced: true });
    expect(checkAmount(fine.amountRule, 2_940, preNotice, '2026-11-27')).toEqual({ expected: 4_200, fullAmount: 4_200, reduced: false });
  });

  it('counts calendar days across a change of month and of daylight saving time', () => {
    expect(expectedAmount(fine.amountRule, { ...preNotice, date: '2026-10-24' }, '2026-10-29')).toBe(2_940);
    expect(expectedAmount(fine.amountRule, { ...preNotice, date: '2026-10-24' }, '2026-10-30')).toBe(4_200);
    expect(expectedAmount(fine.amountRule, { ...preNotice, date: '2026-02-26' }, '2026-03-03')).toBe(2_940);
  });

  it('rounds a reduced amount to the cent', () => {
    const rule = { type: 'table' as const, keyField: 'kind', amounts: { A: 1_005 }, reduction: { percent: 30, withinDays: 5, fromField: 'date' } };
    expect(expectedAmount(rule, { kind: 'A', date: '2026-11-30' }, '2026-11-30')).toBe(704);
  });

  it('refuses a violation dated after today, and a violation the table does not list', () => {
    expect(validateFields(fine.fields, { ...preNotice, date: '2026-12-01' }, '2026-11-30').issues).toEqual([{ path: 'fields.date', message: 'must not be after today' }]);
    expect(validateFields(fine.fields, preNotice, '2026-11-30').issues).toEqual([]);
    expect(validateFields(fine.fields, { ...preNotice, violation: 'ART999' }, '2026-11-30').issues.map((issue) => issue.path)).toEqual(['fields.violation']);
  });

  it('lists an amount for every violation the form offers', () => {
    const rule = fine.amountRule as Extract<typeof fine.amountRule, { type: 'table' }>;
    const offered = fine.fields.find((field) => field.name === rule.keyField)!.options!.map((option) => option.value);
    expect(Object.keys(rule.amounts).sort()).toEqual([...offered].sort());
  });
});

describe('the causale of an unexpected credit', () => {
  it('names the service and the labelled values, for the comune to register it', () => {
    expect(unexpectedCreditDescription('Canone mercatale - spunta', market.fields, { market: 'GIOVEDI-CENTRO', date: '2026-11-26', stallNumber: 'B12' })).toBe(
      'Canone mercatale - spunta: Mercato GIOVEDI-CENTRO, Data di occupazione 2026-11-26, Numero posteggio B12',
    );
  });

  it('fits the 140 characters of a SEPA remittance-sized causale', () => {
    const description = unexpectedCreditDescription('Canone mercatale - spunta', market.fields, { ...valid, licenceNumber: 'X'.repeat(30) });
    expect(description.length).toBeLessThanOrEqual(140);
    expect(description.endsWith('...')).toBe(true);
  });
});
