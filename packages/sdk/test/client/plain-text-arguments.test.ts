import { describe, expect, it } from 'vitest';
import { CONTROL_OR_BIDI_MESSAGE, unexpectedCreditCreateRequestSchema } from '@pay-box/contract';
import { createPayBox, PayBoxValidationError, type UnexpectedCreditInput } from '@pay-box/sdk';
import { scriptedFetch } from './scripted-fetch.js';

// The client refuses what the server would refuse in a name, a causale or a field value, with the
// server's message, before any request: a control or bidi character never costs a round trip.

const input: UnexpectedCreditInput = {
  serviceCode: 'MERCATO',
  debtor: { taxCode: 'RSSMRA85T10H501O', name: 'Mario Rossi' },
  fields: { market: 'GIOVEDI-CENTRO', date: '2026-11-26', stallNumber: 'A12', squareMeters: 10, sector: 'ALIMENTARE', licenceNumber: 'LIC-2026-001' },
  amount: 1500,
};

const cases: Array<[string, UnexpectedCreditInput, string, string]> = [
  ['a NUL in the debtor name', { ...input, debtor: { ...input.debtor, name: 'Mario\u0000Rossi' } }, 'debtor.name', CONTROL_OR_BIDI_MESSAGE],
  ['a right-to-left override in the debtor name', { ...input, debtor: { ...input.debtor, name: 'Mario \u202eissoR' } }, 'debtor.name', CONTROL_OR_BIDI_MESSAGE],
  ['a newline inside the description', { ...input, description: 'Posteggio\nA12' }, 'description', CONTROL_OR_BIDI_MESSAGE],
  ['a right-to-left mark in a field', { ...input, fields: { ...input.fields, licenceNumber: 'LIC\u200f-1' } }, 'fields', `licenceNumber ${CONTROL_OR_BIDI_MESSAGE}`],
];

describe('control and bidi characters are refused before any request', () => {
  it.each(cases)('%s', async (_name, call, path, message) => {
    const script = scriptedFetch();
    const payBox = createPayBox({ baseUrl: 'https://paybox.example.it', apiKey: 'sk_test', fetch: script.fetch });
    const error = await payBox.unexpectedCredits.create(call).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PayBoxValidationError);
    expect((error as PayBoxValidationError).details).toEqual([{ path, message }]);
    expect(script.sent).toHaveLength(0);
    // The server's schema refuses the same input.
    expect(unexpectedCreditCreateRequestSchema.safeParse(call).success).toBe(false);
  });

  it('sends what the server takes: a name outside the BMP, a line break around a value', async () => {
    const script = scriptedFetch(new Response('{}', { status: 201, headers: { 'content-type': 'application/json' } }));
    const payBox = createPayBox({ baseUrl: 'https://paybox.example.it', apiKey: 'sk_test', fetch: script.fetch });
    const call = { ...input, debtor: { ...input.debtor, name: '𠮷田 Hanako\n' }, description: 'Posteggio A12\r\n' };
    expect(unexpectedCreditCreateRequestSchema.safeParse(call).success).toBe(true);
    await payBox.unexpectedCredits.create(call);
    expect(script.sent).toHaveLength(1);
  });
});
