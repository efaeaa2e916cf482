/**
 * The scenario that the in-memory fake (test/mock) and the real reference server
 * (test/client/reference-server-scenario.test.ts) must both pass, step by step, through the SDK.
 * Steps run in order and share state: the payment made early is read, printed and verified later.
 */
import { expect, it } from 'vitest';
import { createPayBox, isPayBoxError, parseNoticeNumber, type AnyPayBoxError, type Credit, type PayBox, type Payment, type Service } from '@pay-box/sdk';
import { makeNoticeNumber } from '@pay-box/contract';
import type { DemoCredentials } from '@pay-box/sdk/mock';
import { validateResponse } from '../src/validation/index.js';

export interface ScenarioTarget {
  credentials: DemoCredentials;
  /** Base URL of the target and the fetch that reaches it (the fake's, or the global one). */
  baseUrl: string;
  fetch: typeof fetch;
}

type FetchWrapper = (fetch: typeof globalThis.fetch) => typeof globalThis.fetch;

/** Every call the scenario's clients make, to prove what was (or was not) sent. */
interface SentRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  status: number | 'no answer';
}

/** Today in Rome, where the shop's day is counted. */
const romeToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

async function failure(promise: Promise<unknown>): Promise<AnyPayBoxError> {
  try {
    await promise;
  } catch (error) {
    if (isPayBoxError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

export function definePayBoxScenario(getTarget: () => ScenarioTarget): void {
  const sent: SentRequest[] = [];
  const clients = new Map<string, PayBox>();

  /** A client of the target that records what it sends; `wrap` lets a step interfere with the transport. */
  function client(apiKey: string, wrap: FetchWrapper = (fetch) => fetch): PayBox {
    const target = getTarget();
    const recording: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      const headers = new Headers(init?.headers);
      const entry: SentRequest = { method: init?.method ?? 'GET', path: url.pathname, idempotencyKey: headers.get('idempotency-key'), status: 'no answer' };
      sent.push(entry);
      const response = await wrap(target.fetch)(input, init);
      entry.status = response.status;
      return response;
    };
    return createPayBox({ baseUrl: target.baseUrl, apiKey, fetch: recording, retryBaseDelayMs: 20, responseValidator: validateResponse });
  }
  const keyed = (apiKey: () => string) => () => {
    const key = apiKey();
    if (!clients.has(key)) clients.set(key, client(key));
    return clients.get(key)!;
  };
  const terminal = keyed(() => getTarget().credentials.terminalKey);
  const otherShop = keyed(() => getTarget().credentials.otherTerminalKey);
  const website = keyed(() => getTarget().credentials.publishableKey);

  const state: {
    market?: Service;
    credit?: Credit;
    nextCredit?: Credit;
    payment?: Payment;
    paymentKey?: string;
    marketPayment?: Payment;
    startBalance?: number;
  } = {};
  const sentSince = (from: number) => sent.slice(from);

  it('lists the services: MERCATO takes unexpected credits, with its fields and amount rule', async () => {
    const { data } = await terminal().services.list();
    expect(data.map((service) => service.code)).toEqual(expect.arrayContaining(['TARI', 'MENSA', 'MULTA', 'MERCATO']));
    const market = data.find((service) => service.code === 'MERCATO')!;
    expect(market.acceptsUnexpectedCredits).toBe(true);
    expect(market.fields?.map((field) => field.name)).toEqual(
      expect.arrayContaining(['market', 'date', 'stallNumber', 'squareMeters', 'sector', 'licenceNumber']),
    );
    expect(market.amountRule).toMatchObject({ type: 'perUnit', unitField: 'squareMeters' });
    expect(data.find((service) => service.code === 'TARI')?.acceptsUnexpectedCredits).toBe(false);
    state.market = market;
    state.startBalance = (await terminal().agent.balance()).balance;
  });

  it('looks a credit up by notice number, with the debtor masked for a terminal key', async () => {
    const [first, second] = getTarget().credentials.sampleNoticeNumbers;
    const { data } = await terminal().credits.lookup({ noticeNumber: first! });
    expect(data).toHaveLength(1);
    const [credit] = data as [Credit];
    expect(credit).toMatchObject({ noticeNumber: first, status: 'open', currency: 'EUR', total: credit.amount + credit.fee });
    expect(credit.debtor.masked).toBe(true);
    expect(credit.debtor.taxCode).toContain('*');
    state.credit = credit;
    // Spaces between groups, as printed on the notice, are fine.
    const spaced = second!.replace(/(\d{4})(?=\d)/g, '$1 ');
    state.nextCredit = (await terminal().credits.lookup({ noticeNumber: spaced })).data[0];
    expect(state.nextCredit?.noticeNumber).toBe(second);
  });

  it('looks the same credit up by the QR code printed on the notice', async () => {
    const credit = state.credit!;
    const qr = `PAGOPA|002|${credit.noticeNumber}|${credit.comune.fiscalCode}|${credit.amount}`;
    const { data } = await terminal().credits.lookup({ qr });
    expect(data.map((found) => found.id)).toEqual([credit.id]);
  });

  it('rejects a mistyped notice number before sending anything, naming the field', async () => {
    const before = sent.length;
    const mistyped = state.credit!.noticeNumber.slice(0, 16) + (state.credit!.noticeNumber.endsWith('00') ? '01' : '00');
    const error = await failure(terminal().credits.lookup({ noticeNumber: mistyped }));
    expect(error).toMatchObject({ code: 'validation_failed', status: null, requestId: null });
    expect(error.details).toEqual([{ path: 'noticeNumber', message: expect.stringContaining('check digits') }]);
    expect(sentSince(before)).toEqual([]);
  });

  it('answers credit_not_found for a well-formed notice number that matches nothing', async () => {
    const unknown = makeNoticeNumber(state.credit!.noticeNumber.slice(1, 3), '9999999999999');
    const error = await failure(terminal().credits.lookup({ noticeNumber: unknown }));
    expect(error).toMatchObject({ name: 'PayBoxApiError', code: 'credit_not_found', status: 404, requestId: expect.any(String) });
    expect(error.messages.it).not.toBe('');
  });

  it("a web site's publishable key sees the credit masked, with the web fee, and may not pay", async () => {
    const { data } = await website().credits.lookup({ noticeNumber: state.credit!.noticeNumber });
    expect(data[0]?.debtor.masked).toBe(true);
    expect(data[0]?.total).toBe(data[0]!.amount + data[0]!.fee);
    const error = await failure(website().payments.create({ creditId: state.credit!.id, amount: state.credit!.amount }));
    expect(error).toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('refuses an unknown key as unauthorized', async () => {
    const error = await failure(client('sk_thisKeyDoesNotExist0000000000000').services.list());
    expect(error).toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it('refuses an amount that differs from the credit, saying what is expected', async () => {
    const { id, amount } = state.credit!;
    const error = await failure(terminal().payments.create({ creditId: id, amount: amount + 1 }));
    expect(error).toMatchObject({ code: 'amount_mismatch', status: 422, details: { expected: amount, received: amount + 1 } });
  });

  it('pays once when the first response is lost after the server committed: the retry returns the same payment', async () => {
    const { id, amount } = state.credit!;
    let dropped = false;
    // The request reaches the server and the payment is made; then the connection drops before the answer arrives.
    const dropFirstPaymentAnswer: FetchWrapper = (fetch) => async (input, init) => {
      const response = await fetch(input, init);
      if (!dropped && init?.method === 'POST' && String(input).endsWith('/v1/payments')) {
        dropped = true;
        await response.arrayBuffer();
        throw new TypeError('fetch failed: connection reset by peer');
      }
      return response;
    };
    const before = sent.length;
    const payment = await client(getTarget().credentials.terminalKey, dropFirstPaymentAnswer).payments.create({ creditId: id, amount });

    const attempts = sentSince(before).filter((request) => request.path === '/v1/payments');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]!.idempotencyKey).toBeTruthy();
    expect(attempts[1]!.idempotencyKey).toBe(attempts[0]!.idempotencyKey);
    expect(payment).toMatchObject({ status: 'succeeded', channel: 'agent', creditId: id, amount, agentId: getTarget().credentials.agentId });
    expect(payment.total).toBe(payment.amount + payment.fee);
    // Exactly one payment: the float went down once.
    expect((await terminal().agent.balance()).balance).toBe(state.startBalance! - payment.floatDebited);
    state.payment = payment;
    state.paymentKey = attempts[0]!.idempotencyKey!;
  });

  it('replays the same Idempotency-Key: the same payment again, nothing charged', async () => {
    const { id, amount } = state.credit!;
    const replay = await terminal().payments.create({ creditId: id, amount }, { idempotencyKey: state.paymentKey! });
    expect(replay.id).toBe(state.payment!.id);
    expect((await terminal().agent.balance()).balance).toBe(state.startBalance! - state.payment!.floatDebited);
  });

  it('refuses the same Idempotency-Key with another body', async () => {
    const other = state.nextCredit!;
    const error = await failure(terminal().payments.create({ creditId: other.id, amount: other.amount }, { idempotencyKey: state.paymentKey! }));
    expect(error).toMatchObject({ code: 'idempotency_key_reused', status: 422 });
  });

  it('refuses to collect a paid credit again, without retrying', async () => {
    const before = sent.length;
    const error = await failure(terminal().payments.create({ creditId: state.credit!.id, amount: state.credit!.amount }));
    expect(error).toMatchObject({ code: 'credit_already_paid', status: 409 });
    expect(error.idempotencyKey).toEqual(expect.any(String));
    expect(sentSince(before)).toHaveLength(1);
    const { data } = await terminal().credits.lookup({ noticeNumber: state.credit!.noticeNumber });
    expect(data[0]).toMatchObject({ status: 'paid', paidAt: expect.any(String) });
  });

  it('a double-submitted payment (same key, at once) waits for the first and returns the same payment', async () => {
    const credit = state.nextCredit!;
    const balanceBefore = (await terminal().agent.balance()).balance;
    const before = sent.length;
    const input = { creditId: credit.id, amount: credit.amount };
    const options = { idempotencyKey: `double-tap-${credit.id}` };
    const [first, second] = await Promise.all([terminal().payments.create(input, options), terminal().payments.create(input, options)]);
    expect(second.id).toBe(first.id);
    expect(sentSince(before).map((request) => request.status)).toContain(409);
    expect((await terminal().agent.balance()).balance).toBe(balanceBefore - first.floatDebited);
  });

  it('reads the payment, with the bank reference (CRO/TRN) once the bank answers', async () => {
    let payment = await terminal().payments.get(state.payment!.id);
    for (let waited = 0; payment.transfer.status === 'pending' && waited < 15_000; waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      payment = await terminal().payments.get(state.payment!.id);
    }
    expect(payment.transfer).toMatchObject({ status: 'settled', bankReference: expect.stringMatching(/^\S{1,35}$/), settledAt: expect.any(String) });
    expect(payment.receipt).toEqual(state.payment!.receipt);
    state.payment = payment;
  });

  it("another shop's terminal cannot read the payment or its receipt", async () => {
    expect(await failure(otherShop().payments.get(state.payment!.id))).toMatchObject({ code: 'payment_not_found', status: 404 });
    expect(await failure(otherShop().receipts.get(state.payment!.receipt.id))).toMatchObject({ code: 'receipt_not_found', status: 404 });
  });

  it('prints the receipt on 58 mm and 80 mm paper and as PDF, with its CRO/TRN and verification code', async () => {
    const { receipt: ref, transfer } = state.payment!;
    const receipt = await terminal().receipts.get(ref.id);
    expect(receipt).toMatchObject({ id: ref.id, number: ref.number, verificationCode: ref.verificationCode, paymentId: state.payment!.id });
    expect(receipt.transfer).toEqual({ status: 'settled', bankReference: transfer.bankReference });
    expect(receipt.total).toBe(state.payment!.total);

    for (const [format, columns] of [['text58', 32], ['text80', 48]] as const) {
      const text = await terminal().receipts.render(ref.id, { format });
      const widest = Math.max(...text.split('\n').map((line) => Array.from(line).length));
      expect(widest).toBeLessThanOrEqual(columns);
      expect(text).toContain('CRO/TRN');
      expect(text).toContain(transfer.bankReference!);
      expect(text).toContain(ref.verificationCode);
    }
    const pdf = await terminal().receipts.render(ref.id, { format: 'pdf' });
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
  });

  it('lets anyone verify the receipt by its code, typed in any case and without dashes', async () => {
    const { receipt, total, noticeNumber, transfer } = state.payment!;
    const before = sent.length;
    const typed = receipt.verificationCode.toLowerCase().replaceAll('-', '');
    const verification = await terminal().receipts.verify(typed);
    expect(verification).toMatchObject({ valid: true, receipt: { number: receipt.number, total, noticeNumber, bankReference: transfer.bankReference } });
    expect(sentSince(before)).toHaveLength(1);
    expect(await failure(terminal().receipts.verify('ZZZZ-ZZZZ-ZZZZ'))).toMatchObject({ code: 'receipt_not_found', status: 404 });
  });

  /** A market stall fee, filled from the service's own field definitions. */
  function marketFee(squareMeters: number) {
    const fields = state.market!.fields!;
    const firstOption = (name: string) => fields.find((field) => field.name === name)!.options![0]!.value;
    const rule = state.market!.amountRule as { unitAmount: number };
    return {
      input: {
        serviceCode: 'MERCATO',
        debtor: { taxCode: 'RSSMRA85T10H501O', name: 'Mario Rossi' },
        fields: {
          market: firstOption('market'),
          date: romeToday(),
          stallNumber: 'B12',
          squareMeters,
          sector: firstOption('sector'),
          licenceNumber: 'AUT-2026-0042',
        },
        amount: Math.ceil(squareMeters) * rule.unitAmount,
      },
    };
  }

  it('records and pays a market stall fee as an unexpected credit', async () => {
    const { input } = marketFee(7.5);
    const { credit, payment } = await terminal().unexpectedCredits.create(input);
    expect(input.amount).toBe(8 * 150);
    expect(credit).toMatchObject({ unexpected: true, status: 'paid', amount: input.amount, service: { code: 'MERCATO' } });
    expect(credit.fields).toMatchObject({ stallNumber: 'B12', squareMeters: 7.5, licenceNumber: 'AUT-2026-0042' });
    expect(parseNoticeNumber(credit.noticeNumber).ok).toBe(true);
    expect(payment).toMatchObject({ creditId: credit.id, amount: input.amount, serviceCode: 'MERCATO', noticeNumber: credit.noticeNumber });
    state.marketPayment = payment;
  });

  it('names the wrong fields of a market fee', async () => {
    const { input } = marketFee(4);
    const { licenceNumber: _left, ...fields } = input.fields;
    const error = await failure(terminal().unexpectedCredits.create({ ...input, fields: { ...fields, stallNumber: 'B 12 !' } }));
    expect(error).toMatchObject({ code: 'validation_failed', status: 400 });
    const paths = (error.details as Array<{ path: string }>).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['fields.licenceNumber', 'fields.stallNumber']));
  });

  it('refuses a market fee that does not follow the tariff, saying the expected amount', async () => {
    const { input } = marketFee(4);
    const error = await failure(terminal().unexpectedCredits.create({ ...input, amount: input.amount - 1 }));
    expect(error).toMatchObject({ code: 'amount_out_of_bounds', status: 422, details: { expected: input.amount } });
  });

  it('refuses unexpected credits for services that do not take them, or do not exist', async () => {
    const { input } = marketFee(4);
    expect(await failure(terminal().unexpectedCredits.create({ ...input, serviceCode: 'TARI' }))).toMatchObject({
      code: 'unexpected_credits_not_accepted',
      status: 422,
    });
    expect(await failure(terminal().unexpectedCredits.create({ ...input, serviceCode: 'NO_SUCH' }))).toMatchObject({
      code: 'service_not_found',
      status: 404,
    });
  });

  it("shows the shop's float and the day's report, matching the payments made", async () => {
    const payments = [state.payment!, state.marketPayment!];
    const doubleTap = await terminal().payments.create(
      { creditId: state.nextCredit!.id, amount: state.nextCredit!.amount },
      { idempotencyKey: `double-tap-${state.nextCredit!.id}` },
    );
    payments.push(doubleTap);
    const debited = payments.reduce((sum, payment) => sum + payment.floatDebited, 0);
    const balance = await terminal().agent.balance();
    expect(balance).toMatchObject({ agentId: getTarget().credentials.agentId, balance: state.startBalance! - debited, currency: 'EUR', lowBalance: false });
    expect(balance.today).toMatchObject({ date: romeToday(), payments: payments.length, floatDebited: debited });

    const report = await terminal().agent.report({ date: romeToday() });
    expect(report.payments).toMatchObject({
      count: payments.length,
      amount: payments.reduce((sum, payment) => sum + payment.amount, 0),
      fees: payments.reduce((sum, payment) => sum + payment.fee, 0),
      floatDebited: debited,
    });
    expect(report.payments.agentFees + report.payments.institutionFees).toBe(report.payments.fees);
    expect(report.byService.map((line) => line.serviceCode)).toEqual(expect.arrayContaining(['MERCATO', state.credit!.service.code]));
    expect(report.closingBalance).toBe(balance.balance);
  });

  it('stops at insufficient_float, with the balance and what was required, and charges nothing', async () => {
    const shop = otherShop();
    const maxSquareMeters = state.market!.fields!.find((field) => field.name === 'squareMeters')!.max ?? 200;
    let error: AnyPayBoxError | undefined;
    // Spend the other shop's float on the largest market fees until one no longer fits.
    for (let payments = 0; error === undefined && payments < 100; payments++) {
      error = await shop.unexpectedCredits.create(marketFee(maxSquareMeters).input).then(
        () => undefined,
        (caught: unknown) => (isPayBoxError(caught) ? caught : Promise.reject(caught)),
      );
    }
    expect(error).toMatchObject({ code: 'insufficient_float', status: 402 });
    const details = error!.details as { balance: number; required: number };
    expect(details.balance).toBeLessThan(details.required);
    expect((await shop.agent.balance()).balance).toBe(details.balance);
  });

  it('rejects a report date that does not exist before sending anything', async () => {
    const before = sent.length;
    const error = await failure(terminal().agent.report({ date: '2026-02-30' }));
    expect(error).toMatchObject({ code: 'validation_failed', details: [{ path: 'date', message: expect.any(String) }] });
    expect(sentSince(before)).toEqual([]);
  });

  it('pays a credit by card from the comune’s site: a session, the hosted card page, then the payment with its receipt', async () => {
    const site = website();
    const noticeNumber = getTarget().credentials.sampleNoticeNumbers[5]!;
    const [credit] = (await site.credits.lookup({ noticeNumber })).data as [Credit];
    const session = await site.checkoutSessions.create({ creditId: credit.id, amount: credit.amount, returnUrl: 'http://localhost:8787/paga' });
    expect(session).toMatchObject({ status: 'open', amount: credit.amount, total: credit.amount + session.fee, payment: null });

    // The browser's part: the acquirer's page (served by the target, whatever host it calls itself), a test card.
    const { pathname } = new URL(session.url);
    const page = await getTarget().fetch(`${getTarget().baseUrl}${pathname}`, {
      method: 'POST',
      body: new URLSearchParams({ number: '4242 4242 4242 4242', expiry: '12/30', cvc: '123', holder: 'Giulia Bianchi' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    expect(page.status).toBe(303);
    expect(new URL(page.headers.get('location')!).searchParams.get('paybox_checkout')).toBe(session.id);

    const paid = await site.checkoutSessions.retrieve(session.id);
    expect(paid).toMatchObject({ status: 'succeeded', payment: { channel: 'web', creditId: credit.id, transfer: { status: 'settled' } } });
    expect(await site.checkoutSessions.receipt(session.id, 'text58')).toContain(paid.payment!.transfer.bankReference!);
    expect((await site.checkoutSessions.receipt(session.id, 'pdf')).slice(0, 4)).toEqual(new TextEncoder().encode('%PDF'));
    expect((await site.points.list()).data.map((point) => point.name)).toContain('Edicola del Mercato');
  });
}
