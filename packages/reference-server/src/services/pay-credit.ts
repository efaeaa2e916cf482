import type { Payment, PaymentCreateRequest } from '@pay-box/sdk/contract';
import { DomainError } from '../domain-error.js';
import { collectAtAgent } from './collect-payment.js';
import type { ServiceContext } from './context.js';
import type { IdempotentWrites } from './idempotent-writes.js';
import type { TerminalPrincipal } from './principal.js';
import { paymentView } from './views.js';

export interface PaymentOutcome {
  payment: Payment;
  /** True when this answers a retry of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

/** Pays a known credit at a shop, exactly once per Idempotency-Key. */
export function payCredit(
  ctx: ServiceContext,
  idempotent: IdempotentWrites,
  principal: TerminalPrincipal,
  request: PaymentCreateRequest,
  idempotencyKey: string,
): Promise<PaymentOutcome> {
  return idempotent.run(
    { apiKeyId: principal.keyId, key: idempotencyKey, operation: 'createPayment', request },
    () => {
      const credit = ctx.repos.credits.get(principal.comuneId, request.creditId);
      if (!credit) throw new DomainError('credit_not_found');
      if (credit.status === 'open' && credit.amount !== request.amount) {
        throw new DomainError('amount_mismatch', { expected: credit.amount, received: request.amount });
      }
      return collectAtAgent(ctx, principal, credit, ctx.clock.now());
    },
    (paymentId, replayed) => respondWithPayment(ctx, paymentId, replayed),
  );
}

/** Wakes the dispatcher, waits a bounded time for the bank reference, then reads the payment. */
export async function respondWithPayment(ctx: ServiceContext, paymentId: string, replayed: boolean): Promise<PaymentOutcome> {
  const transfer = ctx.repos.transfers.byPayment(paymentId)!;
  if (!replayed) ctx.events.emit('outbox.enqueued', { kind: 'transfer', subjectId: transfer.id });
  await ctx.transferWaits.wait(paymentId, ctx.settings.transferWaitMs, () => ctx.repos.transfers.byPayment(paymentId)?.status !== 'pending');
  return { payment: paymentView(ctx, paymentId), replayed };
}
