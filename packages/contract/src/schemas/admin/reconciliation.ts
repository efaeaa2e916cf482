import { z } from 'zod';
import { idSchema, isoDateSchema, isoDateTimeSchema } from '../common.js';
import { pageOf } from './staff.js';

/** Signed integer cents: differences may be negative. */
const signedCentsSchema = z.number().int().describe('Integer euro cents, negative when the second figure is larger.');
const amountSchema = z.number().int().min(0).describe('Integer euro cents: 1250 is EUR 12.50.');

export const statementFormatSchema = z
  .enum(['opi_giornale_di_cassa', 'camt053', 'csv'])
  .describe('opi_giornale_di_cassa (OPI XML through SIOPE+), camt053 (ISO 20022 bank-to-customer statement) or csv (the documented layout).');
export type StatementFormat = z.infer<typeof statementFormatSchema>;

export const matchedBySchema = z.enum(['end_to_end_id', 'bank_reference', 'iuv']).describe('The key that matched: the EndToEndId, the CRO/TRN, or the IUV of the /RFB/ remittance.');
export type MatchedBy = z.infer<typeof matchedBySchema>;

export const statementEntrySchema = z
  .object({
    id: idSchema('ste'),
    statementId: idSchema('stm'),
    line: z.number().int().min(1).describe('Where the entry is in its file: the line of the CSV row, or of the XML element that opens it.'),
    bookedOn: isoDateSchema,
    amount: amountSchema,
    endToEndId: z.string().nullable(),
    bankReference: z.string().nullable().describe('The CRO/TRN the bank gave the transfer.'),
    iuv: z.string().nullable().describe('The IUV read from a /RFB/<IUV>/ remittance.'),
    remittance: z.string(),
  })
  .meta({ id: 'StatementEntry' });
export type StatementEntry = z.infer<typeof statementEntrySchema>;

export const reconciliationTransferSchema = z
  .object({
    id: idSchema('trf'),
    paymentId: idSchema('pay'),
    amount: amountSchema,
    status: z.enum(['pending', 'settled', 'rejected']),
    bankReference: z.string().nullable(),
    iuv: z.string().nullable(),
    remittance: z.string(),
    createdAt: isoDateTimeSchema,
    settledAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'ReconciliationTransfer' });
export type ReconciliationTransfer = z.infer<typeof reconciliationTransferSchema>;

export const reconciliationMatchSchema = z
  .object({
    transferId: idSchema('trf'),
    paymentId: idSchema('pay'),
    entryId: idSchema('ste'),
    statementId: idSchema('stm'),
    amount: amountSchema,
    by: matchedBySchema,
    bankReference: z.string().nullable(),
    reconciledAt: isoDateTimeSchema,
  })
  .meta({ id: 'ReconciliationMatch' });
export type ReconciliationMatch = z.infer<typeof reconciliationMatchSchema>;

export const reconciliationResultSchema = z
  .object({
    evaluatedAt: isoDateTimeSchema,
    matched: z
      .array(reconciliationMatchSchema)
      .describe('After an import or a run: the matches it recorded. Read on its own: every transfer of the comune marked reconciled, newest first.'),
    missingFromStatement: z
      .array(reconciliationTransferSchema)
      .describe('Settled transfers not reconciled yet although a statement covers the Rome day they settled on.'),
    unknownToPayBox: z.array(statementEntrySchema).describe('Credits in the statements that match no transfer of the comune.'),
    amountMismatches: z
      .array(z.object({ transfer: reconciliationTransferSchema, entry: statementEntrySchema, by: matchedBySchema, difference: signedCentsSchema.describe('Entry amount minus transfer amount.') }))
      .describe('An entry and a transfer with the same key but different amounts: neither is marked reconciled.'),
    totals: z.object({
      matched: z.number().int(),
      missingFromStatement: z.number().int(),
      unknownToPayBox: z.number().int(),
      amountMismatches: z.number().int(),
    }),
  })
  .meta({ id: 'ReconciliationResult' });
export type ReconciliationResult = z.infer<typeof reconciliationResultSchema>;

const statementFields = {
  id: idSchema('stm'),
  format: statementFormatSchema,
  receivedAt: isoDateTimeSchema,
  receivedBy: z.string().describe('Email of who uploaded it.'),
  period: z.object({ from: isoDateSchema, to: isoDateSchema }).describe('The Rome days the statement covers.'),
  entries: z.number().int().min(0).describe('Credit entries read from it (debits are not Pay-Box money and are left out).'),
  amount: amountSchema.describe('Sum of its credit entries.'),
};

export const statementSummarySchema = z.object(statementFields).meta({ id: 'StatementSummary' });
export type StatementSummary = z.infer<typeof statementSummarySchema>;

export const statementPageSchema = pageOf(statementSummarySchema).meta({ id: 'StatementPage' });

export const statementImportSchema = z
  .object({
    ...statementFields,
    duplicate: z.boolean().describe('True when this very file was imported before: nothing changed, and the statement is the earlier one.'),
    reconciliation: reconciliationResultSchema,
  })
  .meta({ id: 'StatementImport' });
export type StatementImport = z.infer<typeof statementImportSchema>;

export const statementDetailSchema = z
  .object({ ...statementFields, entryList: z.array(statementEntrySchema.extend({ reconciledTransferId: idSchema('trf').nullable() })) })
  .meta({ id: 'StatementDetail' });
export type StatementDetail = z.infer<typeof statementDetailSchema>;

/** One line of an invalid statement. */
export const statementEntryIssueSchema = z.object({ line: z.number().int().min(1), reasons: z.array(z.string()).min(1) });
export type StatementEntryIssue = z.infer<typeof statementEntryIssueSchema>;

export const dailyClosingQuerySchema = z.object({
  date: isoDateSchema.describe('The Rome day, YYYY-MM-DD.'),
  format: z.enum(['json', 'csv', 'pdf']).default('json'),
});

const closingLineSchema = z.object({
  paymentId: idSchema('pay').nullable(),
  paidAt: isoDateTimeSchema.nullable(),
  serviceCode: z.string().nullable(),
  noticeNumber: z.string().nullable(),
  channel: z.string().nullable(),
  paymentAmount: amountSchema.nullable(),
  transferId: idSchema('trf').nullable(),
  transferStatus: z.enum(['pending', 'settled', 'rejected']).nullable(),
  bankReference: z.string().nullable(),
  transferAmount: amountSchema.nullable(),
  entryId: idSchema('ste').nullable(),
  entryBookedOn: isoDateSchema.nullable(),
  entryAmount: amountSchema.nullable(),
  matchedBy: matchedBySchema.nullable(),
  difference: signedCentsSchema.describe('What the treasury received minus what was paid, on this line.'),
});

export const dailyClosingSchema = z
  .object({
    comune: z.object({ id: idSchema('com'), name: z.string() }),
    date: isoDateSchema,
    lines: z.array(closingLineSchema).describe("The day's payments with their transfer and statement entry, then the day's statement entries that match no payment of the day."),
    totals: z.object({
      payments: z.object({ count: z.number().int(), amount: amountSchema, fees: amountSchema }),
      transfers: z.object({ count: z.number().int(), amount: amountSchema, settled: amountSchema, pending: amountSchema, rejected: amountSchema }),
      statementEntries: z.object({ count: z.number().int(), amount: amountSchema, matched: amountSchema, unknown: amountSchema }),
      differences: z.object({
        transfersMinusPayments: signedCentsSchema,
        statementMinusTransfers: signedCentsSchema.describe("The day's booked credits minus the day's transfers."),
        notReconciled: z.number().int().describe("The day's transfers not matched to an entry yet."),
      }),
    }),
  })
  .meta({ id: 'DailyClosing' });
export type DailyClosing = z.infer<typeof dailyClosingSchema>;
export type DailyClosingLine = z.infer<typeof closingLineSchema>;
