import type { AdminPaymentSummary, AdminTransfer } from '@pay-box/contract';
import type { PaymentListing, TransferResolutionRow } from '../ports/live.js';
import type { TransferRow } from '../ports/rows.js';

/** A transfer still pending this long after it was created stands out in the cruscotto. */
export const STALE_TRANSFER_MS = 60 * 60 * 1000;

type TransferState = Pick<TransferRow, 'status' | 'createdAt'>;

export const isStale = (transfer: TransferState, now: Date): boolean => transfer.status === 'pending' && now.getTime() - Date.parse(transfer.createdAt) > STALE_TRANSFER_MS;

/** A rejected transfer whose outcome staff recorded by hand reads `resolved`. */
export const adminTransferStatus = (transfer: TransferState, resolution: TransferResolutionRow | null): AdminPaymentSummary['transfer']['status'] =>
  transfer.status === 'rejected' && resolution ? 'resolved' : transfer.status;

const resolutionView = (resolution: TransferResolutionRow | null): AdminTransfer['resolution'] =>
  resolution && { note: resolution.note, bankReference: resolution.bankReference, resolvedAt: resolution.resolvedAt, resolvedBy: resolution.resolvedBy };

/** A payment as a staff list shows it (the feed's `payment.succeeded` carries the same, as committed). */
export function paymentSummary({ payment, credit, service, agentName, receipt, transfer, resolution }: PaymentListing, now: Date): AdminPaymentSummary {
  return {
    id: payment.id,
    createdAt: payment.createdAt,
    amount: payment.amount,
    fee: payment.citizenFee,
    channel: payment.channel,
    agent: payment.agentId === null ? null : { id: payment.agentId, name: agentName ?? '' },
    service,
    credit: { id: credit.id, noticeNumber: credit.noticeNumber, debtorName: credit.debtorName, debtorTaxCode: credit.debtorTaxCode, unexpected: credit.unexpected },
    receipt,
    transfer: {
      id: transfer.id,
      status: adminTransferStatus(transfer, resolution),
      bankReference: transfer.bankReference ?? resolution?.bankReference ?? null,
      createdAt: transfer.createdAt,
      settledAt: transfer.settledAt,
      stale: isStale(transfer, now),
    },
  };
}

/** A transfer with its payment: the transfers list. */
export function transferView(listing: PaymentListing, now: Date): AdminTransfer {
  const summary = paymentSummary(listing, now);
  const { transfer, resolution } = listing;
  return {
    id: transfer.id,
    status: summary.transfer.status,
    amount: transfer.amount,
    bankReference: summary.transfer.bankReference,
    rejectReason: transfer.rejectReason,
    createdAt: transfer.createdAt,
    settledAt: transfer.settledAt,
    stale: summary.transfer.stale,
    retries: transfer.retries,
    resolution: resolutionView(resolution),
    payment: summary,
  };
}

export { resolutionView };
