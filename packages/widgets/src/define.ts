/** Defines every Pay-Box element; an element the page already has is kept, with a warning. */
import { PayBoxCheckout } from './components/checkout.js';
import { PayBoxCreditLookup } from './components/credit-lookup.js';
import { PayBoxPayment } from './components/payment.js';
import { PayBoxReceipt } from './components/receipt.js';
import { PayBoxUnexpectedCredit } from './components/unexpected-credit.js';
import { defineElement } from './support/define-element.js';

defineElement('paybox-credit-lookup', PayBoxCreditLookup);
defineElement('paybox-payment', PayBoxPayment);
defineElement('paybox-unexpected-credit', PayBoxUnexpectedCredit);
defineElement('paybox-receipt', PayBoxReceipt);
defineElement('paybox-checkout', PayBoxCheckout);
