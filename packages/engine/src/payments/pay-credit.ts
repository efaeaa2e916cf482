import type { PaymentCreateRequest } from '@pay-box/contract';
import type { TerminalPrincipal } from '../auth/principal.js';
import { requireSourceRead, withSourceRead } from '../connectors/source-read.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import { atShop, collectPayment } from './collect-payment.js';
import { runIdempotent } from './idempotency.js';
import { respondWithPayment, type PaymentOutcome } from './respond-with-payment.js';

/** Pays a known credit at a shop, exactly once per Idempotency-Key. */
export function payCredit(ctx: EngineContext, principal: TerminalPrincipal, request: PaymentCreateRequest, idempotencyKey: string): Promise<PaymentOutcome> {
  return withSourceRead(ctx, principal.comuneId, (sourceRead) =>
    runIdempotent(
      ctx,
      { apiKeyId: principal.keyId, comuneId: principal.comuneId, key: idempotencyKey, operation: 'createPayment', request },
      async (tx, paymentId) => {
        const credit = await tx.credits.get(principal.comuneId, request.creditId);
        if (!credit) throw new DomainError('credit_not_found');
        const catalogue = (await ctx.catalogue.get(tx, principal.comuneId))!;
        requireSourceRead(catalogue, credit, sourceRead);
        if (credit.status === 'open' && credit.amount !== request.amount) {
          throw new DomainError('amount_mismatch', { expected: credit.amount, received: request.amount });
        }
        return collectPayment(ctx, tx, catalogue, atShop(principal), credit, paymentId, ctx.clock.now());
      },
      (outcome) => respondWithPayment(ctx, outcome),
    ),
  );
}
