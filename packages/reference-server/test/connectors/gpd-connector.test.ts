import { makeNoticeNumber } from '@pay-box/contract';
import { SourceUnavailableError, type ConnectorRow } from '@pay-box/engine';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorHttp } from '../../src/connectors/connector-http.js';
import { gpdConnector } from '../../src/connectors/gpd-connector.js';
import { startGpdFake, type GpdPositionInput } from '../support/gpd-fake.js';

const KEY = 'gpd-subscription-key-0001';
const ORGANIZATION = '83000390019';
const DEBTOR = 'RSSMRA80A01H501U';
const TIMEOUT_MS = 800;
const http: ConnectorHttp = { urlGuard: { check: async () => undefined }, fetch };

let fake: Awaited<ReturnType<typeof startGpdFake>>;
let sequence = 0;

beforeAll(async () => {
  fake = await startGpdFake({ subscriptionKey: KEY, organizationFiscalCode: ORGANIZATION, slowMs: 3_000 });
});
afterAll(() => fake.close());
beforeEach(() => fake.faults.set('none'));

function row(overrides: Partial<ConnectorRow> = {}): ConnectorRow {
  return {
    id: 'con_gpdtest0001',
    comuneId: 'com_roccabianca01',
    kind: 'gpd',
    name: 'GPD Roccabianca',
    url: fake.url,
    secret: KEY,
    organizationFiscalCode: ORGANIZATION,
    timeoutMs: TIMEOUT_MS,
    enabled: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const connector = (overrides: Partial<ConnectorRow> = {}) => gpdConnector(http, row(overrides), ['TARI']);

function nextNav(): string {
  sequence += 1;
  return makeNoticeNumber('01', String(Date.now() % 1e9).padStart(9, '0') + String(sequence).padStart(4, '0'));
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 19);

function option(nav: string, amount: number, dueInDays: number, isPartialPayment = false, description = 'TARI 2026') {
  return {
    nav,
    iuv: nav.slice(1),
    amount,
    description,
    isPartialPayment,
    dueDate: inDays(dueInDays),
    transfer: [{ idTransfer: '1' as const, amount, remittanceInformation: description, category: '9/0101100IM/', iban: 'IT60X0542811101000000123456' }],
  };
}

function position(paymentOption: GpdPositionInput['paymentOption'], overrides: Partial<GpdPositionInput> = {}): GpdPositionInput {
  return {
    iupd: `${ORGANIZATION}-${nextNav()}`,
    type: 'F',
    fiscalCode: DEBTOR,
    fullName: 'Mario Rossi',
    switchToExpired: false,
    companyName: 'Comune di Roccabianca',
    paymentOption,
    ...overrides,
  };
}

async function expectUnavailable(promise: Promise<unknown>, failure: SourceUnavailableError['failure']) {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceUnavailableError);
  expect(error).toMatchObject({ failure });
  return error;
}

describe('GPD connector, against a GPD fake over HTTP', () => {
  it('reads an open single payment by its notice number', async () => {
    const nav = nextNav();
    await fake.createPosition(position([option(nav, 12_050, 30)]));

    const credit = await connector().byNoticeNumber(nav);

    expect(credit).toEqual({
      noticeNumber: nav,
      serviceCode: 'TARI',
      debtor: { type: 'person', taxCode: DEBTOR, name: 'Mario Rossi' },
      description: 'TARI 2026',
      publicDescription: 'TARI 2026',
      amount: 12_050,
      dueDate: inDays(30).slice(0, 10),
      status: 'open',
    });
  });

  it('reads a known notice again by its position, without listing everything', async () => {
    const nav = nextNav();
    const created = position([option(nav, 500, 10)]);
    await fake.createPosition(created);
    await connector().byNoticeNumber(nav);
    fake.requests.length = 0;

    await expect(connector().byNoticeNumber(nav)).resolves.toMatchObject({ status: 'open' });
    expect(fake.requests.map((request) => request.path)).toEqual([`/gpd/debt-positions-service/v3/organizations/${ORGANIZATION}/debtpositions/${encodeURIComponent(created.iupd)}`]);
  });

  it('gives each instalment of a position as its own credit, and a company debtor as such', async () => {
    const [first, second] = [nextNav(), nextNav()];
    await fake.createPosition(position([option(first, 10_000, 30, true, 'TARI rata 1'), option(second, 10_000, 90, true, 'TARI rata 2')], { type: 'G', fiscalCode: '01234567890', fullName: 'Bar Centrale srl' }));

    const credits = await Promise.all([connector().byNoticeNumber(first), connector().byNoticeNumber(second)]);

    expect(credits.map((credit) => [credit?.noticeNumber, credit?.description, credit?.dueDate, credit?.debtor.type])).toEqual([
      [first, 'TARI rata 1', inDays(30).slice(0, 10), 'company'],
      [second, 'TARI rata 2', inDays(90).slice(0, 10), 'company'],
    ]);
  });

  it('reads an option paid through pagoPA as paid', async () => {
    const nav = nextNav();
    await fake.createPosition(position([option(nav, 3_000, 30)]));
    await fake.markPaid(nav);

    await expect(connector().byNoticeNumber(nav)).resolves.toMatchObject({ status: 'paid' });
  });

  it('reads an invalidated position, and an expired one, as cancelled', async () => {
    const [invalidated, expiring] = [nextNav(), nextNav()];
    const invalid = position([option(invalidated, 4_000, 30)]);
    await fake.createPosition(invalid);
    await fake.createPosition(position([option(expiring, 4_000, 1)], { switchToExpired: true }));
    await fake.invalidate(invalid.iupd);

    await expect(connector().byNoticeNumber(invalidated)).resolves.toMatchObject({ status: 'cancelled' });
    fake.advanceTime(2 * 86_400_000);
    try {
      await expect(connector().byNoticeNumber(expiring)).resolves.toMatchObject({ status: 'cancelled' });
    } finally {
      fake.advanceTime(-2 * 86_400_000);
    }
  });

  it('does not offer a draft position, nor one published before its validity date', async () => {
    const [draft, later] = [nextNav(), nextNav()];
    await fake.createPosition(position([option(draft, 700, 30)]), { toPublish: false });
    await fake.createPosition(position([option(later, 700, 30)], { validityDate: inDays(5) }));

    await expect(connector().byNoticeNumber(draft)).resolves.toBeUndefined();
    await expect(connector().byNoticeNumber(later)).resolves.toBeUndefined();
  });

  it('answers undefined for a notice number GPD does not know', async () => {
    await expect(connector().byNoticeNumber(nextNav())).resolves.toBeUndefined();
  });

  it("finds a debtor's credits across pages, only for its own service", async () => {
    const debtor = 'VRDLGU75B02F205X';
    const navs = Array.from({ length: 3 }, () => nextNav());
    for (const nav of navs) await fake.createPosition(position([option(nav, 1_500, 40)], { fiscalCode: debtor, fullName: 'Luigi Verdi' }));
    for (let i = 0; i < 50; i++) await fake.createPosition(position([option(nextNav(), 100, 40)]));

    const credits = await connector({ timeoutMs: 3_000 }).byDebtor(debtor.toLowerCase(), 'TARI');

    expect(credits.map((credit) => credit.noticeNumber).sort()).toEqual([...navs].sort());
    expect(credits.every((credit) => credit.debtor.name === 'Luigi Verdi')).toBe(true);
    await expect(connector().byDebtor(debtor, 'IMU')).resolves.toEqual([]);
  });

  it('marks the option paid at GPD, and acknowledges the same notice again', async () => {
    const nav = nextNav();
    const created = position([option(nav, 8_000, 30)]);
    await fake.createPosition(created);
    const notice = {
      paymentId: 'pay_0123456789abcdef',
      noticeNumber: nav,
      serviceCode: 'TARI',
      amount: 8_000,
      paidAt: '2026-03-02T10:15:00.000Z',
      channel: 'agent' as const,
      receiptNumber: '2026-000001',
      verificationCode: 'ABCD-EFGH',
      bankReference: null,
    };

    await connector().markPaid(notice);
    expect(fake.position(created.iupd)).toMatchObject({ status: 'PAID', options: [{ status: 'PO_PAID', paymentDate: Date.parse(notice.paidAt) }] });
    await expect(connector().markPaid(notice)).resolves.toBeUndefined();
  });

  it('keeps retrying (throws) when GPD has no such option to mark paid', async () => {
    const notice = { paymentId: 'pay_0123456789abcdeg', noticeNumber: nextNav(), serviceCode: 'TARI', amount: 100, paidAt: '2026-03-02T10:15:00.000Z', channel: 'web' as const, receiptNumber: '2026-000002', verificationCode: 'X', bankReference: null };
    await expectUnavailable(connector().markPaid(notice), 'http_status');
  });

  it('says so when GPD refuses the subscription key', async () => {
    const error = await expectUnavailable(connector({ id: 'con_gpdwrongkey1', secret: 'not-the-key' }).byNoticeNumber(nextNav()), 'http_status');
    expect(String(error)).toMatch(/refused the subscription key/);
  });

  it('refuses to read credits when no service is assigned to it', async () => {
    await expectUnavailable(gpdConnector(http, row(), []).byNoticeNumber(nextNav()), 'disabled');
  });

  it('has a fake that answers like GPD: 400 ProblemJson for a bad body, 409 for a second payment', async () => {
    const nav = nextNav();
    const transfersShort = position([{ ...option(nav, 1_000, 30), amount: 1_001 }]);
    await expect(fake.createPosition(transfersShort)).rejects.toThrow(/answered 400: .*"title":"Bad Request".*Amounts congruence error/);
    await fake.createPosition(position([option(nav, 1_000, 30)]));
    await fake.markPaid(nav);
    await expect(fake.markPaid(nav)).rejects.toThrow(/answered 409: .*Existing related payment found/);
  });

  it.each([
    ['down', 'unreachable'],
    ['slow', 'timeout'],
    ['garbage', 'invalid_answer'],
  ] as const)('fails as %s -> %s within the time-out', async (fault, failure) => {
    fake.faults.set(fault);
    const started = Date.now();
    await expectUnavailable(connector({ id: `con_gpdfault${fault}` }).byNoticeNumber(nextNav()), failure);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 400);
  });
});
