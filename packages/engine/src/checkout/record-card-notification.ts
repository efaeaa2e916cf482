import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { CardNotification } from '../ports/card-acquirer.js';
import type { CardAuthorizationRow, CheckoutSessionRow, CreditRow } from '../ports/rows.js';
import type { UnitOfWork } from '../ports/store.js';
import { collectPayment, type CollectedPayment } from '../payments/collect-payment.js';
import { respondWithPayment } from '../payments/respond-with-payment.js';
import { openUnexpectedCredit } from '../payments/unexpected-credit.js';
import type { CardOperationRow } from './card-operations.js';
import { isExpired } from './checkout-view.js';

/** What a notification changed: a payment made, an authorisation sent back, a decline noted, or nothing new. */
export type NotificationEffect = 'paid' | 'voided' | 'declined' | 'repeated';

type Decision = { effect: 'paid'; collected: CollectedPayment; operation: CardOperationRow } | { effect: 'voided'; operation: CardOperationRow; why: string } | { effect: 'declined' | 'repeated' };

/**
 * Applies what the acquirer notified about a card tried on a session's page. An authorisation is
 * captured only once its session's credit is closed, in the unit of work that closes it, which also
 * writes the payment, receipt and transfer as a shop payment does: a second notification of the same
 * authorisation, a second tab, a reload or a shop that paid first all end with one payment, and any
 * other authorisation is voided, so the citizen is charged once. The answer waits, bounded, for the
 * bank's reference, so the page the citizen returns to shows the CRO/TRN.
 */
export async function recordCardNotification(ctx: EngineContext, body: string, headers: Headers): Promise<NotificationEffect> {
  const notification = await ctx.acquirer?.readNotification(body, headers);
  if (!notification) throw new DomainError('unauthorized', { reason: 'the notification is not signed by the acquirer' });
  const now = ctx.clock.now();
  const decision = await ctx.store.transaction(async (tx): Promise<Decision> => {
    // Locked first: two notifications for one session are applied one after the other.
    const session = await tx.checkoutSessions.get(notification.reference, { lock: true });
    if (!session) throw new DomainError('checkout_session_not_found');
    if (notification.outcome === 'declined') {
      if (session.status === 'open') await tx.checkoutSessions.recordDecline(session.id, notification.reason, now.toISOString());
      return { effect: 'declined' };
    }
    return decideAuthorization(ctx, tx, session, notification, now);
  });
  if (decision.effect === 'voided') ctx.log.warn('card authorisation will be voided', { sessionId: notification.reference, why: decision.why });
  if (decision.effect === 'paid' || decision.effect === 'voided') void ctx.cardOperations.run(decision.operation);
  if (decision.effect === 'paid') await respondWithPayment(ctx, { created: decision.collected, paymentId: decision.collected.paymentId });
  return decision.effect;
}

async function decideAuthorization(
  ctx: EngineContext,
  tx: UnitOfWork,
  session: CheckoutSessionRow,
  notification: Extract<CardNotification, { outcome: 'authorized' }>,
  now: Date,
): Promise<Decision> {
  if (await tx.cardAuthorizations.get(notification.authorizationId)) return { effect: 'repeated' };
  const authorization: CardAuthorizationRow = {
    id: notification.authorizationId,
    comuneId: session.comuneId,
    sessionId: session.id,
    amount: notification.amount,
    status: 'void_pending',
    createdAt: now.toISOString(),
    settledAt: null,
  };
  const voided = async (why: string): Promise<Decision> => ({ effect: 'voided', why, operation: await queue(ctx, tx, authorization, 'card_void', now) });

  if (notification.amount !== session.amount + session.fee) return voided(`authorised ${notification.amount}, the session charges ${session.amount + session.fee}`);
  if (session.status !== 'open') return voided(`the session is ${session.status}`);
  if (isExpired(session, now)) return voided('the session expired');
  const credit = await creditToPay(ctx, tx, session, now);
  if (credit?.status === 'paid') {
    await tx.checkoutSessions.close(session.id, 'already_paid', null);
    return voided('the credit was paid meanwhile');
  }
  if (!credit || credit.status !== 'open' || credit.amount !== session.amount) return voided('the credit is no longer payable as it was');

  const catalogue = (await ctx.catalogue.get(tx, session.comuneId))!;
  const collected = await collectPayment(ctx, tx, catalogue, { channel: 'web', citizenFee: session.fee }, credit, ctx.ids.id('pay'), now);
  await tx.checkoutSessions.close(session.id, 'succeeded', { paymentId: collected.paymentId, creditId: credit.id });
  return { effect: 'paid', collected, operation: await queue(ctx, tx, { ...authorization, status: 'capture_pending' }, 'card_capture', now) };
}

/**
 * The credit a session pays: the known one as it stands now, or, for an unexpected credit, the
 * credit opened now from the fields checked when the session opened (the amount the citizen agreed
 * to stands, even if a reduction's last day passed while they typed the card).
 */
async function creditToPay(ctx: EngineContext, tx: UnitOfWork, session: CheckoutSessionRow, now: Date): Promise<CreditRow | undefined> {
  if (session.creditId) return tx.credits.get(session.comuneId, session.creditId);
  const draft = session.unexpectedCredit!;
  const catalogue = (await ctx.catalogue.get(tx, session.comuneId))!;
  const service = catalogue.serviceByCode(draft.serviceCode);
  if (!service) return undefined;
  const checked = { service, debtor: draft.debtor, values: draft.fields, causale: draft.description };
  return openUnexpectedCredit(ctx, tx, catalogue, checked, session.amount, now);
}

/** Records the authorisation with what is to be done with it, and the outbox row that does it, leased to this request. */
async function queue(ctx: EngineContext, tx: UnitOfWork, authorization: CardAuthorizationRow, kind: CardOperationRow['kind'], now: Date): Promise<CardOperationRow> {
  await tx.cardAuthorizations.insert(authorization);
  const id = ctx.ids.id('obx');
  const leaseUntil = new Date(ctx.clock.now().getTime() + ctx.dispatch.leaseMs).toISOString();
  await tx.outbox.insert({ id, comuneId: authorization.comuneId, kind, subjectId: authorization.id, leaseUntil }, now.toISOString());
  return { id, kind, subjectId: authorization.id, failures: 0 };
}
