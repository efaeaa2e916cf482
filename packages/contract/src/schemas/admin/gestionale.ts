import { z } from 'zod';
import { idSchema, isoDateSchema, isoDateTimeSchema, noticeNumberOutSchema, payableCentsSchema, taxCodeSchema } from '../common.js';
import { creditStatusSchema, fieldValuesSchema, serviceCodeSchema } from '../credits.js';
import { amountRuleSchema, fieldDefinitionSchema } from '../services.js';
import { pageOf, pageQuerySchema } from './staff.js';

/**
 * The gestionale standard of the cruscotto: the comune's own credits (create, edit while open,
 * cancel, CSV import and export) and the queue of unexpected credits to register in its books.
 */

export const adminServiceSchema = z
  .object({
    id: z.string(),
    code: serviceCodeSchema,
    name: z.string(),
    description: z.string(),
    acceptsUnexpected: z.boolean().describe('True when shops and the web may open a credit of this service at payment time.'),
    fields: z.array(fieldDefinitionSchema).nullable().describe('What an unexpected credit of this service collects.'),
    amountRule: amountRuleSchema.nullable().describe('How the amount of an unexpected credit is set.'),
  })
  .meta({ id: 'AdminService' });
export type AdminService = z.infer<typeof adminServiceSchema>;

export const adminServiceListSchema = z.object({ data: z.array(adminServiceSchema) }).meta({ id: 'AdminServiceList' });

export const adminCreditSchema = z
  .object({
    id: idSchema('crd'),
    noticeNumber: noticeNumberOutSchema,
    iuv: z.string(),
    service: z.object({ code: serviceCodeSchema, name: z.string() }),
    debtor: z.object({ type: z.enum(['person', 'company']), taxCode: z.string(), name: z.string() }),
    description: z.string().describe("The comune's own text: staff only."),
    publicDescription: z.string().describe('What anyone paying reads (shops, web, receipts).'),
    amount: z.number().int().describe('Integer euro cents.'),
    dueDate: isoDateSchema.nullable(),
    status: creditStatusSchema,
    unexpected: z.boolean().describe('Opened and closed at payment time (credito non atteso).'),
    fields: fieldValuesSchema.nullable().describe("An unexpected credit's fields, by name."),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema.nullable().describe('Last edit or cancellation by staff; null when never changed.'),
    paidAt: isoDateTimeSchema.nullable(),
    cancelledAt: isoDateTimeSchema.nullable(),
    cancelReason: z.string().nullable(),
  })
  .meta({ id: 'AdminCredit' });
export type AdminCredit = z.infer<typeof adminCreditSchema>;

export const adminCreditPageSchema = pageOf(adminCreditSchema).meta({ id: 'AdminCreditPage' });
export type AdminCreditPage = z.infer<typeof adminCreditPageSchema>;

/** The filters of the credit list and of its CSV export. */
export const adminCreditFilterSchema = z.object({
  status: creditStatusSchema.optional(),
  service: serviceCodeSchema.optional().describe('A service code, e.g. MENSA.'),
  q: z.string().trim().min(1).max(100).optional().describe('A notice number, a tax code, or part of the debtor’s name.'),
  dueFrom: isoDateSchema.optional().describe('Due on or after this day.'),
  dueTo: isoDateSchema.optional().describe('Due on or before this day.'),
});
export type AdminCreditFilter = z.infer<typeof adminCreditFilterSchema>;

export const adminCreditListQuerySchema = pageQuerySchema.extend(adminCreditFilterSchema.shape);

const nameSchema = z.string().trim().min(1, 'the name is missing').max(200);
const descriptionSchema = z.string().trim().min(1, 'the description is missing').max(500);
const publicDescriptionSchema = z.string().trim().min(1).max(140).describe('Shown to whoever pays: no names, no addresses. Defaults to the service name.');

export const adminCreditCreateRequestSchema = z
  .object({
    serviceCode: serviceCodeSchema,
    debtor: z.object({ taxCode: taxCodeSchema, name: nameSchema }).strict(),
    description: descriptionSchema,
    publicDescription: publicDescriptionSchema.optional(),
    amount: payableCentsSchema,
    dueDate: isoDateSchema.optional(),
  })
  .strict()
  .meta({ id: 'AdminCreditCreateRequest' });
export type AdminCreditCreateRequest = z.input<typeof adminCreditCreateRequestSchema>;

export const adminCreditUpdateRequestSchema = z
  .object({
    debtor: z.object({ taxCode: taxCodeSchema, name: nameSchema }).strict().optional(),
    description: descriptionSchema.optional(),
    publicDescription: publicDescriptionSchema.optional(),
    amount: payableCentsSchema.optional(),
    dueDate: isoDateSchema.nullable().optional().describe('null removes the due date.'),
  })
  .strict()
  .refine((value) => Object.values(value).some((field) => field !== undefined), 'change at least one field')
  .meta({ id: 'AdminCreditUpdateRequest' });
export type AdminCreditUpdateRequest = z.output<typeof adminCreditUpdateRequestSchema>;

export const adminCreditCancelRequestSchema = z
  .object({ reason: z.string().trim().min(3, 'say why, in a few words').max(500) })
  .strict()
  .meta({ id: 'AdminCreditCancelRequest' });

export const creditImportModeSchema = z
  .enum(['all_or_nothing', 'valid_rows'])
  .describe('all_or_nothing imports nothing when a row is bad; valid_rows imports the good rows and reports the others.');
export type CreditImportMode = z.infer<typeof creditImportModeSchema>;

export const creditImportQuerySchema = z.object({ mode: creditImportModeSchema.default('all_or_nothing') });

export const creditImportReportSchema = z
  .object({
    mode: creditImportModeSchema,
    total: z.number().int().min(0).describe('Data rows in the file (empty lines are not rows).'),
    imported: z.number().int().min(0).describe('Credits written: 0 when all_or_nothing met a bad row.'),
    rejected: z
      .array(z.object({ line: z.number().int().min(2).describe('1-based line of the file (the header is line 1).'), reasons: z.array(z.string()).min(1) }))
      .describe('Every bad row with what is wrong with it, by line.'),
  })
  .meta({ id: 'CreditImportReport' });
export type CreditImportReport = z.infer<typeof creditImportReportSchema>;

export const unexpectedCreditRegistrationSchema = z.object({
  accertamentoNumber: z.string(),
  budgetChapter: z.string(),
  registeredAt: isoDateTimeSchema,
  registeredBy: z.string().describe('Email of the staff member who registered it.'),
});

export const unexpectedCreditEntrySchema = z
  .object({
    credit: adminCreditSchema,
    payment: z.object({ id: idSchema('pay'), createdAt: isoDateTimeSchema, channel: z.enum(['agent', 'web', 'app']), agentName: z.string().nullable() }),
    registration: unexpectedCreditRegistrationSchema.nullable().describe("Null until the credit is registered in the comune's books."),
  })
  .meta({ id: 'UnexpectedCreditEntry' });
export type UnexpectedCreditEntry = z.infer<typeof unexpectedCreditEntrySchema>;

export const unexpectedCreditPageSchema = pageOf(unexpectedCreditEntrySchema).meta({ id: 'UnexpectedCreditPage' });

export const unexpectedCreditFilterSchema = z.object({
  registered: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe('false: the queue still to register; true: those registered; absent: both.'),
});

export const unexpectedCreditListQuerySchema = pageQuerySchema.extend(unexpectedCreditFilterSchema.shape);

export const unexpectedCreditRegistrationRequestSchema = z
  .object({
    items: z
      .array(
        z
          .object({
            creditId: idSchema('crd'),
            accertamentoNumber: z.string().trim().min(1).max(50).describe("The accertamento's number in the comune's books."),
            budgetChapter: z.string().trim().min(1).max(50).describe('The budget chapter (capitolo di bilancio) of the entry.'),
          })
          .strict(),
      )
      .min(1)
      .max(1000),
  })
  .strict()
  .meta({ id: 'UnexpectedCreditRegistrationRequest' });
export type UnexpectedCreditRegistrationRequest = z.output<typeof unexpectedCreditRegistrationRequestSchema>;

export const unexpectedCreditRegistrationResultSchema = z
  .object({ registered: z.number().int().min(0).describe('Credits registered by this request; one sent again with the same numbers is not counted twice.') })
  .meta({ id: 'UnexpectedCreditRegistrationResult' });
