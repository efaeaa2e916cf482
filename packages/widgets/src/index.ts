/**
 * @pay-box/widgets: the Pay-Box web components, for bundlers. Importing this defines nothing;
 * `import '@pay-box/widgets/define'` (or the single file `paybox-widgets.js`) defines the elements.
 */
export { PayBoxCreditLookup } from './components/credit-lookup.js';
export { PayBoxPayment } from './components/payment.js';
export { PayBoxUnexpectedCredit } from './components/unexpected-credit.js';
export { PayBoxReceipt } from './components/receipt.js';
export { PayBoxCheckout } from './components/checkout.js';
export { PayBoxElement, type ThemeName } from './support/paybox-element.js';
export { defineElement } from './support/define-element.js';
export { useLocale, type WidgetLocale } from './support/locale.js';
export type { PayBoxEventDetails, PayBoxEventMap, PayBoxEventName, PayBoxElementName } from './events.js';
export type { CheckoutSession, Point, CardDeclineReason } from '@pay-box/sdk';
