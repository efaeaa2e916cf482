/**
 * The web channel's part of the SDK that the lead engineer is adding (checkout sessions and shops),
 * declared here as specified in issue 8 so the widgets compile against it today.
 * Delete this file once `@pay-box/sdk` exports CheckoutSession, Point and both resources.
 */
import type { PayBox, Payment, WriteOptions } from '@pay-box/sdk';

export type CardDeclineReason = 'card_declined' | 'insufficient_funds' | 'authentication_failed';

export interface CheckoutSession {
  id: string;
  status: 'open' | 'succeeded' | 'already_paid' | 'expired';
  creditId: string;
  noticeNumber: string;
  serviceCode: string;
  description: string;
  amount: number;
  fee: number;
  total: number;
  currency: 'EUR';
  /** The acquirer's hosted card page: the browser goes there with a full-page redirect. */
  url: string;
  returnUrl: string;
  expiresAt: string;
  createdAt: string;
  lastDecline: null | { reason: CardDeclineReason; at: string };
  payment: null | Payment;
}

export interface Point {
  id: string;
  name: string;
  address: string;
  /** ISO day of the week (Monday = 1), times HH:MM in Rome. */
  openingHours: Array<{ day: 1 | 2 | 3 | 4 | 5 | 6 | 7; opens: string; closes: string }>;
}

export interface CheckoutSessionsResource {
  create(input: { creditId: string; amount: number; returnUrl: string; locale?: 'it' | 'en' }, options?: WriteOptions): Promise<CheckoutSession>;
  retrieve(id: string): Promise<CheckoutSession>;
  receipt(id: string, format: 'pdf'): Promise<Blob>;
}

export interface PointsResource {
  list(): Promise<{ data: Point[] }>;
}

/** The client the widgets use: the SDK's, with the web channel's resources. */
export type WidgetClient = PayBox & { checkoutSessions: CheckoutSessionsResource; points: PointsResource };
