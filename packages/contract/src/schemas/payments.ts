import { z } from 'zod';
import { centsSchema, idSchema, isoDateTimeSchema, noticeNumberOutSchema, payableCentsSchema } from './common.js';
import { serviceCodeSchema } from './credits.js';

export const paymentCreateRequestSchema = z
  .object({
    creditId: idSchema('crd'),
    amount: payableCentsSchema.describe('Must equal the credit amount exactly (the fee is added by the server).'),
  })
  .strict()
  .meta({ id: 'PaymentCreateRequest' });
export type PaymentCreateRequest = z.infer<typeof paymentCreateRequestSchema>;

export const transferStatusSchema = z
  .enum(['pending', 'settled', 'rejected'])
  .describe('pending: not yet confirmed by the bank; settled: the bank gave its reference (CRO/TRN); rejected: the bank refused it, the operator follows up.');
export type TransferStatus = z.infer<typeof transferStatusSchema>;

export const paymentTransferSchema = z
  .object({
    id: idSchema('trf'),
    status: transferStatusSchema,
    bankReference: z.string().max(35).nullable().describe('CRO/TRN of the SEPA transfer to the comune; null until the bank answers.'),
    settledAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'PaymentTransfer' });

export const receiptRefSchema = z
  .object({
    id: idSchema('rcp'),
    number: z.string().describe('Receipt number, per comune and year: 2026-000123.'),
    verificationCode: z.string().describe('Code printed on the receipt; anyone can check it on the page /verifica/{code} (the QR code leads there) or at /v1/receipts/verify/{code}.'),
  })
  .meta({ id: 'ReceiptRef' });

export const paymentChannelSchema = z.enum(['agent', 'web', 'app']);

export const paymentSchema = z
  .object({
    id: idSchema('pay'),
    status: z.literal('succeeded').describe('A payment exists only once the money was collected.'),
    channel: paymentChannelSchema,
    creditId: idSchema('crd'),
    comuneId: idSchema('com'),
    agentId: idSchema('agt').nullable(),
    terminalId: idSchema('trm').nullable(),
    noticeNumber: noticeNumberOutSchema,
    iuv: z.string(),
    serviceCode: serviceCodeSchema,
    description: z.string(),
    amount: centsSchema.describe('The credit amount, going to the comune.'),
    fee: centsSchema.describe('Fee paid by the citizen on top.'),
    total: centsSchema.describe('amount + fee, collected from the citizen.'),
    floatDebited: centsSchema.describe("What this payment took from the agent's float: amount + the institution's fee share."),
    currency: z.literal('EUR'),
    createdAt: isoDateTimeSchema,
    receipt: receiptRefSchema,
    transfer: paymentTransferSchema,
  })
  .meta({ id: 'Payment' });
export type Payment = z.infer<typeof paymentSchema>;
