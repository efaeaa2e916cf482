import type { CheckoutSession } from '@pay-box/contract';
import type { PublishablePrincipal } from '../auth/principal.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { CheckoutSessionRow } from '../ports/rows.js';
import { checkoutSessionView } from './checkout-view.js';

/** How long a citizen has to pay on the card page: long enough to find the card, short enough that the amount stays true. */
export const CHECKOUT_SESSION_TTL_MS = 30 * 60_000;

/** The query parameter that brings the session's id back to the comune's page. */
export const RETURN_PARAMETER = 'paybox_checkout';

export interface CheckoutSessionInput {
  creditId: string;
  amount: number;
  returnUrl: string;
  locale: 'it' | 'en';
}

/**
 * Opens a card payment of one credit from the comune's site: checks the credit as a payment would,
 * fixes the web fee the citizen sees, and asks the acquirer for its hosted page. No money moves and
 * nothing is locked: two sessions for one credit may exist (two tabs), only one can ever pay it.
 */
export async function createCheckoutSession(ctx: EngineContext, principal: PublishablePrincipal, input: CheckoutSessionInput): Promise<CheckoutSession> {
  const { acquirer } = ctx;
  if (!acquirer) throw new DomainError('service_unavailable', { reason: 'no card acquirer is configured' });
  // The card page sends the citizen back there: only to the comune's own sites, never to a page a stranger chose.
  if (!principal.allowedOrigins.includes(new URL(input.returnUrl).origin)) {
    throw new DomainError('validation_failed', [{ path: 'returnUrl', message: 'must be on one of the origins this publishable key allows' }]);
  }
  const now = ctx.clock.now();
  const { credit, catalogue } = await ctx.store.read(async (tx) => ({
    credit: await tx.credits.get(principal.comuneId, input.creditId),
    catalogue: (await ctx.catalogue.get(tx, principal.comuneId))!,
  }));
  if (!credit) throw new DomainError('credit_not_found');
  if (credit.status === 'paid') throw new DomainError('credit_already_paid', { paidAt: credit.paidAt });
  if (credit.status !== 'open') throw new DomainError('credit_not_payable', { status: credit.status });
  if (credit.amount !== input.amount) throw new DomainError('amount_mismatch', { expected: credit.amount, received: input.amount });

  const id = ctx.ids.id('cks');
  const fee = catalogue.fees('web').citizenFee;
  const expiresAt = new Date(now.getTime() + CHECKOUT_SESSION_TTL_MS).toISOString();
  const returnUrl = new URL(input.returnUrl);
  returnUrl.searchParams.set(RETURN_PARAMETER, id);
  // The acquirer is asked before the unit of work, never inside it; a page made for a session that then
  // fails to be written is never paid (its notification finds no session) and expires.
  const { url } = await acquirer.createHostedPayment({
    reference: id,
    amount: credit.amount + fee,
    merchantName: catalogue.comune.name,
    description: credit.publicDescription,
    locale: input.locale,
    returnUrl: returnUrl.href,
    expiresAt,
  });
  const session: CheckoutSessionRow = {
    id,
    comuneId: principal.comuneId,
    apiKeyId: principal.keyId,
    creditId: credit.id,
    amount: credit.amount,
    fee,
    returnUrl: returnUrl.href,
    locale: input.locale,
    url,
    status: 'open',
    paymentId: null,
    lastDeclineReason: null,
    lastDeclineAt: null,
    createdAt: now.toISOString(),
    expiresAt,
  };
  await ctx.store.transaction((tx) => tx.checkoutSessions.insert(session));
  return checkoutSessionView(session, credit, catalogue.serviceById(credit.serviceId)!.code, null, now);
}
