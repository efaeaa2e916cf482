import { z } from 'zod';
import { centsSchema, idSchema, isoDateSchema, isoDateTimeSchema } from '../common.js';
import { pageOf, pageQuerySchema } from './staff.js';

/**
 * The live part of the cruscotto: the overview, the feed of events, payments and their transfers,
 * the shops and the support search box. Money in integer cents; dates `YYYY-MM-DD` are days in Rome.
 */

export const adminChannelSchema = z.enum(['agent', 'web', 'app']).describe('agent (a shop), web (card on the comune site) or app.');

/** A transfer as staff see it: `resolved` is a rejected transfer whose outcome staff recorded by hand. */
export const adminTransferStatusSchema = z.enum(['pending', 'settled', 'rejected', 'resolved']);

const countAmount = z.object({ count: z.number().int(), amount: centsSchema });

export const adminPaymentSummarySchema = z
  .object({
    id: idSchema('pay'),
    createdAt: isoDateTimeSchema,
    amount: centsSchema,
    fee: centsSchema.describe('What the citizen paid on top of the amount.'),
    channel: adminChannelSchema,
    agent: z.object({ id: idSchema('agt'), name: z.string() }).nullable().describe('The shop; null on the web.'),
    service: z.object({ code: z.string(), name: z.string() }),
    credit: z.object({ id: idSchema('crd'), noticeNumber: z.string(), debtorName: z.string(), debtorTaxCode: z.string(), unexpected: z.boolean() }),
    receipt: z.object({ id: idSchema('rcp'), number: z.string(), verificationCode: z.string() }),
    transfer: z.object({
      id: idSchema('trf'),
      status: adminTransferStatusSchema,
      bankReference: z.string().nullable().describe('The CRO/TRN the bank gave the transfer (or staff recorded with a manual resolution).'),
      createdAt: isoDateTimeSchema,
      settledAt: isoDateTimeSchema.nullable(),
      stale: z.boolean().describe('Pending for more than an hour.'),
    }),
  })
  .meta({ id: 'AdminPaymentSummary' });
export type AdminPaymentSummary = z.infer<typeof adminPaymentSummarySchema>;

export const adminPaymentPageSchema = pageOf(adminPaymentSummarySchema).meta({ id: 'AdminPaymentPage' });
export type AdminPaymentPage = z.infer<typeof adminPaymentPageSchema>;

const amountFilter = z.coerce.number().int().min(0).max(99_999_999);
export const adminPaymentFilterSchema = z.object({
  from: isoDateSchema.optional().describe('First day, in Rome.'),
  to: isoDateSchema.optional().describe('Last day, in Rome (included).'),
  service: z.string().min(1).max(40).optional().describe('Service code.'),
  channel: adminChannelSchema.optional(),
  agentId: idSchema('agt').optional(),
  transferStatus: z.enum(['pending', 'stale', 'settled', 'rejected', 'resolved']).optional().describe('rejected: still to be handled; stale: pending for more than an hour.'),
  minAmount: amountFilter.optional(),
  maxAmount: amountFilter.optional(),
  noticeNumber: z.string().regex(/^\d{18}$/).optional(),
  taxCode: z.string().trim().toUpperCase().pipe(z.string().regex(/^[0-9A-Z]{11,16}$/)).optional(),
});
export type AdminPaymentFilter = z.infer<typeof adminPaymentFilterSchema>;
export const adminPaymentQuerySchema = adminPaymentFilterSchema.extend(pageQuerySchema.shape);

export const adminPostingSchema = z.object({
  accountId: z.string(),
  accountKind: z.string(),
  amount: z.number().int().describe('Positive a debit, negative a credit; each transaction sums to zero.'),
  transactionId: z.string(),
  createdAt: isoDateTimeSchema,
});

export const adminTimelineEntrySchema = z.object({
  at: isoDateTimeSchema,
  event: z.enum(['created', 'sent', 'settled', 'rejected', 'retried', 'resolved']),
  detail: z.string(),
});

export const adminPaymentDetailSchema = adminPaymentSummarySchema
  .extend({
    credit: z.object({
      id: idSchema('crd'),
      noticeNumber: z.string(),
      iuv: z.string(),
      debtorType: z.enum(['person', 'company']),
      debtorName: z.string(),
      debtorTaxCode: z.string(),
      description: z.string(),
      publicDescription: z.string(),
      amount: centsSchema,
      dueDate: isoDateSchema.nullable(),
      unexpected: z.boolean(),
      fields: z.record(z.string(), z.unknown()).nullable().describe("An unexpected credit's field values."),
      createdAt: isoDateTimeSchema,
    }),
    terminalId: z.string().nullable(),
    endToEndId: z.string().describe('The EndToEndId of the latest send to the bank.'),
    rejectReason: z.string().nullable(),
    resolution: z.object({ note: z.string(), bankReference: z.string().nullable(), resolvedAt: isoDateTimeSchema, resolvedBy: z.string() }).nullable(),
    postings: z.array(adminPostingSchema),
    timeline: z.array(adminTimelineEntrySchema),
  })
  .meta({ id: 'AdminPaymentDetail' });
export type AdminPaymentDetail = z.infer<typeof adminPaymentDetailSchema>;

export const adminOverviewSchema = z
  .object({
    today: countAmount.extend({ fees: centsSchema }),
    month: countAmount.extend({ fees: centsSchema }),
    byChannel: z.array(countAmount.extend({ channel: adminChannelSchema })),
    byService: z.array(countAmount.extend({ serviceCode: z.string(), serviceName: z.string() })),
    byShop: z.array(countAmount.extend({ agentId: idSchema('agt'), agentName: z.string() })),
    daily: z.array(countAmount.extend({ date: isoDateSchema })).describe('The last 30 days, oldest first, every day present.'),
    transfers: z.object({ pending: z.number().int(), stale: z.number().int(), rejected: z.number().int().describe('Rejected and not resolved yet.') }),
  })
  .meta({ id: 'AdminOverview' });
export type AdminOverview = z.infer<typeof adminOverviewSchema>;

export const adminTransferSchema = z
  .object({
    id: idSchema('trf'),
    status: adminTransferStatusSchema,
    amount: centsSchema,
    bankReference: z.string().nullable(),
    rejectReason: z.string().nullable(),
    createdAt: isoDateTimeSchema,
    settledAt: isoDateTimeSchema.nullable(),
    stale: z.boolean(),
    retries: z.number().int().describe('Times staff sent it again after a rejection.'),
    resolution: z.object({ note: z.string(), bankReference: z.string().nullable(), resolvedAt: isoDateTimeSchema, resolvedBy: z.string() }).nullable(),
    payment: adminPaymentSummarySchema,
  })
  .meta({ id: 'AdminTransfer' });
export type AdminTransfer = z.infer<typeof adminTransferSchema>;

export const adminTransferPageSchema = pageOf(adminTransferSchema).meta({ id: 'AdminTransferPage' });
export const adminTransferQuerySchema = pageQuerySchema.extend({ status: z.enum(['pending', 'stale', 'rejected', 'settled', 'resolved']).optional() });

export const adminTransferResolutionRequestSchema = z
  .object({
    note: z.string().trim().min(3).max(1000).describe('What happened: how the money reached the treasury, or why it will not.'),
    bankReference: z.string().trim().min(1).max(35).optional().describe('The CRO/TRN of a transfer made by other means.'),
  })
  .meta({ id: 'AdminTransferResolutionRequest' });

export const adminAgentListSchema = z
  .object({
    data: z.array(
      z.object({
        id: idSchema('agt'),
        name: z.string(),
        address: z.string(),
        openingHours: z.array(z.object({ day: z.number().int(), opens: z.string(), closes: z.string() })),
        today: countAmount,
        month: countAmount,
        lastPaymentAt: isoDateTimeSchema.nullable(),
      }),
    ),
  })
  .meta({ id: 'AdminAgentList' });
export type AdminAgentList = z.infer<typeof adminAgentListSchema>;

export const adminSearchQuerySchema = z.object({ q: z.string().trim().min(3).max(60).describe('A notice number, a tax code, a receipt number or a verification code.') });
export const adminSearchResultSchema = z.object({ data: z.array(adminPaymentSummarySchema) }).meta({ id: 'AdminSearchResult' });

export const adminEventsQuerySchema = z.object({
  lastEventId: z.string().regex(/^\d{1,15}$/).optional().describe('Replay the events after this one (as the Last-Event-ID header does).'),
  follow: z.enum(['true', 'false']).default('true').describe('false: end the stream once the replay is sent, instead of waiting for new events.'),
});

/** One event of the feed, as the `data:` line of the stream carries it. */
export const adminEventSchema = z
  .object({
    id: z.string().describe('The event id (also the SSE id line: its sequence number).'),
    type: z.string().describe('payment.succeeded, unexpected_credit.created, transfer.settled, transfer.failed, transfer.retried, transfer.resolved, reconciliation.completed'),
    createdAt: isoDateTimeSchema,
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AdminEvent' });
export type AdminEvent = z.infer<typeof adminEventSchema>;
