import { normalizeVerificationCode, type Receipt, type ReceiptVerification } from '@pay-box/contract';
import type { TerminalPrincipal } from '../auth/principal.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import { receiptVerification, receiptView } from '../views/receipt-view.js';

/** A receipt of the caller's own shop: another shop's receipt is "not found", not "forbidden". */
export function getReceipt(ctx: EngineContext, principal: TerminalPrincipal, receiptId: string): Promise<Receipt> {
  return ctx.store.read(async (tx) => {
    const receipt = await tx.receipts.get(receiptId);
    const payment = receipt && (await tx.payments.get(receipt.paymentId));
    if (!receipt || !payment || payment.agentId !== principal.agentId) throw new DomainError('receipt_not_found');
    return receiptView(tx, (comuneId) => ctx.catalogue.get(tx, comuneId), ctx.settings, receipt);
  });
}

/** Anyone may check a receipt by its code; the answer shows what the receipt says, no personal data. */
export function verifyReceipt(ctx: EngineContext, code: string): Promise<ReceiptVerification> {
  return ctx.store.read(async (tx) => {
    const receipt = await tx.receipts.byVerificationCode(normalizeVerificationCode(code));
    if (!receipt) throw new DomainError('receipt_not_found');
    return receiptVerification(await receiptView(tx, (comuneId) => ctx.catalogue.get(tx, comuneId), ctx.settings, receipt));
  });
}
