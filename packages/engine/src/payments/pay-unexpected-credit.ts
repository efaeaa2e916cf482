import type { UnexpectedCreditCreateRequest, UnexpectedCreditResult } from '@pay-box/contract';
import type { TerminalPrincipal } from '../auth/principal.js';
import type { EngineContext } from '../context.js';
import { creditView } from '../views/credit-view.js';
import { atShop, collectPayment } from './collect-payment.js';
import { runIdempotent } from './idempotency.js';
import { respondWithPayment } from './respond-with-payment.js';
import { checkUnexpectedCredit, openUnexpectedCredit } from './unexpected-credit.js';

/** The request as validated by the contract (tax code normalised). */
export type UnexpectedCreditInput = Omit<UnexpectedCreditCreateRequest, 'debtor'> & { debtor: { taxCode: string; name: string } };

/**
 * Records a credit the comune did not know in advance and pays it in the same unit of work: opened
 * and closed at once, with every field kept for the comune to register it later. Its citizen-safe
 * description is the causale built from the service's fields; the shop's free text, if any, is the
 * comune's description, seen by its staff only.
 */
export async function payUnexpectedCredit(
  ctx: EngineContext,
  principal: TerminalPrincipal,
  request: UnexpectedCreditInput,
  idempotencyKey: string,
): Promise<UnexpectedCreditResult & { replayed: boolean }> {
  return runIdempotent(
    ctx,
    { apiKeyId: principal.keyId, comuneId: principal.comuneId, key: idempotencyKey, operation: 'createUnexpectedCredit', request },
    async (tx, paymentId) => {
      const catalogue = (await ctx.catalogue.get(tx, principal.comuneId))!;
      const now = ctx.clock.now();
      const checked = checkUnexpectedCredit(catalogue, request, request.amount, now);
      const credit = await openUnexpectedCredit(ctx, tx, catalogue, checked, request.amount, now, request.description);
      const collected = await collectPayment(ctx, tx, catalogue, atShop(principal), credit, paymentId, now);
      return { ...collected, view: creditView(collected.credit, catalogue, principal) };
    },
    async (outcome) => {
      const { payment, replayed } = await respondWithPayment(ctx, outcome);
      if ('created' in outcome) return { credit: outcome.created.view, payment, replayed };
      // A replay reads the credit its first request made.
      const credit = await ctx.store.read(async (tx) => creditView((await tx.credits.get(principal.comuneId, payment.creditId))!, (await ctx.catalogue.get(tx, principal.comuneId))!, principal));
      return { credit, payment, replayed };
    },
  );
}
