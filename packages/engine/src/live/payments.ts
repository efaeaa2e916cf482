import { romeDate, type AdminPaymentDetail, type AdminPaymentFilter, type AdminPaymentPage, type AdminPaymentSummary, type Receipt } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { EventRow, PaymentListing } from '../ports/live.js';
import type { UnitOfWork } from '../ports/store.js';
import { requireComuneRole, type StaffPrincipal } from '../staff/staff-principal.js';
import { endToEndIdOf } from '../transfers/end-to-end-id.js';
import { paymentSummary, resolutionView } from '../views/admin-payment-view.js';
import { receiptView } from '../views/receipt-view.js';
import { encodeCursor, onePayment, paymentSelection, searchSelection } from './payment-selection.js';

export type PaymentQuery = AdminPaymentFilter & { cursor?: string | undefined; limit: number };

/** A page of the comune's payments, newest first, narrowed by the filters. */
export async function listPayments(ctx: EngineContext, principal: StaffPrincipal, query: PaymentQuery): Promise<AdminPaymentPage> {
  const { comuneId } = requireComuneRole(principal, 'viewer');
  const now = ctx.clock.now();
  const rows = await ctx.store.read((tx) => tx.live.payments(paymentSelection(comuneId, query, query.limit + 1, now)));
  const data = rows.slice(0, query.limit).map((row) => paymentSummary(row, now));
  return { data, nextCursor: rows.length > query.limit ? encodeCursor(data.at(-1)!) : null };
}

/** The export's columns, in order: documented in the operation, read by spreadsheets and accounting software. */
export const PAYMENT_EXPORT_COLUMNS = [
  'payment_id',
  'created_at',
  'date',
  'channel',
  'agent_id',
  'agent_name',
  'service_code',
  'service_name',
  'notice_number',
  'debtor_tax_code',
  'debtor_name',
  'unexpected',
  'amount_cents',
  'fee_cents',
  'receipt_number',
  'verification_code',
  'transfer_id',
  'transfer_status',
  'bank_reference',
  'settled_at',
] as const;

const EXPORT_PAGE = 500;

/** RFC 4180: quoted when it holds a comma, a quote or a line break; a leading = + - @ is defused for spreadsheets. */
function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(payment: AdminPaymentSummary): string {
  const { credit, transfer } = payment;
  return [
    payment.id,
    payment.createdAt,
    romeDate(new Date(payment.createdAt)),
    payment.channel,
    payment.agent?.id ?? null,
    payment.agent?.name ?? null,
    payment.service.code,
    payment.service.name,
    credit.noticeNumber,
    credit.debtorTaxCode,
    credit.debtorName,
    credit.unexpected,
    payment.amount,
    payment.fee,
    payment.receipt.number,
    payment.receipt.verificationCode,
    transfer.id,
    transfer.status,
    transfer.bankReference,
    transfer.settledAt,
  ]
    .map(csvField)
    .join(',');
}

/** Every payment the filters select, as CSV with a header row and CRLF line ends. */
export async function exportPayments(ctx: EngineContext, principal: StaffPrincipal, filter: AdminPaymentFilter): Promise<string> {
  const { comuneId } = requireComuneRole(principal, 'viewer');
  const now = ctx.clock.now();
  const lines = [PAYMENT_EXPORT_COLUMNS.join(',')];
  let cursor: string | undefined;
  for (;;) {
    const rows = await ctx.store.read((tx) => tx.live.payments(paymentSelection(comuneId, { ...filter, cursor }, EXPORT_PAGE, now)));
    const page = rows.map((row) => paymentSummary(row, now));
    lines.push(...page.map(csvLine));
    if (rows.length < EXPORT_PAGE) break;
    cursor = encodeCursor(page.at(-1)!);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The support box: payments by notice number, tax code, receipt number or verification code. */
export async function searchPayments(ctx: EngineContext, principal: StaffPrincipal, q: string): Promise<{ data: AdminPaymentSummary[] }> {
  const { comuneId } = requireComuneRole(principal, 'viewer');
  const now = ctx.clock.now();
  const rows = await ctx.store.read((tx) => tx.live.payments(searchSelection(comuneId, q, 50)));
  return { data: rows.map((row) => paymentSummary(row, now)) };
}

/** A payment of the principal's comune; another comune's is not found. */
async function listingOf(tx: UnitOfWork, comuneId: string, paymentId: string): Promise<PaymentListing> {
  const [row] = await tx.live.payments(onePayment(comuneId, paymentId));
  if (!row) throw new DomainError('payment_not_found');
  return row;
}

const eventDetail = (event: EventRow, key: string): string => String(event.data[key] ?? '');

/** What happened to the payment's transfer, oldest first: from the feed, with the transfer's own instants. */
function timelineOf(listing: PaymentListing, events: EventRow[]): AdminPaymentDetail['timeline'] {
  const { payment, transfer } = listing;
  const where = payment.channel === 'agent' ? `at ${listing.agentName ?? payment.agentId}` : `on the ${payment.channel}`;
  const timeline: AdminPaymentDetail['timeline'] = [
    { at: payment.createdAt, event: 'created', detail: `Paid ${where}` },
    { at: transfer.createdAt, event: 'sent', detail: `Transfer to the treasury, EndToEndId ${payment.id}` },
  ];
  for (const event of events) {
    if (event.type === 'transfer.settled') timeline.push({ at: event.createdAt, event: 'settled', detail: `CRO/TRN ${eventDetail(event, 'bankReference')}` });
    if (event.type === 'transfer.failed') timeline.push({ at: event.createdAt, event: 'rejected', detail: eventDetail(event, 'rejectReason') });
    if (event.type === 'transfer.retried') timeline.push({ at: event.createdAt, event: 'retried', detail: `Sent again as ${eventDetail(event, 'endToEndId')} by ${eventDetail(event, 'by')}` });
    if (event.type === 'transfer.resolved') timeline.push({ at: event.createdAt, event: 'resolved', detail: `${eventDetail(event, 'note')} (${eventDetail(event, 'by')})` });
  }
  // Settled before the feed existed: the transfer's own record says when.
  if (transfer.settledAt && !timeline.some((entry) => entry.event === 'settled')) timeline.push({ at: transfer.settledAt, event: 'settled', detail: `CRO/TRN ${transfer.bankReference}` });
  return timeline;
}

/** A payment with its credit, ledger postings and transfer timeline. */
export async function getPaymentDetail(ctx: EngineContext, principal: StaffPrincipal, paymentId: string): Promise<AdminPaymentDetail> {
  const { comuneId } = requireComuneRole(principal, 'viewer');
  const now = ctx.clock.now();
  return ctx.store.read(async (tx) => {
    const listing = await listingOf(tx, comuneId, paymentId);
    const credit = (await tx.credits.get(comuneId, listing.payment.creditId))!;
    const { ledgerTransactionId } = listing.payment;
    const { settlementTransactionId } = listing.transfer;
    const postings = await tx.live.postings(settlementTransactionId ? [ledgerTransactionId, settlementTransactionId] : [ledgerTransactionId]);
    const events = await tx.events.about(comuneId, paymentId);
    return {
      ...paymentSummary(listing, now),
      credit: {
        id: credit.id,
        noticeNumber: credit.noticeNumber,
        iuv: credit.iuv,
        debtorType: credit.debtorType,
        debtorName: credit.debtorName,
        debtorTaxCode: credit.debtorTaxCode,
        description: credit.description,
        publicDescription: credit.publicDescription,
        amount: credit.amount,
        dueDate: credit.dueDate,
        unexpected: credit.unexpected,
        fields: credit.fields,
        createdAt: credit.createdAt,
      },
      terminalId: listing.payment.terminalId,
      endToEndId: endToEndIdOf({ paymentId, retries: listing.transfer.retries }),
      rejectReason: listing.transfer.rejectReason,
      resolution: resolutionView(listing.resolution),
      postings,
      timeline: timelineOf(listing, events),
    };
  });
}

/** The payment's receipt, as the citizen got it: to print or send again. */
export function getPaymentReceipt(ctx: EngineContext, principal: StaffPrincipal, paymentId: string): Promise<Receipt> {
  const { comuneId } = requireComuneRole(principal, 'viewer');
  return ctx.store.read(async (tx) => {
    await listingOf(tx, comuneId, paymentId);
    const receipt = (await tx.receipts.byPayment(paymentId))!;
    return receiptView(tx, (id) => ctx.catalogue.get(tx, id), ctx.settings, receipt);
  });
}
