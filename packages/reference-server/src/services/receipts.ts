import { normalizeVerificationCode, receiptVerification, type Receipt, type ReceiptVerification } from '@pay-box/sdk/contract';
import { DomainError } from '../domain-error.js';
import type { ServiceContext } from './context.js';
import type { TerminalPrincipal } from './principal.js';
import { receiptView } from './views.js';

/** A receipt of the caller's own shop: another shop's receipt is "not found", not "forbidden". */
export function getReceipt(ctx: ServiceContext, principal: TerminalPrincipal, receiptId: string): Receipt {
  const receipt = ctx.repos.receipts.get(receiptId);
  const payment = receipt && ctx.repos.payments.get(receipt.paymentId);
  if (!receipt || !payment || payment.agentId !== principal.agentId) throw new DomainError('receipt_not_found');
  return receiptView(ctx, receipt);
}

/** Anyone may check a receipt by its code; the answer shows what the receipt says, no personal data. */
export function verifyReceipt(ctx: ServiceContext, code: string): ReceiptVerification {
  const receipt = ctx.repos.receipts.byVerificationCode(normalizeVerificationCode(code));
  if (!receipt) throw new DomainError('receipt_not_found');
  return receiptVerification(receiptView(ctx, receipt));
}
