import type { Payment, TransferStatus } from '../contract/payments.js';

/** Everything a payment's answer states, from wherever the caller keeps it. */
export interface PaymentFacts {
  payment: {
    id: string;
    channel: Payment['channel'];
    comuneId: string;
    agentId: string | null;
    terminalId: string | null;
    amount: number;
    citizenFee: number;
    floatDebited: number;
    createdAt: string;
  };
  credit: { id: string; noticeNumber: string; iuv: string; description: string };
  serviceCode: string;
  receipt: { id: string; number: string; verificationCode: string };
  transfer: { id: string; status: TransferStatus; bankReference: string | null; settledAt: string | null };
}

/** The payment as the API returns it: a payment exists only once the money was collected. */
export function assemblePayment({ payment, credit, serviceCode, receipt, transfer }: PaymentFacts): Payment {
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
    description: credit.description,
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
