import type { AdminPaymentDetail, AdminPaymentSummary, AdminTransfer, Payment } from '@pay-box/contract';
import { romeDate } from '@pay-box/contract';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupNotice, pay } from '../support/demo-flow.js';
import { eventually } from '../support/eventually.js';
import { expectApiError } from '../support/expect-api-error.js';
import { expectMoneyInvariants } from '../support/invariants.js';
import { addComuneWithAdmin } from '../support/second-comune.js';
import { logIn, staffWithRole, type StaffClient } from '../support/staff-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('payments and transfers in the cruscotto', () => {
  let server: TestServer;
  let staff: StaffClient;
  let notices: string[];
  const paid: Payment[] = [];
  const payNext = async () => {
    const created = await pay(server, await lookupNotice(server, notices.shift()!));
    expect(created.status).toBe(201);
    return created.body;
  };
  const settledPayment = (id: string) =>
    eventually(async () => {
      const detail = (await staff.api<AdminPaymentDetail>(`/v1/admin/payments/${id}`)).body;
      return detail.transfer.status === 'pending' ? undefined : detail;
    }, 5_000, `transfer of ${id} answered`);

  beforeAll(async () => {
    server = await startTestServer();
    staff = await logIn(server);
    notices = [...server.demo.sampleNoticeNumbers];
    for (let index = 0; index < 3; index++) paid.push(await payNext());
    await server.engine.transfers.idle();
  });
  afterAll(() => server?.dispose());

  it('lists the payments newest first, page by page with a cursor, narrowed by the filters', async () => {
    const all = (await staff.api<{ data: AdminPaymentSummary[] }>('/v1/admin/payments?limit=100')).body.data;
    expect(all.map((payment) => payment.id).slice(0, 3)).toEqual(paid.map((payment) => payment.id).reverse());
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: AdminPaymentSummary[]; nextCursor: string | null } = (await staff.api(`/v1/admin/payments?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
      pages.push(...page.data.map((payment) => payment.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.map((payment) => payment.id));

    const first = paid[0]!;
    const [byNotice] = (await staff.api(`/v1/admin/payments?noticeNumber=${first.noticeNumber}`)).body.data;
    expect(byNotice).toMatchObject({ id: first.id, channel: 'agent', agent: { id: server.demo.agentId }, receipt: { number: first.receipt.number }, transfer: { status: 'settled', stale: false } });
    const today = romeDate(new Date());
    const filtered = (await staff.api(`/v1/admin/payments?from=${today}&to=${today}&channel=agent&agentId=${server.demo.agentId}&transferStatus=settled&minAmount=${first.amount}&maxAmount=${first.amount}`)).body.data;
    expect(filtered.map((payment: AdminPaymentSummary) => payment.id)).toContain(first.id);
    expect(filtered.every((payment: AdminPaymentSummary) => payment.amount === first.amount)).toBe(true);
    expect((await staff.api(`/v1/admin/payments?channel=web&noticeNumber=${first.noticeNumber}`)).body.data).toEqual([]);
    expect((await staff.api(`/v1/admin/payments?service=${first.serviceCode}&taxCode=${byNotice.credit.debtorTaxCode.toLowerCase()}`)).body.data.map((payment: AdminPaymentSummary) => payment.id)).toContain(first.id);
    expectApiError(await staff.api('/v1/admin/payments?cursor=not-a-cursor'), { code: 'validation_failed', operation: 'listAdminPayments' });
  });

  it('exports every matching payment as CSV with a header row', async () => {
    const response = await staff.api('/v1/admin/payments/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = response.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('payment_id,created_at,date,channel,agent_id,agent_name,service_code,service_name,notice_number,debtor_tax_code,debtor_name,unexpected,amount_cents,fee_cents,receipt_number,verification_code,transfer_id,transfer_status,bank_reference,settled_at');
    const all = (await staff.api('/v1/admin/payments?limit=500')).body.data as AdminPaymentSummary[];
    expect(lines).toHaveLength(all.length + 1);
    const row = lines.find((line) => line.startsWith(paid[0]!.id))!;
    expect(row).toContain(`,${paid[0]!.amount},`);
    expect(row).toContain(paid[0]!.transfer.bankReference ?? (await settledPayment(paid[0]!.id)).transfer.bankReference!);
    const one = await staff.api(`/v1/admin/payments/export?noticeNumber=${paid[1]!.noticeNumber}`);
    expect(one.text.trimEnd().split('\r\n')).toHaveLength(2);
  });

  it('shows a payment with its credit, CRO/TRN, postings that sum to zero and the transfer timeline; its receipt again', async () => {
    const detail = await settledPayment(paid[0]!.id);
    expect(detail.transfer.bankReference).toMatch(/^PBXSBX/);
    expect(detail.credit).toMatchObject({ noticeNumber: paid[0]!.noticeNumber, unexpected: false });
    const sums = new Map<string, number>();
    for (const posting of detail.postings) sums.set(posting.transactionId, (sums.get(posting.transactionId) ?? 0) + posting.amount);
    expect([...sums.values()], 'the payment and its settlement, each summing to zero').toEqual([0, 0]);
    expect(detail.timeline.map((entry) => entry.event)).toEqual(['created', 'sent', 'settled']);
    expect(detail.timeline.at(-1)!.detail).toContain(detail.transfer.bankReference);
    const text = await staff.api(`/v1/admin/payments/${paid[0]!.id}/receipt?format=text80`);
    expect(text.text).toContain(paid[0]!.receipt.number);
    expect(text.text).toContain(detail.transfer.bankReference);
    const pdf = await staff.api(`/v1/admin/payments/${paid[0]!.id}/receipt?format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('finds a payment by notice number, tax code, receipt number or verification code in one box', async () => {
    const target = paid[1]!;
    const detail = await settledPayment(target.id);
    const code = target.receipt.verificationCode.toLowerCase().replaceAll('-', '');
    for (const q of [target.noticeNumber, detail.credit.debtorTaxCode.toLowerCase(), target.receipt.number, code]) {
      const found = (await staff.api(`/v1/admin/search?q=${encodeURIComponent(q)}`)).body.data as AdminPaymentSummary[];
      expect(found.map((payment) => payment.id), q).toContain(target.id);
    }
    expect((await staff.api('/v1/admin/search?q=ZZZZ-ZZZZ-ZZZZ')).body.data).toEqual([]);
  });

  it('shows the overview and the shops with their totals', async () => {
    const overview = (await staff.api('/v1/admin/overview')).body;
    const todays = (await staff.api(`/v1/admin/payments?from=${romeDate(new Date())}&to=${romeDate(new Date())}&limit=500`)).body.data as AdminPaymentSummary[];
    expect(overview.today).toMatchObject({ count: todays.length, amount: todays.reduce((sum, payment) => sum + payment.amount, 0) });
    expect(overview.daily).toHaveLength(30);
    expect(overview.daily.at(-1)).toMatchObject({ date: romeDate(new Date()), count: todays.length });
    // "This month" is the Rome calendar month (on its first day, only today is in it): the
    // overview's month, channels and shops are the sums of the month's payments as exported.
    const today = romeDate(new Date());
    const exported = await staff.api(`/v1/admin/payments/export?from=${today.slice(0, 8)}01&to=${today}`);
    const month = Papa.parse<Record<string, string>>(exported.text.trimEnd(), { header: true }).data;
    const sumsBy = (key: string) => {
      const sums = new Map<string, { count: number; amount: number }>();
      for (const row of month.filter((row) => row[key] !== '')) {
        const sum = sums.get(row[key]!) ?? { count: 0, amount: 0 };
        sums.set(row[key]!, { count: sum.count + 1, amount: sum.amount + Number(row.amount_cents) });
      }
      return sums;
    };
    const asSums = (rows: { count: number; amount: number }[], key: string) => new Map(rows.map((row) => [(row as unknown as Record<string, string>)[key]!, { count: row.count, amount: row.amount }]));
    expect(overview.month).toMatchObject({ count: month.length, amount: month.reduce((sum, row) => sum + Number(row.amount_cents), 0) });
    expect(asSums(overview.byChannel, 'channel')).toEqual(sumsBy('channel'));
    expect(asSums(overview.byShop, 'agentId')).toEqual(sumsBy('agent_id'));
    expect(sumsBy('channel').get('agent')!.count, 'the payments this test made at the shop').toBeGreaterThanOrEqual(3);
    expect(overview.transfers, 'the demo month settled, CRO/TRN and all').toEqual({ pending: 0, stale: 0, rejected: 0 });
    // The demo's month of past payments: no day of the chart before today is empty.
    expect(overview.daily.slice(0, -1).filter((day: { count: number }) => day.count === 0)).toEqual([]);
    const agents = (await staff.api('/v1/admin/agents')).body.data;
    const shop = agents.find((agent: { id: string }) => agent.id === server.demo.agentId);
    expect(shop.today.count).toBe(todays.filter((payment) => payment.agent?.id === server.demo.agentId).length);
    expect(shop.lastPaymentAt).toBe(paid.at(-1)!.createdAt);
  });

  describe('a rejected transfer', () => {
    let rejected: Payment;
    beforeAll(async () => {
      server.bank.injectFaults({ fault: 'reject', times: 1 });
      rejected = await payNext();
      await server.engine.transfers.idle();
      server.bank.injectFaults({ fault: 'none' });
    });

    it('stands out, and an operator sends it again: it settles once, under a new EndToEndId, and only once', async () => {
      expect((await staff.api(`/v1/admin/payments/${rejected.id}`)).body.transfer.status).toBe('rejected');
      expect((await staff.api('/v1/admin/overview')).body.transfers.rejected).toBe(1);
      const listed = (await staff.api('/v1/admin/transfers?status=rejected')).body.data as AdminTransfer[];
      expect(listed.map((transfer) => transfer.payment.id)).toEqual([rejected.id]);
      expect(listed[0]!.rejectReason).toMatch(/AC04/);

      const viewer = await staffWithRole(server, staff, 'viewer');
      expectApiError(await viewer.api(`/v1/admin/transfers/${rejected.transfer.id}/retry`, { body: {} }), { code: 'role_forbidden', operation: 'retryAdminTransfer' });
      const operator = await staffWithRole(server, staff, 'operator');
      const [first, second] = await Promise.all([1, 2].map(() => operator.api<AdminTransfer>(`/v1/admin/transfers/${rejected.transfer.id}/retry`, { body: {} })));
      const statuses = [first!.status, second!.status].sort();
      expect(statuses, 'two retries at once: one is refused').toEqual([200, 409]);
      const detail = await settledPayment(rejected.id);
      expect(detail).toMatchObject({ transfer: { status: 'settled' }, endToEndId: `${rejected.id}-R1` });
      expect(detail.timeline.map((entry) => entry.event)).toEqual(['created', 'sent', 'rejected', 'retried', 'settled']);
      expect(server.bank.transfersFor(rejected.id).map((booked) => booked.state)).toEqual(['rejected']);
      expect(server.bank.transfersFor(`${rejected.id}-R1`).map((booked) => booked.bankReference)).toEqual([detail.transfer.bankReference]);
      expectApiError(await operator.api(`/v1/admin/transfers/${rejected.transfer.id}/retry`, { body: {} }), { code: 'transfer_not_rejected', operation: 'retryAdminTransfer' });
      const log = (await staff.api('/v1/admin/audit-log?limit=50')).body.data;
      expect(log.filter((line: { action: string; subjectId: string }) => line.action === 'transfer.retry' && line.subjectId === rejected.transfer.id)).toHaveLength(1);
      await expectMoneyInvariants(server);
    });

    it('an operator records a manual resolution, audited, once', async () => {
      server.bank.injectFaults({ fault: 'reject', times: 1 });
      const other = await payNext();
      await server.engine.transfers.idle();
      const body = { note: 'Paid by the treasurer by hand', bankReference: 'CRO0306912345' };
      const resolved = await staff.api<AdminTransfer>(`/v1/admin/transfers/${other.transfer.id}/resolution`, { body });
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({ status: 'resolved', bankReference: body.bankReference, resolution: { note: body.note, resolvedBy: staff.session.user.email } });
      expectApiError(await staff.api(`/v1/admin/transfers/${other.transfer.id}/resolution`, { body }), { code: 'transfer_not_rejected', operation: 'resolveAdminTransfer' });
      const log = (await staff.api('/v1/admin/audit-log?limit=50')).body.data;
      expect(log.find((line: { action: string }) => line.action === 'transfer.resolve')).toMatchObject({ subjectId: other.transfer.id, details: { note: body.note } });
      expect((await staff.api('/v1/admin/transfers?status=rejected')).body.data).toEqual([]);
      expect((await staff.api('/v1/admin/payments?transferStatus=resolved')).body.data.map((payment: AdminPaymentSummary) => payment.id)).toEqual([other.id]);
    });
  });

  it('another comune’s staff gets 404 for these payments and transfers, and lists none', async () => {
    const stranger = await logIn(server, await addComuneWithAdmin(server));
    expectApiError(await stranger.api(`/v1/admin/payments/${paid[0]!.id}`), { code: 'payment_not_found', operation: 'getAdminPayment' });
    expectApiError(await stranger.api(`/v1/admin/payments/${paid[0]!.id}/receipt`), { code: 'payment_not_found', operation: 'getAdminPaymentReceipt' });
    expectApiError(await stranger.api(`/v1/admin/transfers/${paid[0]!.transfer.id}/resolution`, { body: { note: 'not mine at all' } }), { code: 'transfer_not_found', operation: 'resolveAdminTransfer' });
    expect((await stranger.api('/v1/admin/payments')).body.data).toEqual([]);
    expect((await stranger.api(`/v1/admin/search?q=${paid[0]!.noticeNumber}`)).body.data).toEqual([]);
    expect((await stranger.api('/v1/admin/payments/export')).text.trimEnd().split('\r\n')).toHaveLength(1);
    expect((await stranger.api('/v1/admin/overview')).body.month.count).toBe(0);
  });
});
