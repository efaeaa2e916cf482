import type { TransferOrder } from '../ports/transfer-rail.js';
import type { Rejection } from './transfer-validation.js';

export type BookedState = 'processing' | 'settled' | 'rejected';

/** One transfer as the sandbox bank booked it. */
export interface BookedTransfer {
  sequence: number;
  endToEndId: string;
  /** Cents as received; `null` when the order's amount was not a number at all. */
  amount: number | null;
  creditorIban: string;
  creditorName: string;
  remittance: string;
  state: BookedState;
  bankReference: string | null;
  reasonCode: string | null;
  reason: string | null;
  receivedAt: string;
  settledAt: string | null;
}

/** How a transfer is booked when it arrives: settled at once (an instant transfer), rejected, or processing. */
export type Booking =
  | { state: 'processing' }
  | { state: 'rejected'; rejection: Rejection }
  | { state: 'settled'; settledAt: Date; reference: (sequence: number) => string };

/** A transfer as booked on its arrival, numbered `sequence` by the book. */
export function bookedTransfer(sequence: number, order: TransferOrder, receivedAt: Date, booking: Booking): BookedTransfer {
  return {
    sequence,
    endToEndId: order.endToEndId,
    amount: Number.isFinite(order.amount) ? order.amount : null,
    creditorIban: order.creditorIban,
    creditorName: order.creditorName,
    remittance: order.remittance,
    state: booking.state,
    bankReference: booking.state === 'settled' ? booking.reference(sequence) : null,
    reasonCode: booking.state === 'rejected' ? booking.rejection.reasonCode : null,
    reason: booking.state === 'rejected' ? booking.rejection.reason : null,
    receivedAt: receivedAt.toISOString(),
    settledAt: booking.state === 'settled' ? booking.settledAt.toISOString() : null,
  };
}

/**
 * The sandbox bank's own books, kept apart from Pay-Box's (in memory for the SDK's mock, in its own
 * SQLite file on the reference server). Booking never deduplicates: a bank books every transfer it
 * receives.
 */
export interface BankBook {
  /** Books a transfer, durably before it resolves: a real bank books before it acknowledges. */
  book(order: TransferOrder, receivedAt: Date, booking: Booking): Promise<BookedTransfer>;
  /** Settles a processing transfer; returns it as it now stands. */
  settle(sequence: number, settledAt: Date, reference: string): BookedTransfer;
  /**
   * Whether a transfer with this EndToEndId is booked, or being booked, other than rejected: the
   * bank's duplicate check, which must see a booking still waiting to be written.
   */
  hasAccepted(endToEndId: string): boolean;
  /** Every transfer booked with this EndToEndId, oldest first. */
  transfersFor(endToEndId: string): BookedTransfer[];
  allTransfers(): BookedTransfer[];
  processingTransfers(): BookedTransfer[];
  close(): void | Promise<void>;
}
