import type { Payment } from '@pay-box/contract';
import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import type { CreditRow, PaymentRow, ReceiptRow, TransferRow } from '../ports/rows.js';
import type { UnitOfWork } from '../ports/store.js';

/** What a payment's answer is made of, wherever the caller has it from. */
export interface PaymentParts {
  payment: PaymentRow;
  credit: Pick<CreditRow, 'id' | 'noticeNumber' | 'iuv' | 'publicDescription'>;
  serviceCode: string;
  receipt: Pick<ReceiptRow, 'id' | 'number' | 'verificationCode'>;
  transfer: Pick<TransferRow, 'id' | 'status' | 'bankReference' | 'settledAt'>;
}

/** The payment as the API returns it: a payment exists only once the money was collected. */
export function assemblePayment({ payment, credit, serviceCode, receipt, transfer }: PaymentParts): Payment {
  return {
    id: payment.id,
    status: 'succeeded',
    channel: payment.channel,
    creditId: credit.id,
    comuneId: payment.comuneId,
    agentId: payment.agentId,
    terminalId: payment.terminalId,
    noticeNumber: credit.noticeNumber,
    iuv: credit.iuv,
    serviceCode,
    description: credit.publicDescription,
    amount: payment.amount,
    fee: payment.citizenFee,
    total: payment.amount + payment.citizenFee,
    floatDebited: payment.floatDebited,
    currency: 'EUR',
    createdAt: payment.createdAt,
    receipt: { id: receipt.id, number: receipt.number, verificationCode: receipt.verificationCode },
    transfer: { id: transfer.id, status: transfer.status, bankReference: transfer.bankReference, settledAt: transfer.settledAt },
  };
}

/** A stored payment, read and assembled. */
export async function paymentView(tx: UnitOfWork, catalogue: (comuneId: string) => Promise<ComuneCatalogue | undefined>, paymentId: string): Promise<Payment> {
  const payment = (await tx.payments.get(paymentId))!;
  const [credit, receipt, transfer, comune] = await Promise.all([
    tx.credits.get(payment.comuneId, payment.creditId),
    tx.receipts.byPayment(payment.id),
    tx.transfers.byPayment(payment.id),
    catalogue(payment.comuneId),
  ]);
  return assemblePayment({ payment, credit: credit!, serviceCode: comune!.serviceById(credit!.serviceId)!.code, receipt: receipt!, transfer: transfer! });
}
