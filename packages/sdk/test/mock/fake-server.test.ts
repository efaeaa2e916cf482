import { describe, expect, it } from 'vitest';
import { createPayBox, isPayBoxError } from '@pay-box/sdk';
import { createFakePayBoxServer, FAKE_BASE_URL, type FakePayBoxServerOptions } from '@pay-box/sdk/mock';

function shop(options: FakePayBoxServerOptions = {}) {
  const fake = createFakePayBoxServer(options);
  const client = (apiKey = fake.credentials.terminalKey) => createPayBox({ baseUrl: FAKE_BASE_URL, apiKey, fetch: fake.fetch, maxRetries: 0 });
  return { fake, terminal: client(), client };
}

async function firstSampleCredit(terminal: ReturnType<typeof shop>['terminal'], fake: ReturnType<typeof shop>['fake']) {
  const { data } = await terminal.credits.lookup({ noticeNumber: fake.credentials.sampleNoticeNumbers[0]! });
  return data[0]!;
}

describe('createFakePayBoxServer', () => {
  it('is the same for the same seed, and different for another', () => {
    expect(createFakePayBoxServer({ seed: 3 }).credentials).toEqual(createFakePayBoxServer({ seed: 3 }).credentials);
    expect(createFakePayBoxServer({ seed: 4 }).credentials.terminalKey).not.toBe(createFakePayBoxServer({ seed: 3 }).credentials.terminalKey);
  });

  it('starts with the demo of the reference server: two shops with EUR 5,000 each and eight sample notices', async () => {
    const { fake, terminal, client } = shop();
    expect(fake.credentials.terminalKey).toMatch(/^sk_/);
    expect(fake.credentials.publishableKey).toMatch(/^pk_/);
    expect(fake.credentials.sampleNoticeNumbers).toHaveLength(8);
    expect(await terminal.agent.balance()).toMatchObject({ agentId: fake.credentials.agentId, balance: 500_000, lowBalance: false });
    expect(await client(fake.credentials.otherTerminalKey).agent.balance()).toMatchObject({ agentId: fake.credentials.otherAgentId, balance: 500_000 });
  });

  it("with settlement 'manual', keeps transfers pending (receipts print 'in attesa') until the bank answers", async () => {
    const { fake, terminal } = shop({ settlement: 'manual' });
    const credit = await firstSampleCredit(terminal, fake);
    const payment = await terminal.payments.create({ creditId: credit.id, amount: credit.amount });
    expect(payment.transfer).toMatchObject({ status: 'pending', bankReference: null });
    expect(await terminal.receipts.render(payment.receipt.id, { format: 'text58' })).toContain('in attesa');
    // This payment's transfer, and the one of the demo shop's payment of the day before.
    expect(await fake.settleTransfers()).toBe(2);
    expect((await terminal.payments.get(payment.id)).transfer).toMatchObject({ status: 'settled', bankReference: expect.stringMatching(/^PBXSBX/) });
  });

  it('with a small initialFloat, refuses a payment the float cannot cover and changes nothing', async () => {
    const { fake, terminal } = shop({ initialFloat: 1_000 });
    const credit = await firstSampleCredit(terminal, fake);
    const error = await terminal.payments.create({ creditId: credit.id, amount: credit.amount }).catch((caught: unknown) => caught);
    expect(isPayBoxError(error) && error.code).toBe('insufficient_float');
    expect(error).toMatchObject({ status: 402, details: { balance: 1_000, required: credit.amount + 50 } });
    expect((await terminal.credits.lookup({ noticeNumber: credit.noticeNumber })).data[0]?.status).toBe('open');
  });

  it('finds credits by debtor tax code and service, masked', async () => {
    const { terminal } = shop();
    const { data } = await terminal.credits.lookup({ debtorTaxCode: 'RSSMRA85T10H501O', serviceCode: 'TARI' });
    // The citizen-safe description: the comune's own text names the street.
    expect(data.map((credit) => credit.description)).toEqual(['TARI 2026 rata 1 di 2', 'TARI 2026 rata 2 di 2']);
    expect(data.every((credit) => credit.debtor.name === 'M*** R***')).toBe(true);
    await expect(terminal.credits.lookup({ debtorTaxCode: 'RSSMRA85T10H501O', serviceCode: 'NOPE' })).rejects.toMatchObject({ code: 'service_not_found' });
  });

  it('scopes Idempotency-Keys per API key: another terminal using the same key makes its own payment', async () => {
    const { fake, terminal, client } = shop();
    const [first, second] = fake.credentials.sampleNoticeNumbers;
    const creditA = (await terminal.credits.lookup({ noticeNumber: first! })).data[0]!;
    const creditB = (await terminal.credits.lookup({ noticeNumber: second! })).data[0]!;
    const key = { idempotencyKey: 'till-1-sale-1' };
    const mine = await terminal.payments.create({ creditId: creditA.id, amount: creditA.amount }, key);
    const theirs = await client(fake.credentials.otherTerminalKey).payments.create({ creditId: creditB.id, amount: creditB.amount }, key);
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.agentId).toBe(fake.credentials.otherAgentId);
  });

  it('answers raw HTTP like the reference server: request ids, missing Idempotency-Key, wrong media type, unknown routes', async () => {
    const { fake } = shop();
    const auth = { authorization: `Bearer ${fake.credentials.terminalKey}` };
    const noKey = await fake.fetch(`${FAKE_BASE_URL}/v1/payments`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({ error: { code: 'idempotency_key_missing', requestId: noKey.headers.get('x-request-id') } });

    const form = await fake.fetch(`${FAKE_BASE_URL}/v1/credits/lookup`, { method: 'POST', headers: auth, body: 'noticeNumber=1' });
    expect(form.status).toBe(415);

    const unknownKeys = await fake.fetch(`${FAKE_BASE_URL}/v1/credits/lookup`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ noticeNumber: fake.credentials.sampleNoticeNumbers[0], colour: 'red' }),
    });
    expect(await unknownKeys.json()).toMatchObject({ error: { code: 'validation_failed', details: [{ path: 'colour', message: 'unknown field' }] } });

    const nowhere = await fake.fetch(`${FAKE_BASE_URL}/v1/nowhere`, { headers: auth });
    expect(nowhere.status).toBe(404);
    expect(nowhere.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('answers like the server: a publishable key used from an origin it does not allow is refused, with no data', async () => {
    const fake = createFakePayBoxServer({ allowedOrigins: ['https://storybook.comune.example'] });
    const lookup = (origin: string) =>
      fake.fetch(`${FAKE_BASE_URL}/v1/credits/lookup`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fake.credentials.publishableKey}`, 'content-type': 'application/json', origin },
        body: JSON.stringify({ noticeNumber: fake.credentials.sampleNoticeNumbers[0] }),
      });
    const stranger = await lookup('https://evil.example');
    expect(stranger.status).toBe(403);
    expect(await stranger.json()).toMatchObject({ error: { code: 'forbidden' } });
    const allowed = await lookup('https://storybook.comune.example');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://storybook.comune.example');
  });

  it('tells a double submit to come back with Retry-After, like the server', async () => {
    const fake = createFakePayBoxServer({ paymentDelayMs: 100 });
    const { data } = await createPayBox({ baseUrl: FAKE_BASE_URL, apiKey: fake.credentials.terminalKey, fetch: fake.fetch }).credits.lookup({ noticeNumber: fake.credentials.sampleNoticeNumbers[0]! });
    const send = () =>
      fake.fetch(`${FAKE_BASE_URL}/v1/payments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fake.credentials.terminalKey}`, 'content-type': 'application/json', 'idempotency-key': 'twice' },
        body: JSON.stringify({ creditId: data[0]!.id, amount: data[0]!.amount }),
      });
    // Whichever arrives first pays; the other is told to come back.
    const answers = await Promise.all([send(), send()]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(answers.find((answer) => answer.status === 409)!.headers.get('retry-after')).toBe('1');
  });
});
