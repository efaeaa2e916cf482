import { z } from 'zod';
import { plainTextProblem } from '../domain/index.js';
import { payableCentsSchema, taxCodeSchema } from './common.js';
import { creditSchema, serviceCodeSchema } from './credits.js';
import { paymentSchema } from './payments.js';

/**
 * Text that goes onto receipts and into the comune's books: one line, without controls or bidi
 * formatting (domain/plain-text.ts). Checked trimmed, as the text is kept: a line break around it is dropped.
 */
const singleLine = <S extends z.ZodString>(schema: S): S =>
  schema.superRefine((value, ctx) => {
    const problem = plainTextProblem(value.trim());
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const unexpectedCreditCreateRequestSchema = z
  .object({
    serviceCode: serviceCodeSchema,
    debtor: z
      .object({
        taxCode: taxCodeSchema,
        name: singleLine(z.string().trim().min(2).max(120)),
      })
      .strict(),
    fields: z
      .record(z.string().max(40), z.union([singleLine(z.string().max(500)), z.number()]))
      .describe("Values for the service's field definitions (GET /v1/services)."),
    amount: payableCentsSchema,
    description: singleLine(z.string().trim().max(140)).optional(),
  })
  .strict()
  .meta({ id: 'UnexpectedCreditCreateRequest' });
export type UnexpectedCreditCreateRequest = z.input<typeof unexpectedCreditCreateRequestSchema>;

export const unexpectedCreditResultSchema = z
  .object({ credit: creditSchema, payment: paymentSchema })
  .meta({ id: 'UnexpectedCreditResult' });
export type UnexpectedCreditResult = z.infer<typeof unexpectedCreditResultSchema>;
