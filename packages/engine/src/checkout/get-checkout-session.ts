import type { CheckoutSession, Receipt } from '@pay-box/contract';
import type { PublishablePrincipal } from '../auth/principal.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { CheckoutSessionRow } from '../ports/rows.js';
import type { UnitOfWork } from '../ports/store.js';
import { paymentView } from '../views/payment-view.js';
import { receiptView } from '../views/receipt-view.js';
import { checkoutSessionView } from './checkout-view.js';

/** A session of the key's comune: another comune's is "not found", whoever asks. */
async function sessionOf(tx: UnitOfWork, principal: PublishablePrincipal, sessionId: string): Promise<CheckoutSessionRow> {
  const session = await tx.checkoutSessions.get(sessionId);
  if (!session || session.comuneId !== principal.comuneId) throw new DomainError('checkout_session_not_found');
  return session;
}

/** Where a card payment stands, read when the citizen comes back from the card page (and while waiting for the bank reference). */
export function getCheckoutSession(ctx: EngineContext, principal: PublishablePrincipal, sessionId: string): Promise<CheckoutSession> {
  return ctx.store.read(async (tx) => {
    const session = await sessionOf(tx, principal, sessionId);
    const credit = session.creditId ? ((await tx.credits.get(session.comuneId, session.creditId)) ?? null) : null;
    const serviceCode = credit ? (await ctx.catalogue.get(tx, session.comuneId))!.serviceById(credit.serviceId)!.code : session.unexpectedCredit!.serviceCode;
    const payment = session.paymentId ? await paymentView(tx, (comuneId) => ctx.catalogue.get(tx, comuneId), session.paymentId) : null;
    return checkoutSessionView(session, credit, serviceCode, payment, ctx.clock.now());
  });
}

/** The receipt of a session that paid: the citizen downloads or prints it from the comune's page. */
export function getCheckoutReceipt(ctx: EngineContext, principal: PublishablePrincipal, sessionId: string): Promise<Receipt> {
  return ctx.store.read(async (tx) => {
    const session = await sessionOf(tx, principal, sessionId);
    const receipt = session.paymentId ? await tx.receipts.byPayment(session.paymentId) : undefined;
    if (!receipt) throw new DomainError('receipt_not_found');
    return receiptView(tx, (comuneId) => ctx.catalogue.get(tx, comuneId), ctx.settings, receipt);
  });
}
