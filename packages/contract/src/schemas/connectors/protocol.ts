import { z } from 'zod';
import { centsSchema, idSchema, isoDateSchema, isoDateTimeSchema, noticeNumberOutSchema, payableCentsSchema } from '../common.js';

/**
 * The HTTP connector protocol: what a comune's own credit system (or its software house) implements
 * so that Pay-Box reads its credits in real time and tells it the moment one is paid. Every request
 * is a signed POST (Standard Webhooks headers over the raw body, the connector's `whsec_` secret);
 * described for implementers in `docs/connector-protocol.openapi.yaml`.
 */

/** `POST <base>/lookup`: one notice, or a debtor's credits of one service. */
export const connectorLookupRequestSchema = z
  .union([
    z.object({ noticeNumber: noticeNumberOutSchema }).strict(),
    z.object({ debtorTaxCode: z.string().regex(/^[0-9A-Z]{11,16}$/), serviceCode: z.string().min(1).max(40) }).strict(),
  ])
  .meta({ id: 'ConnectorLookupRequest' });
export type ConnectorLookupRequest = z.infer<typeof connectorLookupRequestSchema>;

export const connectorCreditStatusSchema = z.enum(['open', 'paid', 'cancelled']).describe('open (payable), paid (by any channel), cancelled (not owed any more).');

/** A credit as the comune's system holds it: the source of truth for what is owed. */
export const connectorCreditSchema = z
  .object({
    noticeNumber: noticeNumberOutSchema,
    serviceCode: z.string().min(1).max(40).describe("The Pay-Box service code it belongs to, as the comune's services file names it."),
    debtor: z.object({
      type: z.enum(['person', 'company']),
      taxCode: z.string().regex(/^[0-9A-Z]{11,16}$/),
      name: z.string().min(1).max(200),
    }),
    description: z.string().min(1).max(500).describe('The comune’s own text: only its staff see it.'),
    publicDescription: z.string().min(1).max(140).describe('What anyone paying may read: no names, no addresses.'),
    amount: payableCentsSchema,
    dueDate: isoDateSchema.nullable(),
    status: connectorCreditStatusSchema,
  })
  .meta({ id: 'ConnectorCredit' });
export type ConnectorCredit = z.infer<typeof connectorCreditSchema>;

export const connectorLookupResponseSchema = z.object({ credits: z.array(connectorCreditSchema).max(200) }).meta({ id: 'ConnectorLookupResponse' });
export type ConnectorLookupResponse = z.infer<typeof connectorLookupResponseSchema>;

/** `POST <base>/payments`: the write-back. Sent until a 2xx answer; the same `paymentId` may come again and must be acknowledged again. */
export const connectorPaidNoticeSchema = z
  .object({
    paymentId: idSchema('pay').describe('Pay-Box’s payment: the idempotency key of the write-back.'),
    noticeNumber: noticeNumberOutSchema,
    serviceCode: z.string(),
    amount: centsSchema,
    paidAt: isoDateTimeSchema,
    channel: z.enum(['agent', 'web']).describe('agent: at a shop; web: by card on the comune’s site.'),
    receiptNumber: z.string().describe('The receipt’s number, `YYYY-NNNNNN` per comune and year.'),
    verificationCode: z.string().describe('The receipt’s verification code, as printed.'),
    bankReference: z.string().nullable().describe('The CRO/TRN of the transfer to the treasury when it has settled by the time of sending; null otherwise: it follows in the transfer.settled webhook.'),
  })
  .meta({ id: 'ConnectorPaidNotice' });
export type ConnectorPaidNotice = z.infer<typeof connectorPaidNoticeSchema>;
