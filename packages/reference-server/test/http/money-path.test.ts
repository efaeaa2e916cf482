import { romeDate, creditListSchema, paymentSchema, receiptSchema, receiptVerificationSchema, agentBalanceSchema, agentReportSchema, type Credit, type Payment, type Receipt } from '@pay-box/contract';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freshKey, lookupNotice, pay } from '../support/demo-flow.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('the money path, from lookup to receipt', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('looks a credit up by notice number, QR code and debtor, with the debtor masked for a terminal', async () => {
    const [notice] = server.demo.sampleNoticeNumbers;
    const byNotice = await lookupNotice(server, notice!);
    expect(creditListSchema.parse({ data: [byNotice] })).toBeTruthy();
    expect(byNotice).toMatchObject({ noticeNumber: notice, status: 'open', currency: 'EUR', fee: 150, total: byNotice.amount + 150 });
    expect(byNotice.debtor.masked).toBe(true);
    expect(byNotice.debtor.name).toMatch(/^\w\*\*\*( \w\*\*\*)+$/);
    expect(byNotice.debtor.taxCode).toContain('*');

    const spaced = notice!.replace(/(\d{4})/g, '$1 ');
    expect((await lookupNotice(server, spaced)).id).toBe(byNotice.id);

    const qr = `PAGOPA|002|${notice}|${byNotice.comune.fiscalCode}|${byNotice.amount}`;
    const byQr = await server.api<{ data: Credit[] }>('/v1/credits/lookup', { body: { qr } });
    expect(byQr.status).toBe(200);
    expect(byQr.body.data[0]!.id).toBe(byNotice.id);

    const otherComuneQr = `PAGOPA|002|${notice}|83000390019|${byNotice.amount}`;
    expect((await server.api('/v1/credits/lookup', { body: { qr: otherComuneQr } })).body.error.code).toBe('credit_not_found');

    const byDebtor = await server.api<{ data: Credit[] }>('/v1/credits/lookup', { body: { debtorTaxCode: 'RSSMRA85T10H501O', serviceCode: 'TARI' } });
    expect(byDebtor.status).toBe(200);
    expect(byDebtor.body.data.length).toBe(2);
    expect(byDebtor.body.data.every((credit) => credit.service.code === 'TARI')).toBe(true);

    const publishable = await server.api<{ data: Credit[] }>('/v1/credits/lookup', { key: server.demo.publishableKey, body: { noticeNumber: notice } });
    expect(publishable.body.data[0]).toMatchObject({ fee: 100, debtor: { masked: true } });
  });

  it('tells a key holder nothing personal: no surname, no address, whatever key and whatever search', async () => {
    // The comune's own descriptions of Mario Rossi's credits name his street and his son.
    const answers = [];
    for (const key of [server.demo.publishableKey, server.demo.terminalKey]) {
      for (const serviceCode of ['TARI', 'MENSA', 'MULTA']) {
        answers.push((await server.api('/v1/credits/lookup', { key, body: { debtorTaxCode: 'RSSMRA85T10H501O', serviceCode } })).text);
      }
    }
    const [meal] = JSON.parse(answers[4]!).data;
    answers.push((await server.api('/v1/credits/lookup', { key: server.demo.publishableKey, body: { noticeNumber: meal.noticeNumber } })).text);
    const paid = await pay(server, meal);
    answers.push(paid.text, (await server.api(`/v1/receipts/${paid.body.receipt.id}`)).text, (await server.api(`/v1/receipts/${paid.body.receipt.id}?format=text80`)).text);
    for (const answer of answers) {
      expect(answer).not.toMatch(/via Roma|Rossi Luca|Mario|Rossi/);
    }
    expect(meal.description).toBe('Mensa scolastica novembre 2026');
  });

  it('an unknown but valid notice number is credit_not_found', async () => {
    const response = await server.api('/v1/credits/lookup', { body: { noticeNumber: '301000000000000144' } });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('credit_not_found');
  });

  it('pays a credit, closes it, debits the float, and prints the receipt with the bank reference in every format', async () => {
    const before = (await server.api('/v1/agent/balance')).body;
    const reportBefore = (await server.api(`/v1/agent/report?date=${romeDate(new Date())}`)).body;
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[1]!);

    const created = await pay(server, credit);
    expect(created.status).toBe(201);
    const payment = paymentSchema.parse(created.body);
    expect(payment).toMatchObject({ status: 'succeeded', channel: 'agent', creditId: credit.id, amount: credit.amount, fee: 150, total: credit.amount + 150 });
    expect(payment.floatDebited).toBe(credit.amount + 50);
    expect(payment.transfer.status).toBe('settled');
    expect(payment.transfer.bankReference).toMatch(/^\S{1,35}$/);
    expect(payment.receipt.number).toMatch(/^\d{4}-\d{6}$/);

    expect((await server.api<Payment>(`/v1/payments/${payment.id}`)).body).toEqual(payment);
    expect((await lookupNotice(server, credit.noticeNumber)).status).toBe('paid');

    const bankBook = server.bank.transfersFor(payment.id);
    expect(bankBook).toHaveLength(1);
    expect(bankBook[0]).toMatchObject({ amount: credit.amount, creditorIban: 'IT41S0100003245000000001234', bankReference: payment.transfer.bankReference });
    expect(bankBook[0]!.remittance).toMatch(new RegExp(`^/RFB/${credit.iuv}/${(credit.amount / 100).toFixed(2).replace('.', '\\.')}/TXT/`));

    const receipt = receiptSchema.parse((await server.api<Receipt>(`/v1/receipts/${payment.receipt.id}`)).body);
    expect(receipt).toMatchObject({ number: payment.receipt.number, noticeNumber: credit.noticeNumber, total: payment.total, transfer: { bankReference: payment.transfer.bankReference } });
    expect(receipt.collectedBy.statement).toMatch(/in qualità di agente di/);
    expect(receipt.verifyUrl).toBe(`${server.url}/verifica/${payment.receipt.verificationCode}`);

    for (const [format, width] of [['text58', 32], ['text80', 48]] as const) {
      const text = await server.api(`/v1/receipts/${payment.receipt.id}?format=${format}`);
      expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(text.text).toContain(payment.transfer.bankReference!);
      expect(text.text).toContain(credit.noticeNumber);
      expect(text.text).toContain(payment.receipt.verificationCode);
      expect(Math.max(...text.text.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(width);
    }
    const pdf = await fetch(`${server.url}/v1/receipts/${payment.receipt.id}?format=pdf`, { headers: { authorization: `Bearer ${server.demo.terminalKey}` } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThanOrEqual(1);

    const verified = await server.api(`/v1/receipts/verify/${payment.receipt.verificationCode.toLowerCase()}`, { key: null });
    expect(receiptVerificationSchema.parse(verified.body).receipt).toMatchObject({ number: receipt.number, total: receipt.total, bankReference: payment.transfer.bankReference });
    expect((await server.api('/v1/receipts/verify/AAAA-BBBB-CCCC', { key: null })).status).toBe(404);

    const after = agentBalanceSchema.parse((await server.api('/v1/agent/balance')).body);
    expect(after.balance).toBe(before.balance - payment.floatDebited);
    expect(after.today.payments).toBe(before.today.payments + 1);
    const report = agentReportSchema.parse((await server.api(`/v1/agent/report?date=${romeDate(new Date())}`)).body);
    expect(report.payments.count).toBe(reportBefore.payments.count + 1);
    expect(report.payments.amount).toBe(reportBefore.payments.amount + credit.amount);
    expect(report.payments.agentFees).toBe(reportBefore.payments.agentFees + 100);
    expect(report.closingBalance).toBe(after.balance);
    expect(report.byService.find((line) => line.serviceCode === credit.service.code)?.count).toBeGreaterThanOrEqual(1);
  });

  it('a shop never sees another shop’s payment, receipt or balance', async () => {
    const credit = await lookupNotice(server, server.demo.sampleNoticeNumbers[2]!);
    const payment = (await pay(server, credit)).body;
    const other = server.demo.otherTerminalKey;
    expect((await server.api(`/v1/payments/${payment.id}`, { key: other })).status).toBe(404);
    expect((await server.api(`/v1/receipts/${payment.receipt.id}`, { key: other })).status).toBe(404);
    const otherBalance = (await server.api('/v1/agent/balance', { key: other })).body;
    expect(otherBalance.agentId).toBe(server.demo.otherAgentId);
    expect(otherBalance.balance).toBe(500_000);
  });

  it('records an unexpected market fee: the credit is opened and closed at once, with its fields kept', async () => {
    const services = (await server.api('/v1/services')).body.data;
    const market = services.find((service: { code: string }) => service.code === 'MERCATO');
    expect(market).toMatchObject({ acceptsUnexpectedCredits: true, amountRule: { type: 'perUnit', unitField: 'squareMeters' } });
    expect(market.fields.map((field: { name: string }) => field.name)).toEqual(['market', 'date', 'stallNumber', 'squareMeters', 'sector', 'licenceNumber']);
    expect(services.find((service: { code: string }) => service.code === 'TARI').fields).toBeUndefined();

    const fields = { market: 'GIOVEDI-CENTRO', date: '2026-11-26', stallNumber: 'B12', squareMeters: 12.5, sector: 'ALIMENTARE', licenceNumber: 'AUT-2019-0042' };
    const body = { serviceCode: 'MERCATO', debtor: { taxCode: 'vrdlcu78l21f839t', name: 'Luca Verdi' }, fields, amount: 13 * 150 };
    const created = await server.api('/v1/unexpected-credits', { body, idempotencyKey: freshKey('market') });
    expect(created.status).toBe(201);
    expect(created.body.credit).toMatchObject({ unexpected: true, status: 'paid', amount: 1950, service: { code: 'MERCATO' }, fields });
    expect(created.body.credit.noticeNumber).toMatch(/^347\d{15}$/);
    expect(created.body.payment).toMatchObject({ creditId: created.body.credit.id, amount: 1950, transfer: { status: 'settled' } });
    expect(server.bank.transfersFor(created.body.payment.id)).toHaveLength(1);

    const wrongAmount = await server.api('/v1/unexpected-credits', { body: { ...body, amount: 12 * 150 }, idempotencyKey: freshKey('market') });
    expect(wrongAmount.status).toBe(422);
    expect(wrongAmount.body.error).toMatchObject({ code: 'amount_out_of_bounds', details: { expected: 1950 } });

    const badFields = await server.api('/v1/unexpected-credits', {
      body: { ...body, fields: { ...fields, sector: 'ARMI', squareMeters: 900, extra: 'x' } },
      idempotencyKey: freshKey('market'),
    });
    expect(badFields.status).toBe(400);
    expect(badFields.body.error.details.map((issue: { path: string }) => issue.path).sort()).toEqual(['fields.extra', 'fields.sector', 'fields.squareMeters']);

    const notAccepted = await server.api('/v1/unexpected-credits', { body: { ...body, serviceCode: 'TARI' }, idempotencyKey: freshKey('market') });
    expect(notAccepted.body.error.code).toBe('unexpected_credits_not_accepted');
  });
});
