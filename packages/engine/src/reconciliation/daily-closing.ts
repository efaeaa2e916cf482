import { centsToDecimal, romeDayBounds, type DailyClosing, type DailyClosingLine } from '@pay-box/contract';
import Papa from 'papaparse';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { ClosingPaymentRow, StatementEntryWithMatch } from '../ports/reconciliation.js';
import { requireComuneRole, type StaffPrincipal } from '../staff/staff-principal.js';

const sum = <T>(items: T[], value: (item: T) => number) => items.reduce((total, item) => total + value(item), 0);

/**
 * A comune's day side by side: each payment with its transfer and the statement entry that proved
 * it, then the day's statement entries that prove no payment of that day (a payment of the evening
 * before booked today, or money Pay-Box does not know), with totals and differences.
 */
export async function dailyClosing(ctx: EngineContext, staff: StaffPrincipal, date: string): Promise<DailyClosing> {
  const principal = requireComuneRole(staff, 'viewer');
  const { from, to } = romeDayBounds(date);
  const { comune, payments, entries } = await ctx.store.snapshot(async (tx) => ({
    comune: await tx.comuni.get(principal.comuneId),
    payments: await tx.reconciliation.closingPayments(principal.comuneId, from.toISOString(), to.toISOString()),
    entries: await tx.reconciliation.entriesBookedOn(principal.comuneId, date),
  }));
  if (!comune) throw new DomainError('not_found');
  const shown = new Set(payments.flatMap((payment) => (payment.entryId === null ? [] : [payment.entryId])));
  const lines = [...payments.map(paymentLine), ...entries.filter((entry) => !shown.has(entry.id)).map(entryLine)];
  const transfers = payments.filter((payment) => payment.transferId !== null);
  const transferAmount = (status: string) => sum(transfers.filter((payment) => payment.transferStatus === status), (payment) => payment.transferAmount ?? 0);
  const paid = sum(payments, (payment) => payment.amount);
  const transferred = sum(transfers, (payment) => payment.transferAmount ?? 0);
  const booked = sum(entries, (entry) => entry.amount);
  return {
    comune: { id: comune.id, name: comune.name },
    date,
    lines,
    totals: {
      payments: { count: payments.length, amount: paid, fees: sum(payments, (payment) => payment.citizenFee) },
      transfers: { count: transfers.length, amount: transferred, settled: transferAmount('settled'), pending: transferAmount('pending'), rejected: transferAmount('rejected') },
      statementEntries: {
        count: entries.length,
        amount: booked,
        matched: sum(entries.filter((entry) => entry.reconciledTransferId !== null), (entry) => entry.amount),
        unknown: sum(entries.filter((entry) => entry.reconciledTransferId === null), (entry) => entry.amount),
      },
      differences: {
        transfersMinusPayments: transferred - paid,
        statementMinusTransfers: booked - transferred,
        notReconciled: transfers.filter((payment) => payment.entryId === null).length,
      },
    },
  };
}

const paymentLine = (row: ClosingPaymentRow): DailyClosingLine => ({
  paymentId: row.paymentId,
  paidAt: row.createdAt,
  serviceCode: row.serviceCode,
  noticeNumber: row.noticeNumber,
  channel: row.channel,
  paymentAmount: row.amount,
  transferId: row.transferId,
  transferStatus: row.transferStatus,
  bankReference: row.bankReference,
  transferAmount: row.transferAmount,
  entryId: row.entryId,
  entryBookedOn: row.entryBookedOn,
  entryAmount: row.entryAmount,
  matchedBy: row.matchedBy,
  difference: (row.entryAmount ?? 0) - row.amount,
});

const entryLine = (entry: StatementEntryWithMatch): DailyClosingLine => ({
  paymentId: null,
  paidAt: null,
  serviceCode: null,
  noticeNumber: null,
  channel: null,
  paymentAmount: null,
  transferId: entry.reconciledTransferId,
  transferStatus: null,
  bankReference: entry.bankReference,
  transferAmount: null,
  entryId: entry.id,
  entryBookedOn: entry.bookedOn,
  entryAmount: entry.amount,
  matchedBy: entry.matchedBy,
  difference: entry.amount,
});

const euros = (cents: number | null) => (cents === null ? '' : cents < 0 ? `-${centsToDecimal(-cents)}` : centsToDecimal(cents));

/**
 * The daily closing as CSV for the comune's accounting (documented in docs/cruscotto.md): one row
 * per line, amounts in euro with a dot, then a TOTAL row; cells that a spreadsheet would run as a
 * formula are escaped.
 */
export function dailyClosingCsv(closing: DailyClosing): string {
  const rows = closing.lines.map((line) => [
    closing.date,
    line.paymentId ?? '',
    line.paidAt ?? '',
    line.serviceCode ?? '',
    line.noticeNumber ?? '',
    line.channel ?? '',
    euros(line.paymentAmount),
    line.transferId ?? '',
    line.transferStatus ?? '',
    line.bankReference ?? '',
    euros(line.transferAmount),
    line.entryId ?? '',
    line.entryBookedOn ?? '',
    euros(line.entryAmount),
    line.matchedBy ?? '',
    euros(line.difference),
  ]);
  const { totals } = closing;
  rows.push([closing.date, 'TOTAL', '', '', '', '', euros(totals.payments.amount), '', '', '', euros(totals.transfers.amount), '', '', euros(totals.statementEntries.amount), '', euros(totals.statementEntries.amount - totals.payments.amount)]);
  return Papa.unparse(
    {
      fields: ['date', 'payment_id', 'paid_at', 'service', 'notice_number', 'channel', 'payment_amount', 'transfer_id', 'transfer_status', 'bank_reference', 'transfer_amount', 'entry_id', 'entry_booked_on', 'entry_amount', 'matched_by', 'difference'],
      data: rows,
    },
    { escapeFormulae: true, newline: '\r\n' },
  );
}
