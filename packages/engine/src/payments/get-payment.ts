import type { Payment } from '@pay-box/contract';
import type { TerminalPrincipal } from '../auth/principal.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import { paymentView } from '../views/payment-view.js';

/** A payment of the caller's own shop: another shop's is "not found", not "forbidden". */
export function getPayment(ctx: EngineContext, principal: TerminalPrincipal, paymentId: string): Promise<Payment> {
  return ctx.store.read(async (tx) => {
    const payment = await tx.payments.get(paymentId);
    if (!payment || payment.agentId !== principal.agentId) throw new DomainError('payment_not_found');
    return paymentView(tx, (comuneId) => ctx.catalogue.get(tx, comuneId), paymentId);
  });
}
