import { isValidIban } from '@pay-box/contract';
import { isSepaText } from '../transfers/sepa-text.js';
import type { TransferOrder } from '../ports/transfer-rail.js';

/** Why a bank refuses a transfer: an ISO 20022 status reason code and its meaning. */
export interface Rejection {
  reasonCode: string;
  reason: string;
}

/** The checks a bank runs on a credit transfer before booking it; `null` when it passes them all. */
export function rejectionFor(order: TransferOrder): Rejection | null {
  if (!isValidIban(order.creditorIban)) {
    return { reasonCode: 'AC01', reason: 'Incorrect account number: the creditor IBAN is not valid' };
  }
  if (!Number.isSafeInteger(order.amount) || order.amount <= 0) {
    return { reasonCode: 'AM02', reason: 'Not allowed amount: it must be a positive whole number of cents' };
  }
  if (order.endToEndId.length < 1 || order.endToEndId.length > 35) {
    return { reasonCode: 'FF01', reason: 'Invalid format: the EndToEndId must be 1 to 35 characters' };
  }
  if (order.creditorName.trim().length < 1 || order.creditorName.length > 70) {
    return { reasonCode: 'FF01', reason: 'Invalid format: the creditor name must be 1 to 70 characters' };
  }
  if (order.remittance.length > 140 || !isSepaText(order.remittance)) {
    return { reasonCode: 'FF01', reason: 'Invalid format: the remittance must be at most 140 SEPA characters' };
  }
  return null;
}
