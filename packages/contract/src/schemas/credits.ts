import { z } from 'zod';
import { centsSchema, idSchema, isoDateSchema, isoDateTimeSchema, listOf, noticeNumberOutSchema, noticeNumberSchema, taxCodeSchema } from './common.js';

export const creditStatusSchema = z.enum(['open', 'paid', 'cancelled', 'expired']);
export type CreditStatus = z.infer<typeof creditStatusSchema>;

export const serviceCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,31}$/, 'service codes are upper-case letters, digits and _')
  .describe('Code of a service in the comune catalogue, e.g. TARI.');

/** Values of an unexpected credit's fields, by field name. */
export const fieldValuesSchema = z.record(z.string(), z.union([z.string(), z.number()]));

export const debtorSchema = z
  .object({
    type: z.enum(['person', 'company']),
    name: z.string().describe('Full name; masked (M*** R***) for publishable and terminal keys.'),
    taxCode: z.string().describe('Tax code; masked for publishable and terminal keys.'),
    masked: z.boolean().describe('True when name and tax code are masked for this caller.'),
  })
  .meta({ id: 'Debtor' });

export const creditSchema = z
  .object({
    id: idSchema('crd'),
    comune: z.object({ id: idSchema('com'), name: z.string(), fiscalCode: z.string() }),
    service: z.object({ code: serviceCodeSchema, name: z.string() }),
    description: z.string(),
    amount: centsSchema.describe('Amount due, integer cents.'),
    fee: centsSchema.describe('Fee the citizen pays on top at this channel, integer cents (0 when free).'),
    total: centsSchema.describe('amount + fee: what to collect from the citizen.'),
    currency: z.literal('EUR'),
    dueDate: isoDateSchema.nullable(),
    status: creditStatusSchema,
    noticeNumber: noticeNumberOutSchema,
    iuv: z.string().describe('Identificativo Unico di Versamento.'),
    debtor: debtorSchema,
    unexpected: z.boolean().describe('True for a credit opened and closed at payment time (credito non atteso).'),
    fields: fieldValuesSchema.nullable().describe('Fields collected for an unexpected credit.'),
    paidAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'Credit' });
export type Credit = z.infer<typeof creditSchema>;

/** Look up by notice number, by the QR code payload, or by debtor tax code and service: exactly one form. */
export const creditLookupRequestSchema = z
  .object({
    noticeNumber: noticeNumberSchema.optional(),
    qr: z.string().max(200).optional().describe('Payload of the pagoPA QR code: PAGOPA|002|<notice>|<fiscal code>|<cents>.'),
    debtorTaxCode: taxCodeSchema.optional(),
    serviceCode: serviceCodeSchema.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const forms = [body.noticeNumber !== undefined, body.qr !== undefined, body.debtorTaxCode !== undefined].filter(Boolean).length;
    if (forms !== 1) {
      ctx.addIssue({ code: 'custom', path: [], message: 'send exactly one of noticeNumber, qr, or debtorTaxCode with serviceCode' });
    }
    if (body.debtorTaxCode !== undefined && body.serviceCode === undefined) {
      ctx.addIssue({ code: 'custom', path: ['serviceCode'], message: 'serviceCode is required with debtorTaxCode' });
    }
    if (body.serviceCode !== undefined && body.debtorTaxCode === undefined) {
      ctx.addIssue({ code: 'custom', path: ['debtorTaxCode'], message: 'debtorTaxCode is required with serviceCode' });
    }
  })
  .meta({ id: 'CreditLookupRequest' });
export type CreditLookupRequest = z.input<typeof creditLookupRequestSchema>;

export const creditListSchema = listOf(creditSchema).meta({ id: 'CreditList' });
export type CreditList = z.infer<typeof creditListSchema>;
