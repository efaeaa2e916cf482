import { CONTROL_OR_BIDI_MESSAGE, LONE_SURROGATE_MESSAGE, MAX_AMOUNT_CENTS, type Credit } from '@pay-box/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationId } from '@pay-box/api';
import { freshKey } from '../support/demo-flow.js';
import { expectRefusedWithoutWrites, type ApiRequest, type ExpectedError } from '../support/expect-api-error.js';
import { marketStallRequest, unknownIds } from '../support/operation-samples.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// Malformed and hostile values in the body, path and query of every operation that takes input.
// Each is refused with a 4xx, the stable code and, for validation_failed, the path of the bad field,
// and nothing is written.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.dispose();
});

interface HostileCase extends ExpectedError {
  name: string;
  request: ApiRequest;
}

const invalid = (operation: OperationId, field: string, name: string, request: ApiRequest): HostileCase => ({
  name: `${name} -> ${field || 'body'}`,
  operation,
  code: 'validation_failed',
  field,
  request,
});

const MARKER = '@@literal@@';
/** The JSON of `body` with `key` set to a raw JSON literal, for values JSON.stringify cannot write (9007199254740993, 1e400). */
const withLiteral = (body: Record<string, unknown>, key: string, literal: string) => JSON.stringify({ ...body, [key]: MARKER }).replace(`"${MARKER}"`, literal);

const withoutKey = <T extends Record<string, unknown>>(body: T, key: keyof T) => Object.fromEntries(Object.entries(body).filter(([name]) => name !== key));

/** Amounts as raw JSON: wrong types, out of range, not whole cents. */
const badAmounts: Array<[string, string]> = [
  ['a string of digits', '"1500"'],
  ['null', 'null'],
  ['an array', '[1500]'],
  ['an object', '{"cents":1500}'],
  ['a boolean', 'true'],
  ['1e20', '1e20'],
  ['MAX_SAFE_INTEGER + 2', String(BigInt(Number.MAX_SAFE_INTEGER) + 2n)],
  ['one cent over the maximum', String(MAX_AMOUNT_CENTS + 1)],
  ['1e400 (Infinity once parsed)', '1e400'],
  ['negative', '-1500'],
  ['zero', '0'],
  ['negative zero', '-0'],
  ['fractional cents', '12.5'],
  ['"NaN"', '"NaN"'],
  ['"Infinity"', '"Infinity"'],
  ['euros with a comma', '"15,00"'],
];

/** Bodies that are valid JSON but not an object. */
const notAnObject: Array<[string, string]> = [
  ['null', 'null'],
  ['an array', '[]'],
  ['a string', '"pay"'],
  ['a number', '42'],
];

const badCreditIds: Array<[string, string]> = [
  ['a number', '12345678'],
  ['null', 'null'],
  ['an array', `["${unknownIds.credit}"]`],
  ['an object', `{"id":"${unknownIds.credit}"}`],
  ['an empty string', '""'],
  ['a payment id', `"${unknownIds.payment}"`],
  ['a path traversal', '"crd_../../../etc/passwd"'],
  ['an SQL fragment', `"crd_1' OR '1'='1"`],
  ['41 characters after the prefix', `"crd_${'A'.repeat(41)}"`],
];

/** Path segments, already URL-encoded, that are not ids of `prefix`. */
const badPathIds = (prefix: string, otherPrefix: string): Array<[string, string]> => [
  ['a number', '12345678'],
  ['an id with the wrong prefix', `${otherPrefix}_0000000000000000`],
  ['an encoded path traversal', '..%2F..%2F..%2Fetc%2Fpasswd'],
  ['the prefix then a traversal', `${prefix}_..%2F..%2Fsecrets`],
  ['a NUL byte', `${prefix}_%00AAAAAAAA`],
  ['a broken percent escape', `${prefix}_%E0%A4%A`],
  ['an SQL fragment', encodeURIComponent(`${prefix}_1' OR '1'='1`)],
  ['41 characters after the prefix', `${prefix}_${'A'.repeat(41)}`],
];

const badNoticeNumbers: Array<[string, unknown]> = [
  ['wrong check digits', '301000000000000145'],
  ['17 digits', '30100000000000014'],
  ['19 digits', '3010000000000001440'],
  ['letters', '30100000000000014A'],
  ['an empty string', ''],
  ['a number', 301000000000000144],
  ['null', null],
  ['an array', ['301000000000000144']],
  ['an object', { value: '301000000000000144' }],
];

const badQrPayloads: Array<[string, unknown]> = [
  ['a URL', 'https://evil.example/pay'],
  ['version 001', 'PAGOPA|001|301000000000000144|82000123453|1500'],
  ['four fields', 'PAGOPA|002|301000000000000144|82000123453'],
  ['a notice with wrong check digits', 'PAGOPA|002|301000000000000145|82000123453|1500'],
  ['a creditor fiscal code with a wrong check digit', 'PAGOPA|002|301000000000000144|82000123454|1500'],
  ['a decimal amount', 'PAGOPA|002|301000000000000144|82000123453|15.00'],
  ['201 characters', 'PAGOPA|002|'.padEnd(201, '9')],
  ['an empty string', ''],
  ['a number', 12345],
];

const badTaxCodes: Array<[string, unknown]> = [
  ['a codice fiscale with a wrong check letter', 'RSSMRA85T10H501X'],
  ['a partita IVA with a wrong check digit', '01234560786'],
  ['a truncated code', 'RSSMRA85'],
  ['a number', 1234560785],
  ['null', null],
  ['an SQL fragment', "' OR 1=1 --"],
];

const lookup = (body: unknown): ApiRequest => ({ path: '/v1/credits/lookup', body });
const lookupRaw = (rawBody: string): ApiRequest => ({ path: '/v1/credits/lookup', rawBody });
const byDebtor = { debtorTaxCode: 'RSSMRA85T10H501O', serviceCode: 'TARI' };

const lookupCases: HostileCase[] = [
  ...badNoticeNumbers.map(([name, value]) => invalid('lookupCredits', 'noticeNumber', `notice number: ${name}`, lookup({ noticeNumber: value }))),
  ...badQrPayloads.map(([name, value]) => invalid('lookupCredits', 'qr', `QR payload: ${name}`, lookup({ qr: value }))),
  ...badTaxCodes.map(([name, value]) => invalid('lookupCredits', 'debtorTaxCode', `tax code: ${name}`, lookup({ ...byDebtor, debtorTaxCode: value }))),
  invalid('lookupCredits', 'serviceCode', 'service code in lower case', lookup({ ...byDebtor, serviceCode: 'tari' })),
  invalid('lookupCredits', 'serviceCode', 'service code of 33 characters', lookup({ ...byDebtor, serviceCode: 'T'.repeat(33) })),
  invalid('lookupCredits', 'serviceCode', 'tax code without a service code', lookup({ debtorTaxCode: byDebtor.debtorTaxCode })),
  invalid('lookupCredits', 'debtorTaxCode', 'service code without a tax code', lookup({ serviceCode: 'TARI' })),
  invalid('lookupCredits', '', 'no search at all', lookup({})),
  invalid('lookupCredits', '', 'two searches at once', lookup({ noticeNumber: '301000000000000144', qr: 'PAGOPA|002|301000000000000144|82000123453|1500' })),
  invalid('lookupCredits', 'admin', 'an extra field', lookup({ noticeNumber: '301000000000000144', admin: true })),
  invalid('lookupCredits', '__proto__', 'a __proto__ key', lookupRaw('{"__proto__":{"admin":true},"noticeNumber":"301000000000000144"}')),
  ...notAnObject.map(([name, rawBody]) => invalid('lookupCredits', '', `a body that is ${name}`, lookupRaw(rawBody))),
  { name: 'a service the comune does not have', operation: 'lookupCredits', code: 'service_not_found', request: lookup({ ...byDebtor, serviceCode: 'NOPE' }) },
  { name: 'a well-formed notice nobody issued', operation: 'lookupCredits', code: 'credit_not_found', request: lookup({ noticeNumber: '301000000000000144' }) },
  {
    name: 'the QR code of another comune',
    operation: 'lookupCredits',
    code: 'credit_not_found',
    request: lookup({ qr: 'PAGOPA|002|301000000000000144|83000390019|1500' }),
  },
];

const paymentBody = { creditId: unknownIds.credit, amount: 1500 };
// A fresh Idempotency-Key per request, so that no case can be answered from another's stored key.
const payRaw = (rawBody: string): ApiRequest => ({ path: '/v1/payments', rawBody, idempotencyKey: freshKey('hostile-payment') });

const paymentCases: HostileCase[] = [
  ...badAmounts.map(([name, literal]) => invalid('createPayment', 'amount', `amount: ${name}`, payRaw(withLiteral(paymentBody, 'amount', literal)))),
  ...badCreditIds.map(([name, literal]) => invalid('createPayment', 'creditId', `credit id: ${name}`, payRaw(withLiteral(paymentBody, 'creditId', literal)))),
  invalid('createPayment', 'amount', 'no amount', payRaw(JSON.stringify(withoutKey(paymentBody, 'amount')))),
  invalid('createPayment', 'creditId', 'no credit id', payRaw(JSON.stringify(withoutKey(paymentBody, 'creditId')))),
  invalid('createPayment', 'fee', 'an extra fee field', payRaw(JSON.stringify({ ...paymentBody, fee: 0 }))),
  ...notAnObject.map(([name, rawBody]) => invalid('createPayment', '', `a body that is ${name}`, payRaw(rawBody))),
  { name: 'a well-formed credit id that names nothing', operation: 'createPayment', code: 'credit_not_found', request: payRaw(JSON.stringify(paymentBody)) },
];

const unexpected = (body: unknown): ApiRequest => ({ path: '/v1/unexpected-credits', body, idempotencyKey: freshKey('hostile-unexpected') });
const unexpectedRaw = (rawBody: string): ApiRequest => ({ path: '/v1/unexpected-credits', rawBody, idempotencyKey: freshKey('hostile-unexpected') });
const withDebtor = (debtor: unknown) => unexpected({ ...marketStallRequest, debtor });
const withFields = (fields: unknown) => unexpected({ ...marketStallRequest, fields });
const withField = (name: string, value: unknown) => withFields({ ...marketStallRequest.fields, [name]: value });

const badFieldValues: Array<[string, string, unknown]> = [
  ['squareMeters', 'a nested object', { value: 10 }],
  ['squareMeters', 'letters', 'abc'],
  ['squareMeters', '"NaN"', 'NaN'],
  ['squareMeters', '"Infinity"', 'Infinity'],
  ['squareMeters', 'zero', 0],
  ['squareMeters', 'over the maximum', 201],
  ['squareMeters', 'negative', -5],
  ['sector', 'a boolean', true],
  ['market', 'an option the service does not offer', 'NOPE'],
  ['date', 'month 13, day 45', '2026-13-45'],
  ['date', '30 February', '2026-02-30'],
  ['date', 'an Italian date', '26/11/2026'],
  ['stallNumber', 'a path traversal', '../../etc'],
  ['licenceNumber', 'over its 30 characters', 'L'.repeat(31)],
  ['licenceNumber', 'over 500 characters', 'L'.repeat(501)],
  ['discount', 'a field the service does not define', 50],
  ['k'.repeat(41), 'a field name of 41 characters', 1],
];

const unexpectedCases: HostileCase[] = [
  ...badAmounts.map(([name, literal]) => invalid('createUnexpectedCredit', 'amount', `amount: ${name}`, unexpectedRaw(withLiteral(marketStallRequest, 'amount', literal)))),
  invalid('createUnexpectedCredit', 'serviceCode', 'service code in lower case', unexpected({ ...marketStallRequest, serviceCode: 'mercato' })),
  invalid('createUnexpectedCredit', 'serviceCode', 'service code as a number', unexpected({ ...marketStallRequest, serviceCode: 42 })),
  invalid('createUnexpectedCredit', 'serviceCode', 'no service code', unexpected(withoutKey(marketStallRequest, 'serviceCode'))),
  invalid('createUnexpectedCredit', 'debtor', 'no debtor', unexpected(withoutKey(marketStallRequest, 'debtor'))),
  invalid('createUnexpectedCredit', 'debtor', 'debtor null', withDebtor(null)),
  invalid('createUnexpectedCredit', 'debtor', 'debtor as a string', withDebtor('Mario Rossi')),
  invalid('createUnexpectedCredit', 'debtor', 'debtor as an array', withDebtor([marketStallRequest.debtor])),
  invalid('createUnexpectedCredit', 'debtor.nickname', 'an extra debtor field', withDebtor({ ...marketStallRequest.debtor, nickname: 'Super Mario' })),
  invalid('createUnexpectedCredit', 'debtor.name', 'an empty debtor name', withDebtor({ ...marketStallRequest.debtor, name: '' })),
  invalid('createUnexpectedCredit', 'debtor.name', 'a debtor name of blanks', withDebtor({ ...marketStallRequest.debtor, name: '     ' })),
  invalid('createUnexpectedCredit', 'debtor.name', 'a debtor name of 121 characters', withDebtor({ ...marketStallRequest.debtor, name: 'M'.repeat(121) })),
  invalid('createUnexpectedCredit', 'debtor.name', 'a debtor name as a number', withDebtor({ ...marketStallRequest.debtor, name: 42 })),
  ...badTaxCodes.map(([name, value]) =>
    invalid('createUnexpectedCredit', 'debtor.taxCode', `tax code: ${name}`, withDebtor({ ...marketStallRequest.debtor, taxCode: value })),
  ),
  invalid('createUnexpectedCredit', 'fields', 'no fields', unexpected(withoutKey(marketStallRequest, 'fields'))),
  invalid('createUnexpectedCredit', 'fields', 'fields null', withFields(null)),
  invalid('createUnexpectedCredit', 'fields', 'fields as an array', withFields([marketStallRequest.fields])),
  invalid('createUnexpectedCredit', 'fields', 'fields as a string', withFields('squareMeters=10')),
  invalid('createUnexpectedCredit', 'fields.sector', 'a required field left out', withFields(withoutKey(marketStallRequest.fields, 'sector'))),
  ...badFieldValues.map(([field, name, value]) => invalid('createUnexpectedCredit', `fields.${field}`, `${field}: ${name}`, withField(field, value))),
  invalid('createUnexpectedCredit', 'description', 'a description of 141 characters', unexpected({ ...marketStallRequest, description: 'D'.repeat(141) })),
  invalid('createUnexpectedCredit', 'description', 'a description as a number', unexpected({ ...marketStallRequest, description: 42 })),
  invalid('createUnexpectedCredit', 'paid', 'an extra field', unexpected({ ...marketStallRequest, paid: true })),
  ...notAnObject.map(([name, rawBody]) => invalid('createUnexpectedCredit', '', `a body that is ${name}`, unexpectedRaw(rawBody))),
  { name: 'a service the comune does not have', operation: 'createUnexpectedCredit', code: 'service_not_found', request: unexpected({ ...marketStallRequest, serviceCode: 'NOPE' }) },
  {
    name: 'a service that takes no unexpected credits',
    operation: 'createUnexpectedCredit',
    code: 'unexpected_credits_not_accepted',
    request: unexpected({ ...marketStallRequest, serviceCode: 'TARI' }),
  },
  { name: 'an amount off the tariff by one cent', operation: 'createUnexpectedCredit', code: 'amount_out_of_bounds', request: unexpected({ ...marketStallRequest, amount: 1499 }) },
];

const paymentReadCases: HostileCase[] = [
  ...badPathIds('pay', 'crd').map(([name, id]) => invalid('getPayment', 'params.id', name, { path: `/v1/payments/${id}` })),
  { name: 'a well-formed id that names nothing', operation: 'getPayment', code: 'payment_not_found', request: { path: `/v1/payments/${unknownIds.payment}` } },
];

const receiptCases: HostileCase[] = [
  ...badPathIds('rcp', 'pay').map(([name, id]) => invalid('getReceipt', 'params.id', name, { path: `/v1/receipts/${id}` })),
  ...['xml', 'PDF', '', '..%2F..%2Fetc%2Fpasswd', 'text58%00'].map((format) =>
    invalid('getReceipt', 'query.format', `format "${decodeURIComponent(format)}"`, { path: `/v1/receipts/${unknownIds.receipt}?format=${format}` }),
  ),
  { name: 'a well-formed id that names nothing', operation: 'getReceipt', code: 'receipt_not_found', request: { path: `/v1/receipts/${unknownIds.receipt}` } },
  {
    name: 'a well-formed id that names nothing, as PDF',
    operation: 'getReceipt',
    code: 'receipt_not_found',
    request: { path: `/v1/receipts/${unknownIds.receipt}?format=pdf` },
  },
];

const verifyCases: HostileCase[] = [
  invalid('verifyReceipt', 'params.code', 'a code of 3 characters', { path: '/v1/receipts/verify/ABC', key: null }),
  invalid('verifyReceipt', 'params.code', 'a code of 41 characters', { path: `/v1/receipts/verify/${'A'.repeat(41)}`, key: null }),
  ...['ZZZZ-ZZZZ-ZZZZ', encodeURIComponent("' OR '1'='1"), '..%2F..%2Fetc%2Fpasswd', '%E0%A4%A%E0%A4%A'].map(
    (code): HostileCase => ({
      name: `a code nobody issued: ${code}`,
      operation: 'verifyReceipt',
      code: 'receipt_not_found',
      request: { path: `/v1/receipts/verify/${code}`, key: null },
    }),
  ),
];

const reportCases: HostileCase[] = [
  invalid('getAgentReport', 'query.date', 'no date', { path: '/v1/agent/report' }),
  ...['2026-13-45', '', '2026-02-30', '26/11/2026', 'today', '2026-1-5', '%', '2026-11-26T00:00:00Z', '-2026-11-26'].map((date) =>
    invalid('getAgentReport', 'query.date', `date "${date}"`, { path: `/v1/agent/report?date=${encodeURIComponent(date)}` }),
  ),
];

describe.each([
  ['POST /v1/credits/lookup', lookupCases],
  ['POST /v1/payments', paymentCases],
  ['POST /v1/unexpected-credits', unexpectedCases],
  ['GET /v1/payments/{id}', paymentReadCases],
  ['GET /v1/receipts/{id}', receiptCases],
  ['GET /v1/receipts/verify/{code}', verifyCases],
  ['GET /v1/agent/report', reportCases],
])('%s refuses hostile input', (_route, cases) => {
  it.each(cases)('$name', async ({ request, ...expected }) => {
    await expectRefusedWithoutWrites(server, request, expected);
  });
});

/** Characters that must never reach a receipt or the comune's books, put inside otherwise good text. */
const controlAndBidi: Array<[string, string]> = [
  ['a NUL', '\u0000'],
  ['a newline', '\n'],
  ['a tab', '\t'],
  ['ESC', '\u001b'],
  ['a C1 control (NEL)', '\u0085'],
  ['a right-to-left override', '\u202e'],
  ['a right-to-left isolate', '\u2067'],
  ['a right-to-left mark', '\u200f'],
];

/** Each text of an unexpected credit that ends up on the receipt or in the books, with `inside` in the middle. */
const textsOfAnUnexpectedCredit: Array<[string, (inside: string) => ApiRequest]> = [
  ['debtor.name', (inside) => withDebtor({ ...marketStallRequest.debtor, name: `Mario${inside}Rossi` })],
  ['description', (inside) => unexpected({ ...marketStallRequest, description: `Posteggio A12${inside} giovedì` })],
  ['fields.licenceNumber', (inside) => withField('licenceNumber', `LIC-2026${inside}-001`)],
  ['fields.stallNumber', (inside) => withField('stallNumber', `A${inside}12`)],
];

describe('POST /v1/unexpected-credits refuses control and bidirectional formatting characters', () => {
  it.each(textsOfAnUnexpectedCredit.flatMap(([field, request]) => controlAndBidi.map(([name, character]) => ({ field, name, request: request(character) }))))(
    '$field with $name',
    async ({ field, request }) => {
      const response = await expectRefusedWithoutWrites(server, request, { operation: 'createUnexpectedCredit', code: 'validation_failed', field });
      expect(response.body.error.details).toEqual([{ path: field, message: CONTROL_OR_BIDI_MESSAGE }]);
    },
  );

  it.each(textsOfAnUnexpectedCredit)('%s with half of a surrogate pair', async (field, request) => {
    const response = await expectRefusedWithoutWrites(server, request('\ud842'), { operation: 'createUnexpectedCredit', code: 'validation_failed', field });
    expect(response.body.error.details).toEqual([{ path: field, message: LONE_SURROGATE_MESSAGE }]);
  });
});

/** A UTF-16 unit of a surrogate pair without its other half: invalid Unicode that strict JSON parsers (jq) reject. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every key and string of a JSON answer, as a client's parser sees them. */
function jsonStrings(text: string): string[] {
  const strings: string[] = [];
  JSON.parse(text, (key: string, value: unknown) => {
    strings.push(key);
    if (typeof value === 'string') strings.push(value);
    return value;
  });
  return strings;
}

describe('names in any script', () => {
  it.each([
    ['a letter outside the BMP', '𠮷田 Hanako', '𠮷*** H***'],
    ['an accent written as a combining mark', 'E\u0301milie Dupont', 'E\u0301*** D***'],
  ])('%s: the masked debtor is whole characters, in valid JSON', async (_name, debtorName, masked) => {
    const created = await server.api<{ credit: Credit }>('/v1/unexpected-credits', {
      body: { ...marketStallRequest, debtor: { ...marketStallRequest.debtor, name: debtorName } },
      idempotencyKey: freshKey('unicode-name'),
    });
    expect(created.status, created.text).toBe(201);
    const lookedUp = await server.api<{ data: Credit[] }>('/v1/credits/lookup', { body: { noticeNumber: created.body.credit.noticeNumber } });
    expect(lookedUp.status, lookedUp.text).toBe(200);

    for (const [answer, debtor] of [
      [created, created.body.credit.debtor],
      [lookedUp, lookedUp.body.data[0]!.debtor],
    ] as const) {
      expect(debtor).toMatchObject({ name: masked, masked: true });
      expect(answer.text, 'no escaped half of a surrogate pair').not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
      expect(jsonStrings(answer.text).filter((text) => loneSurrogate.test(text))).toEqual([]);
      expect(JSON.parse(JSON.stringify(answer.body))).toEqual(answer.body);
    }
  });
});
