import type { CardDeclineReason } from '@pay-box/contract';

/** A card payment for the acquirer to host: the citizen types the card on the acquirer's page, never on the comune's. */
export interface HostedPaymentOrder {
  /** The checkout session's id: the acquirer echoes it in its notification. */
  reference: string;
  /** What the card is charged, integer cents: the credit's amount and the web fee. */
  amount: number;
  /** Shown on the card page and on the citizen's card statement. */
  merchantName: string;
  description: string;
  locale: 'it' | 'en';
  /** Where the acquirer sends the browser back, paid, refused or given up. */
  returnUrl: string;
  /** Until when the page takes a card. */
  expiresAt: string;
}

/** What the acquirer notifies, signed, once a card was tried on a hosted page. */
export type CardNotification =
  | { reference: string; outcome: 'authorized'; authorizationId: string; amount: number }
  | { reference: string; outcome: 'declined'; reason: CardDeclineReason };

/** Thrown when the acquirer does not answer in time or refuses an operation: the outbox tries again later. */
export class AcquirerError extends Error {
  override readonly name = 'AcquirerError';
}

/**
 * A card acquirer. Pay-Box authorises first and captures only once the credit is closed, so a card
 * is charged for a payment that exists or not at all: an authorisation for a credit paid meanwhile
 * is voided. Capture and void are idempotent at the acquirer: asking twice has the effect of once.
 */
export interface CardAcquirer {
  /** The hosted payment page to send the browser to. */
  createHostedPayment(order: HostedPaymentOrder): Promise<{ url: string }>;
  /** A notification as posted (its raw body and headers), or undefined when its signature does not hold. */
  readNotification(body: string, headers: Headers): Promise<CardNotification | undefined>;
  /** Charges an authorisation; rejects with AcquirerError when it could not. */
  capture(authorizationId: string, amount: number): Promise<void>;
  /** Releases an authorisation: the citizen is not charged. */
  void(authorizationId: string): Promise<void>;
}
