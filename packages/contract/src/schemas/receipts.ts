import { z } from 'zod';
import { centsSchema, idSchema, isoDateTimeSchema, noticeNumberOutSchema } from './common.js';
import { transferStatusSchema } from './payments.js';

export const receiptFormatSchema = z.enum(['json', 'text58', 'text80', 'pdf']);
export type ReceiptFormat = z.infer<typeof receiptFormatSchema>;

export const receiptSchema = z
  .object({
    id: idSchema('rcp'),
    number: z.string(),
    verificationCode: z.string(),
    verifyUrl: z.string().describe('Where anyone can check this receipt; also in the QR code.'),
    issuedAt: isoDateTimeSchema,
    issuedAtLocal: z.string().describe('Date and time in Europe/Rome, as printed: 26/11/2026 10:42.'),
    comune: z.object({
      name: z.string(),
      fiscalCode: z.string(),
      contacts: z
        .object({ email: z.string().optional(), phone: z.string().optional(), url: z.string().optional() })
        .optional()
        .describe('How to reach the comune about this payment, when it gave its contacts: printed on the receipt.'),
    }),
    service: z.object({ code: z.string(), name: z.string() }),
    description: z.string(),
    noticeNumber: noticeNumberOutSchema,
    iuv: z.string(),
    amount: centsSchema,
    fee: centsSchema,
    total: centsSchema,
    currency: z.literal('EUR'),
    collectedBy: z.object({
      agentName: z.string().nullable(),
      agentAddress: z.string().nullable(),
      onBehalfOf: z.string().describe('The payment institution the agent collects for.'),
      statement: z.string().describe('Printed text: the agent collects as agent of the payment institution.'),
    }),
    paymentId: idSchema('pay'),
    transfer: z.object({
      status: transferStatusSchema,
      bankReference: z.string().nullable().describe('CRO/TRN; printed as "in attesa" until the bank answers, "in verifica" if it refused the transfer.'),
    }),
  })
  .meta({ id: 'Receipt' });
export type Receipt = z.infer<typeof receiptSchema>;

export const receiptVerificationSchema = z
  .object({
    valid: z.literal(true),
    receipt: z.object({
      number: z.string(),
      issuedAt: isoDateTimeSchema,
      comune: z.string(),
      noticeNumber: noticeNumberOutSchema,
      total: centsSchema,
      bankReference: z.string().nullable(),
    }),
  })
  .meta({ id: 'ReceiptVerification' });
export type ReceiptVerification = z.infer<typeof receiptVerificationSchema>;

