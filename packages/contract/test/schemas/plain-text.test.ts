import {
  CONTROL_OR_BIDI_MESSAGE,
  hasForbiddenCharacters,
  LONE_SURROGATE_MESSAGE,
  plainTextProblem,
  unexpectedCreditCreateRequestSchema,
  unexpectedCreditDescription,
  validateFields,
} from '@pay-box/contract';
import { demoServices } from '@pay-box/sdk/demo';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Names, causali and fields of unexpected credits end up on receipts and in the comune's books:
// one line each, shown as it reads.

/** Every character refused, by what it is. */
const forbidden: Array<[string, string]> = [
  ['NUL', '\u0000'],
  ['a tab', '\t'],
  ['a newline', '\n'],
  ['a carriage return', '\r'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
  ['NEL (C1)', '\u0085'],
  ['CSI (C1)', '\u009b'],
  ['a line separator', '\u2028'],
  ['a left-to-right embedding', '\u202a'],
  ['a right-to-left override', '\u202e'],
  ['a left-to-right isolate', '\u2066'],
  ['a pop directional isolate', '\u2069'],
  ['a left-to-right mark', '\u200e'],
  ['a right-to-left mark', '\u200f'],
  ['an Arabic letter mark', '\u061c'],
];

/** Names people have, in the scripts a comune meets. */
const plainNames = ["Mario D'Angelo", 'Nicolò Pèrez-Ñúñez', '𠮷田 Hanako', 'E\u0301milie Dupont', 'محمد علي', 'דוד כהן', 'Ли Вэй', '👩‍👩‍👧 Rossi', 'Forno Valdimonte S.r.l.'];

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('plainTextProblem', () => {
  it.each(plainNames)('takes %s', (name) => {
    expect(plainTextProblem(name)).toBeNull();
    expect(hasForbiddenCharacters(name)).toBe(false);
  });

  it.each(forbidden)('refuses %s anywhere in the text', (_name, character) => {
    for (const text of [`Mario${character}Rossi`, `${character}Mario Rossi`, `Mario Rossi${character}`]) {
      expect(plainTextProblem(text)).toBe(CONTROL_OR_BIDI_MESSAGE);
      expect(hasForbiddenCharacters(text)).toBe(true);
    }
  });

  it('says what is wrong', () => {
    expect(CONTROL_OR_BIDI_MESSAGE).toBe('must not contain control or bidirectional formatting characters');
  });

  it('refuses half of a surrogate pair, and takes the whole pair', () => {
    for (const text of ['Mario \ud842 Rossi', '\udfb7田', 'end\ud842', '\udfb7\ud842']) expect(plainTextProblem(text), JSON.stringify(text)).toBe(LONE_SURROGATE_MESSAGE);
    expect(plainTextProblem('\ud842\udfb7田')).toBeNull();
  });

  it('agrees with the definition for any text', () => {
    const refused = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(...forbidden.map(([, character]) => character)), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }), (text) => {
        expect(plainTextProblem(text) !== null).toBe(refused.test(text) || loneSurrogate.test(text));
      }),
    );
  });
});

describe('the unexpected-credit request refuses control and bidi characters', () => {
  const request = {
    serviceCode: 'MERCATO',
    debtor: { taxCode: 'RSSMRA85T10H501O', name: 'Mario Rossi' },
    fields: { stallNumber: 'A12', licenceNumber: 'LIC-2026-001' },
    amount: 1500,
  };
  const issuesOf = (body: unknown) => {
    const result = unexpectedCreditCreateRequestSchema.safeParse(body);
    return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path: path.join('.'), message }));
  };

  it.each(forbidden)('%s in the debtor name, the description or a field', (_name, character) => {
    const message = CONTROL_OR_BIDI_MESSAGE;
    expect(issuesOf({ ...request, debtor: { ...request.debtor, name: `Mario${character}Rossi` } })).toEqual([{ path: 'debtor.name', message }]);
    expect(issuesOf({ ...request, description: `Posteggio${character}A12` })).toEqual([{ path: 'description', message }]);
    expect(issuesOf({ ...request, fields: { ...request.fields, licenceNumber: `LIC${character}1` } })).toEqual([{ path: 'fields.licenceNumber', message }]);
  });

  it('takes names in any script, and drops a line break around a value as it trims it', () => {
    for (const name of plainNames) expect(issuesOf({ ...request, debtor: { ...request.debtor, name } }), name).toEqual([]);
    const parsed = unexpectedCreditCreateRequestSchema.parse({ ...request, debtor: { ...request.debtor, name: ' Mario Rossi\r\n' }, description: '\tcausale\n' });
    expect(parsed.debtor.name).toBe('Mario Rossi');
    expect(parsed.description).toBe('causale');
  });
});

describe('validateFields, as a POS runs it', () => {
  const market = demoServices.find((service) => service.code === 'MERCATO')!.unexpected!;
  const valid = { market: 'GIOVEDI-CENTRO', date: '2026-11-26', stallNumber: 'B12', squareMeters: 12.5, sector: 'ALIMENTARE', licenceNumber: 'AUT-1' };

  it.each(forbidden)('refuses %s in a text field, with the server’s message', (_name, character) => {
    expect(validateFields(market.fields, { ...valid, licenceNumber: `AUT${character}1` }).issues).toEqual([
      { path: 'fields.licenceNumber', message: CONTROL_OR_BIDI_MESSAGE },
    ]);
  });

  it('keeps a text field trimmed of a line break around it', () => {
    expect(validateFields(market.fields, { ...valid, licenceNumber: 'AUT-1\n' })).toEqual({ values: valid, issues: [] });
  });
});

describe('the causale made from the fields', () => {
  it('is cut between code points, never inside a surrogate pair', () => {
    const definitions = [{ name: 'note', label: { it: 'Nota', en: 'Note' }, type: 'text' as const, required: true }];
    for (let padding = 120; padding < 140; padding++) {
      const causale = unexpectedCreditDescription('Servizio', definitions, { note: `${'x'.repeat(padding)}${'𠮷'.repeat(20)}` });
      expect(causale.length).toBeLessThanOrEqual(140);
      expect(causale, `padding ${padding}`).not.toMatch(loneSurrogate);
    }
  });
});
