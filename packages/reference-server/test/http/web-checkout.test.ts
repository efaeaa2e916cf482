import type { CheckoutSession } from '@pay-box/contract';
import { demoCredits } from '@pay-box/engine/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefusedWithoutWrites } from '../support/expect-api-error.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const comuneSite = 'http://localhost:8787';

/** Posts the hosted page's form as a browser would, without following the redirect back to the comune. */
const submitForm = (url: string, fields: Record<string, string>) =>
  fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

const card = (number: string) => ({ number, expiry: '12/30', cvc: '123', holder: 'Giulia Bianchi' });

describe('paying by card through the sandbox acquirer’s hosted page, over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.dispose());

  const openSession = async (index: number, locale: 'it' | 'en' = 'it') => {
    const credit = demoCredits[index]!;
    const response = await server.api<CheckoutSession>('/v1/checkout-sessions', {
      key: server.demo.publishableKey,
      headers: { origin: comuneSite },
      body: { creditId: credit.id, amount: credit.amount, returnUrl: `${comuneSite}/paga`, locale },
    });
    expect(response.status, response.text).toBe(201);
    return response.body;
  };
  const readSession = async (id: string) => (await server.api<CheckoutSession>(`/v1/checkout-sessions/${id}`, { key: server.demo.publishableKey, headers: { origin: comuneSite } })).body;

  it('a card payment from the comune’s page: hosted page, back to the comune, receipt with the CRO/TRN, the verification page', async () => {
    const session = await openSession(1);
    expect(session.url.startsWith(`${server.url}/sandbox-acquirer/pay/`)).toBe(true);

    const page = await fetch(session.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain(`form-action 'self' ${comuneSite}`);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).toContain('Comune di Valdimonte');
    expect(html).toContain('4242 4242 4242 4242');
    expect(html).toContain(new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(session.total / 100));

    const paid = await submitForm(session.url, card('4242424242424242'));
    expect(paid.status).toBe(303);
    const back = new URL(paid.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(`${comuneSite}/paga`);
    expect(back.searchParams.get('paybox_checkout')).toBe(session.id);

    const done = await readSession(session.id);
    expect(done).toMatchObject({ status: 'succeeded', payment: { channel: 'web', total: session.total, transfer: { status: 'settled' } } });
    expect(done.payment!.transfer.bankReference).toMatch(/^PBXSBX/);

    const pdf = await server.api(`/v1/checkout-sessions/${session.id}/receipt?format=pdf`, { key: server.demo.publishableKey });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await server.api(`/v1/checkout-sessions/${session.id}/receipt?format=text80`, { key: server.demo.publishableKey });
    expect(text.text).toContain(done.payment!.transfer.bankReference!);

    const verification = await fetch(`${server.url}/verifica/${done.payment!.receipt.verificationCode}`);
    expect(verification.status).toBe(200);
    expect(await verification.text()).toContain(done.payment!.transfer.bankReference!);
  });

  it('a declined card shows the reason on the page, in the citizen’s language, and charges nothing', async () => {
    const session = await openSession(2, 'en');
    const before = await server.tableCounts();
    const declined = await submitForm(session.url, card('4000000000000002'));
    expect(declined.status).toBe(422);
    const html = await declined.text();
    expect(html).toContain('The bank declined the card. Nothing was charged');
    expect(html).not.toContain('4000000000000002');
    expect(await server.tableCounts()).toEqual(before);
    expect((await readSession(session.id)).lastDecline?.reason).toBe('card_declined');

    const invalid = await submitForm(session.url, { ...card('1234 5678 9012 3456'), expiry: '01/20' });
    expect(invalid.status).toBe(422);
    const problems = await invalid.text();
    expect(problems).toContain('aria-invalid="true"');
    expect(problems).toContain('The card has expired.');
  });

  it('the bank’s extra confirmation (3-D Secure) is a second page; confirmed, the payment goes through', async () => {
    const session = await openSession(3);
    const challenge = await submitForm(session.url, card('4000002760003184'));
    expect(challenge.status).toBe(200);
    const html = await challenge.text();
    const action = /<form method="post" action="([^"]+)">/.exec(html)![1]!.replaceAll('&#38;', '&');
    const code = /name="challenge" value="([^"]+)"/.exec(html)![1]!;
    const confirmed = await submitForm(new URL(action, server.url).href, { challenge: code, decision: 'approve' });
    expect(confirmed.status).toBe(303);
    expect((await readSession(session.id)).status).toBe('succeeded');
  });

  it('a tampered page link is refused, and a notification not signed by the acquirer is refused with nothing written', async () => {
    const session = await openSession(4);
    const tampered = await fetch(`${session.url.slice(0, -3)}AAA`);
    expect(tampered.status).toBe(410);
    const notification = { path: '/v1/acquirer-notifications', key: null, body: { reference: session.id, outcome: 'authorized', authorizationId: 'aut_forged000000000000', amount: session.total } };
    await expectRefusedWithoutWrites(server, notification, { code: 'unauthorized' });
    expect((await readSession(session.id)).status).toBe('open');
  });

  it('a session is the comune’s: a terminal key may not open one, and an unknown id is not found', async () => {
    const credit = demoCredits[5]!;
    await expectRefusedWithoutWrites(
      server,
      { path: '/v1/checkout-sessions', body: { creditId: credit.id, amount: credit.amount, returnUrl: `${comuneSite}/paga` } },
      { code: 'forbidden' },
    );
    const unknown = await server.api('/v1/checkout-sessions/cks_0000000000000000', { key: server.demo.publishableKey });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'checkout_session_not_found' } });
  });

  it('lists the shops where the citizen can pay in cash, with their opening hours', async () => {
    const response = await server.api<{ data: Array<{ name: string; address: string; openingHours: unknown[] }> }>('/v1/points', { key: server.demo.publishableKey, headers: { origin: comuneSite } });
    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(2);
    expect(response.body.data[0]).toMatchObject({ name: 'Edicola del Mercato', address: 'Piazza Garibaldi 4, Valdimonte' });
    expect(response.body.data[0]!.openingHours.length).toBeGreaterThan(0);
  });
});
