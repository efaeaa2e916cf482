import { z } from 'zod';
import { centsSchema, listOf } from './common.js';
import { serviceCodeSchema } from './credits.js';

export const localizedTextSchema = z.object({ it: z.string(), en: z.string() }).meta({ id: 'LocalizedText' });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const fieldTypeSchema = z.enum(['text', 'integer', 'decimal', 'date', 'select']);

/** One field an unexpected credit collects, enough to build a form from. */
export const fieldDefinitionSchema = z
  .object({
    name: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/),
    label: localizedTextSchema,
    type: fieldTypeSchema,
    required: z.boolean(),
    options: z.array(z.object({ value: z.string(), label: localizedTextSchema })).optional(),
    min: z.number().optional().describe('Lower bound for integer and decimal fields.'),
    max: z.number().optional().describe('Upper bound for integer and decimal fields.'),
    maxLength: z.number().int().positive().optional().describe('For text fields.'),
    pattern: z.string().optional().describe('Regular expression a text field must match.'),
    notAfterToday: z.boolean().optional().describe('For date fields: a day after today (in Rome) is refused.'),
    hint: localizedTextSchema.optional(),
  })
  .meta({ id: 'FieldDefinition' });
export type FieldDefinition = z.infer<typeof fieldDefinitionSchema>;

/** How the amount of an unexpected credit is set. */
export const amountRuleSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('fixed'), amount: centsSchema }),
    z.object({ type: z.literal('range'), min: centsSchema, max: centsSchema }),
    z.object({
      type: z.literal('perUnit'),
      unitField: z.string().describe('Numeric field holding the units, e.g. squareMeters.'),
      unitAmount: centsSchema.describe('Tariff per unit, integer cents.'),
      rounding: z.enum(['up', 'none']).describe('"up": units are rounded up to a whole number first (square metres are).'),
    }),
    z.object({
      type: z.literal('table'),
      keyField: z.string().describe('Select field whose value picks the amount, e.g. violation.'),
      amounts: z.record(z.string(), centsSchema).describe('Amount for each value of keyField, integer cents.'),
      reduction: z
        .object({
          percent: z.number().int().min(1).max(99),
          withinDays: z.number().int().min(0),
          fromField: z.string().describe('Date field the days are counted from; that day is day 0.'),
        })
        .optional()
        .describe('Off the amount when paid at most withinDays days (in Rome) after the day in fromField: a traffic fine paid within 5 days, 30% off (art. 202 Codice della Strada). The reduced amount is rounded to the cent.'),
    }),
  ])
  .meta({ id: 'AmountRule' });
export type AmountRule = z.infer<typeof amountRuleSchema>;

export const serviceSchema = z
  .object({
    code: serviceCodeSchema,
    name: z.string(),
    description: z.string(),
    acceptsUnexpectedCredits: z.boolean(),
    fields: z.array(fieldDefinitionSchema).optional().describe('Only for services that accept unexpected credits.'),
    amountRule: amountRuleSchema.optional().describe('Only for services that accept unexpected credits.'),
  })
  .meta({ id: 'Service' });
export type Service = z.infer<typeof serviceSchema>;

export const serviceListSchema = listOf(serviceSchema).meta({ id: 'ServiceList' });
export type ServiceList = z.infer<typeof serviceListSchema>;
