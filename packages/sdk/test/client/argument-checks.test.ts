import { describe, expect, it } from 'vitest';
import { createPayBox, PayBoxValidationError, type PayBox } from '@pay-box/sdk';
import { scriptedFetch } from './scripted-fetch.js';

/** Every call below must fail before any request: the script has no replies, so a request would fail differently. */
function silentClient(locale: 'en' | 'it' = 'en') {
  const script = scriptedFetch();
  const payBox = createPayBox({ baseUrl: 'https://paybox.example.it', apiKey: 'sk_test', fetch: script.fetch, locale });
  return { payBox, sent: script.sent };
}

type Call = (payBox: PayBox) => Promise<unknown>;
// Arguments a JavaScript caller (or a careless cast) could pass.
const loose = <T>(value: unknown) => value as T;

const invalidCalls: Array<[string, Call, string[]]> = [
  ['a notice number with wrong check digits', (p) => p.credits.lookup({ noticeNumber: '301000000000000145' }), ['noticeNumber']],
  ['a notice number of 17 digits', (p) => p.credits.lookup({ noticeNumber: '30100000000000014' }), ['noticeNumber']],
  ['two lookup forms at once', (p) => p.credits.lookup(loose({ noticeNumber: '301000000000000144', qr: 'PAGOPA|002|x' })), ['']],
  ['no lookup form', (p) => p.credits.lookup(loose({})), ['']],
  ['a tax code without its service', (p) => p.credits.lookup(loose({ debtorTaxCode: 'RSSMRA85T10H501O' })), ['serviceCode']],
  ['a malformed tax code', (p) => p.credits.lookup({ debtorTaxCode: 'RSSMRA85', serviceCode: 'TARI' }), ['debtorTaxCode']],
  ['an amount in euro instead of cents', (p) => p.payments.create({ creditId: 'crd_0000000000000001', amount: 143.5 }), ['amount']],
  ['a zero amount and a wrong credit id', (p) => p.payments.create({ creditId: 'pay_0000000000000001', amount: 0 }), ['creditId', 'amount']],
  [
    'an Idempotency-Key with spaces',
    (p) => p.payments.create({ creditId: 'crd_0000000000000001', amount: 100 }, { idempotencyKey: 'sale 42' }),
    ['idempotencyKey'],
  ],
  [
    'an Idempotency-Key of 256 characters',
    (p) => p.payments.create({ creditId: 'crd_0000000000000001', amount: 100 }, { idempotencyKey: 'k'.repeat(256) }),
    ['idempotencyKey'],
  ],
  ['a receipt id where a payment id is due', (p) => p.payments.get('rcp_0000000000000001'), ['id']],
  ['an unknown receipt format', (p) => p.receipts.render('rcp_0000000000000001', loose({ format: 'html' })), ['format']],
  ['a verification code too short', (p) => p.receipts.verify('K7Q'), ['code']],
  ['a date in Italian format', (p) => p.agent.report({ date: '26/11/2026' }), ['date']],
  [
    'an unexpected credit with no debtor name and a field value too long',
    (p) =>
      p.unexpectedCredits.create({
        serviceCode: 'MERCATO',
        debtor: { taxCode: 'RSSMRA85T10H501O', name: ' ' },
        fields: { licenceNumber: 'x'.repeat(501) },
        amount: 1_200,
      }),
    ['debtor.name', 'fields'],
  ],
  [
    'an unexpected credit with a lower-case service code',
    (p) => p.unexpectedCredits.create({ serviceCode: 'mercato', debtor: { taxCode: '01234560785', name: 'Forno' }, fields: {}, amount: 1 }),
    ['serviceCode'],
  ],
];

describe('arguments are checked before any request', () => {
  it.each(invalidCalls)('rejects %s with validation_failed naming the field', async (_case, call, paths) => {
    const { payBox, sent } = silentClient();
    const error = await call(payBox).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PayBoxValidationError);
    expect(error).toMatchObject({ code: 'validation_failed', status: null, requestId: null });
    expect((error as PayBoxValidationError).details?.map((issue) => issue.path)).toEqual(paths);
    expect(sent).toHaveLength(0);
  });

  it('says in the message what is wrong, in the client’s language', async () => {
    const english = await silentClient().payBox.payments.get('x').catch((caught: unknown) => caught);
    expect((english as Error).message).toBe('Invalid argument, nothing was sent. id: must be an id starting with pay_');
    const italian = await silentClient('it').payBox.payments.get('x').catch((caught: unknown) => caught);
    expect((italian as Error).message).toMatch(/^Argomento non valido, nulla è stato inviato\. id:/);
  });

  it('accepts a notice number typed with spaces and sends its 18 digits', async () => {
    const script = scriptedFetch(new Response('{"data":[]}', { headers: { 'content-type': 'application/json' } }));
    const payBox = createPayBox({ baseUrl: 'https://paybox.example.it', apiKey: 'sk_test', fetch: script.fetch });
    await payBox.credits.lookup({ noticeNumber: '3010 0000 0000 0001 44' });
    expect(JSON.parse(script.sent[0]!.body!)).toEqual({ noticeNumber: '301000000000000144' });
  });
});

describe('createPayBox', () => {
  it.each([
    ['a baseUrl without a scheme', { baseUrl: 'localhost:8787' }, 'baseUrl'],
    ['an empty apiKey', { apiKey: '' }, 'apiKey'],
    ['a negative maxRetries', { maxRetries: -1 }, 'maxRetries'],
    ['a zero timeout', { timeoutMs: 0 }, 'timeoutMs'],
  ])('refuses %s at once, naming the option', (_case, override, path) => {
    const create = () => createPayBox({ baseUrl: 'https://paybox.example.it', apiKey: 'sk_test', ...override });
    expect(create).toThrow(PayBoxValidationError);
    expect(create).toThrow(`${path}:`);
  });
});
