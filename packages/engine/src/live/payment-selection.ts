import { normalizeVerificationCode, romeDayBounds, type AdminPaymentFilter } from '@pay-box/contract';
import { DomainError } from '../errors.js';
import type { PaymentSelection } from '../ports/live.js';
import { STALE_TRANSFER_MS } from '../views/admin-payment-view.js';

/** A list's page position: the last payment shown, (createdAt, id), as an opaque string. */
export const encodeCursor = (payment: { createdAt: string; id: string }): string => btoa(`${payment.createdAt}|${payment.id}`).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');

function decodeCursor(cursor: string): { cursorAt: string; cursorId: string } {
  let decoded = '';
  try {
    decoded = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    // Not base64: refused below like any other cursor this API did not write.
  }
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|(pay_[0-9A-Za-z]{8,40})$/.exec(decoded);
  if (!match) throw new DomainError('validation_failed', [{ path: 'cursor', message: 'not a cursor of this list: pass nextCursor back as it came' }]);
  return { cursorAt: match[1]!, cursorId: match[2]! };
}

const noFilter: Omit<PaymentSelection, 'comuneId' | 'limit'> = {
  from: null,
  to: null,
  serviceCode: null,
  channel: null,
  agentId: null,
  transferStatus: null,
  transferCreatedBefore: null,
  resolved: null,
  minAmount: null,
  maxAmount: null,
  noticeNumber: null,
  taxCode: null,
  search: null,
  paymentId: null,
  cursorAt: null,
  cursorId: null,
};

type TransferFilter = NonNullable<AdminPaymentFilter['transferStatus']>;

/** How each status staff filter by reads in the stored transfer and its resolution. */
function transferSelection(status: TransferFilter | undefined, now: Date): Pick<PaymentSelection, 'transferStatus' | 'transferCreatedBefore' | 'resolved'> {
  switch (status) {
    case undefined:
      return { transferStatus: null, transferCreatedBefore: null, resolved: null };
    case 'stale':
      return { transferStatus: 'pending', transferCreatedBefore: new Date(now.getTime() - STALE_TRANSFER_MS).toISOString(), resolved: null };
    case 'rejected':
    case 'resolved':
      return { transferStatus: 'rejected', transferCreatedBefore: null, resolved: status === 'resolved' ? 1 : 0 };
    default:
      return { transferStatus: status, transferCreatedBefore: null, resolved: null };
  }
}

/** The selection of a staff list: the comune's payments narrowed by the filters, from the cursor on. */
export function paymentSelection(comuneId: string, filter: AdminPaymentFilter & { cursor?: string | undefined }, limit: number, now: Date): PaymentSelection {
  return {
    ...noFilter,
    comuneId,
    limit,
    from: filter.from === undefined ? null : romeDayBounds(filter.from).from.toISOString(),
    to: filter.to === undefined ? null : romeDayBounds(filter.to).to.toISOString(),
    serviceCode: filter.service ?? null,
    channel: filter.channel ?? null,
    agentId: filter.agentId ?? null,
    ...transferSelection(filter.transferStatus, now),
    minAmount: filter.minAmount ?? null,
    maxAmount: filter.maxAmount ?? null,
    noticeNumber: filter.noticeNumber ?? null,
    taxCode: filter.taxCode ?? null,
    ...(filter.cursor === undefined ? {} : decodeCursor(filter.cursor)),
  };
}

/** One payment of the comune, by id. */
export const onePayment = (comuneId: string, paymentId: string): PaymentSelection => ({ ...noFilter, comuneId, paymentId, limit: 1 });

/**
 * What the support search box was given, as stored: a notice number or a receipt number as typed,
 * a verification code however it was typed (case, dashes, O for 0), a tax code in capitals.
 */
export function searchSelection(comuneId: string, q: string, limit: number): PaymentSelection {
  const typed = q.trim();
  const raw = typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const search = /^\d{18}$/.test(typed) || /^\d{4}-\d{6}$/.test(typed) ? typed : raw.length === 12 ? normalizeVerificationCode(typed) : typed.toUpperCase();
  return { ...noFilter, comuneId, search, limit };
}
