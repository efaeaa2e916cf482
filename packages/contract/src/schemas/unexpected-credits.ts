import { z } from 'zod';
import { payableCentsSchema, taxCodeSchema } from './common.js';
import { creditSchema, serviceCodeSchema } from './credits.js';
import { paymentSchema } from './payments.js';

export const unexpectedCreditCreateRequestSchema = z
  .object({
    serviceCode: serviceCodeSchema,
    debtor: z
      .object({
        taxCode: taxCodeSchema,
        name: z.string().trim().min(2).max(120),
      })
      .strict(),
    fields: z
      .record(z.string().max(40), z.union([z.string().max(500), z.number()]))
      .describe("Values for the service's field definitions (GET /v1/services)."),
    amount: payableCentsSchema,
    description: z.string().trim().max(140).optional(),
  })
  .strict()
  .meta({ id: 'UnexpectedCreditCreateRequest' });
export type UnexpectedCreditCreateRequest = z.input<typeof unexpectedCreditCreateRequestSchema>;

export const unexpectedCreditResultSchema = z
  .object({ credit: creditSchema, payment: paymentSchema })
  .meta({ id: 'UnexpectedCreditResult' });
export type UnexpectedCreditResult = z.infer<typeof unexpectedCreditResultSchema>;
