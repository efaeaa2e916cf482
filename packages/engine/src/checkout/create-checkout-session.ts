import type { CheckoutSession } from '@pay-box/contract';
import type { PublishablePrincipal } from '../auth/principal.js';
import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import type { EngineContext } from '../context.js';
import { requireSourceRead, withSourceRead } from '../connectors/source-read.js';
import { DomainError } from '../errors.js';
import { checkUnexpectedCredit } from '../payments/unexpected-credit.js';
import type { CheckoutSessionRow, CreditRow, UnexpectedCreditDraft } from '../ports/rows.js';
import { checkoutSessionView } from './checkout-view.js';

/** How long a citizen has to pay on the card page: long enough to find the card, short enough that the amount stays true. */
export const CHECKOUT_SESSION_TTL_MS = 30 * 60_000;

/** The query parameter that brings the session's id back to the comune's page. */
export const RETURN_PARAMETER = 'paybox_checkout';

/** The request as validated by the contract: a known credit, or an unexpected one. */
export interface CheckoutSessionInput {
  creditId?: string | undefined;
  unexpectedCredit?: UnexpectedCreditDraft | undefined;
  amount: number;
  returnUrl: string;
  locale: 'it' | 'en';
}

/** What the session pays: a known credit, checked as a payment would check it, or an unexpected one checked against its service. */
type Payable = { credit: CreditRow; unexpected: null; serviceCode: string; description: string } | { credit: null; unexpected: CheckoutSessionRow['unexpectedCredit']; serviceCode: string; description: string };

function payableOf(catalogue: ComuneCatalogue, credit: CreditRow | undefined, input: CheckoutSessionInput, now: Date): Payable {
  if (input.unexpectedCredit) {
    const checked = checkUnexpectedCredit(catalogue, input.unexpectedCredit, input.amount, now, 'unexpectedCredit.');
    const unexpected = { serviceCode: checked.service.code, debtor: checked.debtor, fields: checked.values, description: checked.causale };
    return { credit: null, unexpected, serviceCode: checked.service.code, description: checked.causale };
  }
  if (!credit) throw new DomainError('credit_not_found');
  if (credit.status === 'paid') throw new DomainError('credit_already_paid', { paidAt: credit.paidAt });
  if (credit.status !== 'open') throw new DomainError('credit_not_payable', { status: credit.status });
  if (credit.amount !== input.amount) throw new DomainError('amount_mismatch', { expected: credit.amount, received: input.amount });
  return { credit, unexpected: null, serviceCode: catalogue.serviceById(credit.serviceId)!.code, description: credit.publicDescription };
}

/**
 * Opens a card payment of one credit from the comune's site: checks the credit as a payment would
 * (or an unexpected credit's fields and amount as a shop's), fixes the web fee the citizen sees, and
 * asks the acquirer for its hosted page. No money moves and nothing is locked: two sessions for one
 * credit may exist (two tabs), only one can ever pay it. An unexpected credit is opened and closed
 * only when its card is authorised, so an abandoned session leaves no credit behind.
 */
export async function createCheckoutSession(ctx: EngineContext, principal: PublishablePrincipal, input: CheckoutSessionInput): Promise<CheckoutSession> {
  const { acquirer } = ctx;
  if (!acquirer) throw new DomainError('service_unavailable', { reason: 'no card acquirer is configured' });
  // The card page sends the citizen back there: only to the comune's own sites, never to a page a stranger chose.
  if (!principal.allowedOrigins.includes(new URL(input.returnUrl).origin)) {
    throw new DomainError('validation_failed', [{ path: 'returnUrl', message: 'must be on one of the origins this publishable key allows' }]);
  }
  const now = ctx.clock.now();
  const { credit, catalogue } = await withSourceRead(ctx, principal.comuneId, (sourceRead) =>
    ctx.store.read(async (tx) => {
      const read = { credit: input.creditId ? await tx.credits.get(principal.comuneId, input.creditId) : undefined, catalogue: (await ctx.catalogue.get(tx, principal.comuneId))! };
      requireSourceRead(read.catalogue, read.credit, sourceRead);
      return read;
    }),
  );
  const payable = payableOf(catalogue, credit, input, now);

  const id = ctx.ids.id('cks');
  const fee = catalogue.fees('web').citizenFee;
  const expiresAt = new Date(now.getTime() + CHECKOUT_SESSION_TTL_MS).toISOString();
  const returnUrl = new URL(input.returnUrl);
  returnUrl.searchParams.set(RETURN_PARAMETER, id);
  // The acquirer is asked before the unit of work, never inside it; a page made for a session that then
  // fails to be written is never paid (its notification finds no session) and expires.
  const { url } = await acquirer.createHostedPayment({
    reference: id,
    amount: input.amount + fee,
    merchantName: catalogue.comune.name,
    description: payable.description,
    locale: input.locale,
    returnUrl: returnUrl.href,
    expiresAt,
  });
  const session: CheckoutSessionRow = {
    id,
    comuneId: principal.comuneId,
    apiKeyId: principal.keyId,
    creditId: payable.credit?.id ?? null,
    unexpectedCredit: payable.unexpected,
    amount: input.amount,
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
  return checkoutSessionView(session, payable.credit, payable.serviceCode, null, now);
}
