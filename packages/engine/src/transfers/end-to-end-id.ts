import type { TransferRow } from '../ports/rows.js';

/**
 * The EndToEndId of a transfer's latest send: the payment id, and after each retry of a rejected
 * transfer the payment id with the retry's number. A bank may refuse an EndToEndId it has seen
 * (a duplicate check) and a late answer to the rejected send must not be taken for the retry's: a
 * retry is a new instruction to the bank, never the old one again.
 */
export const endToEndIdOf = (transfer: Pick<TransferRow, 'paymentId' | 'retries'>): string =>
  transfer.retries === 0 ? transfer.paymentId : `${transfer.paymentId}-R${transfer.retries}`;

/** The payment an EndToEndId is about, whichever send of its transfer it names (ids never contain '-'). */
export const paymentIdOf = (endToEndId: string): string => endToEndId.split('-')[0]!;
