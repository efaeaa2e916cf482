import { assemblePayment } from '../domain/payment-facts.js';
import { assembleReceipt, receiptVerification } from '../domain/receipt-facts.js';
import type { Credit } from '../contract/credits.js';
import type { Payment } from '../contract/payments.js';
import type { Receipt, ReceiptVerification } from '../contract/receipts.js';
import { maskName, maskTaxCode } from '../domain/masking.js';
import { demoFees, INSTITUTION_NAME } from '../demo/index.js';
import type { FakeCredit, FakePayment, FakePrincipal, FakeState } from './fake-state.js';

/** The fake has no host of its own: receipts and the msw handlers use this one unless told otherwise. */
export const FAKE_BASE_URL = 'http://paybox.mock';

function serviceOf(state: FakeState, code: string) {
  return state.services.find((service) => service.code === code)!;
}

/** Terminals collect at a shop (agent fees); publishable keys are the comune's web site. */
export function feesFor(principal: FakePrincipal) {
  return principal.kind === 'terminal' ? demoFees.agent : demoFees.web;
}

/** Keys that reach shops and browsers see debtors masked. */
export function creditView(state: FakeState, credit: FakeCredit, principal: FakePrincipal): Credit {
  const service = serviceOf(state, credit.serviceCode);
  const fee = feesFor(principal).citizenFee;
  return {
    id: credit.id,
    comune: { id: state.comune.id, name: state.comune.name, fiscalCode: state.comune.fiscalCode },
    service: { code: service.code, name: service.name },
    description: credit.description,
    amount: credit.amount,
    fee,
    total: credit.amount + fee,
    currency: 'EUR',
    dueDate: credit.dueDate,
    status: credit.status,
    noticeNumber: credit.noticeNumber,
    iuv: credit.iuv,
    debtor: { type: credit.debtor.type, name: maskName(credit.debtor.name), taxCode: maskTaxCode(credit.debtor.taxCode), masked: true },
    unexpected: credit.unexpected,
    fields: credit.fields,
    paidAt: credit.paidAt,
  };
}

export function paymentView(state: FakeState, payment: FakePayment): Payment {
  const credit = state.credits.get(payment.creditId)!;
  return assemblePayment({
    payment: { ...payment, channel: 'agent', comuneId: state.comune.id },
    credit,
    serviceCode: credit.serviceCode,
    receipt: payment.receipt,
    transfer: payment.transfer,
  });
}

export function receiptView(state: FakeState, payment: FakePayment): Receipt {
  const credit = state.credits.get(payment.creditId)!;
  return assembleReceipt({
    receipt: payment.receipt,
    publicUrl: FAKE_BASE_URL,
    comune: state.comune,
    service: serviceOf(state, credit.serviceCode),
    credit,
    payment,
    agent: state.agents.get(payment.agentId)!,
    institutionName: INSTITUTION_NAME,
    transfer: payment.transfer,
  });
}

/** What anyone may learn from a receipt's code: no personal data. */
export function verificationView(state: FakeState, payment: FakePayment): ReceiptVerification {
  return receiptVerification(receiptView(state, payment));
}
