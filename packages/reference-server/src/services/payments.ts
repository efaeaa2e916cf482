import type { Payment } from '@pay-box/sdk/contract';
import { DomainError } from '../domain-error.js';
import type { ServiceContext } from './context.js';
import type { TerminalPrincipal } from './principal.js';
import { paymentView } from './views.js';

/** A payment of the caller's own shop. */
export function getPayment(ctx: ServiceContext, principal: TerminalPrincipal, paymentId: string): Payment {
  const payment = ctx.repos.payments.get(paymentId);
  if (!payment || payment.agentId !== principal.agentId) throw new DomainError('payment_not_found');
  return paymentView(ctx, paymentId);
}
