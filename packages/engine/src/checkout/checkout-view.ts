import type { CheckoutSession, Payment } from '@pay-box/contract';
import type { CheckoutSessionRow, CreditRow } from '../ports/rows.js';

/** An open session past its expiry takes no card: it reads as expired, without a write to say so. */
export const isExpired = (session: CheckoutSessionRow, now: Date): boolean => session.status === 'open' && Date.parse(session.expiresAt) <= now.getTime();

/**
 * A checkout session as the API returns it. `credit` is the credit it pays, or null for an
 * unexpected credit not paid yet: the causale the citizen saw stands for its description then.
 */
export function checkoutSessionView(
  session: CheckoutSessionRow,
  credit: Pick<CreditRow, 'noticeNumber' | 'publicDescription'> | null,
  serviceCode: string,
  payment: Payment | null,
  now: Date,
): CheckoutSession {
  return {
    id: session.id,
    status: isExpired(session, now) ? 'expired' : session.status,
    creditId: session.creditId,
    noticeNumber: credit?.noticeNumber ?? null,
    serviceCode,
    description: credit?.publicDescription ?? session.unexpectedCredit!.description,
    amount: session.amount,
    fee: session.fee,
    total: session.amount + session.fee,
    currency: 'EUR',
    url: session.url,
    returnUrl: session.returnUrl,
    expiresAt: session.expiresAt,
    createdAt: session.createdAt,
    lastDecline: session.lastDeclineReason && session.lastDeclineAt ? { reason: session.lastDeclineReason, at: session.lastDeclineAt } : null,
    payment,
  };
}
