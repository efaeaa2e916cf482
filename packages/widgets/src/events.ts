import type { CardDeclineReason, CheckoutSession, Credit, FieldValues, PayBoxErrorCode } from '@pay-box/sdk';

/** The `detail` of each event the widgets dispatch. Every event bubbles and crosses shadow roots (composed). */
export interface PayBoxEventDetails {
  /** The citizen picked a credit to pay (from `<paybox-credit-lookup>`). */
  'paybox-credit-selected': { credit: Credit };
  /** The card payment went through: `session.payment` has the receipt and the transfer (CRO/TRN once the bank answers). */
  'paybox-payment-succeeded': { session: CheckoutSession };
  /** The card payment did not: declined (nothing charged, the citizen may retry), expired, or paid elsewhere meanwhile. */
  'paybox-payment-failed': { session: CheckoutSession; reason: CardDeclineReason | 'expired' | 'already_paid' };
  /** The element has what it needs from the server and can be used. */
  'paybox-ready': { element: PayBoxElementName };
  /** A request failed; `message` is what the widget shows, in its language. */
  'paybox-error': { code: PayBoxErrorCode | 'unexpected_error'; message: string; requestId: string | null };
  /** `<paybox-unexpected-credit>`: the form is valid and the amount computed by the service's rule. */
  'paybox-unexpected-credit-ready': { serviceCode: string; fields: FieldValues; amount: number };
}

export type PayBoxEventName = keyof PayBoxEventDetails;

/** `addEventListener` typings: `element.addEventListener('paybox-credit-selected', (event) => event.detail.credit)`. */
export type PayBoxEventMap = { [Name in PayBoxEventName]: CustomEvent<PayBoxEventDetails[Name]> };

export type PayBoxElementName = 'paybox-credit-lookup' | 'paybox-payment' | 'paybox-unexpected-credit' | 'paybox-receipt' | 'paybox-checkout';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging is how DOM event maps grow
  interface HTMLElementEventMap extends PayBoxEventMap {}
}

/** Dispatches a Pay-Box event from `target`: bubbling, composed, typed by name. */
export function dispatchPayBoxEvent<Name extends PayBoxEventName>(target: EventTarget, name: Name, detail: PayBoxEventDetails[Name]): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
