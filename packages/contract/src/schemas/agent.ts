import { z } from 'zod';
import { centsSchema, idSchema, isoDateSchema, isoDateTimeSchema } from './common.js';

export const agentBalanceSchema = z
  .object({
    agentId: idSchema('agt'),
    agentName: z.string(),
    balance: centsSchema.describe("The float: what the shop can still collect, integer cents."),
    currency: z.literal('EUR'),
    lowBalance: z.boolean().describe('True under the low-balance threshold: time to top up.'),
    lowBalanceThreshold: centsSchema,
    today: z.object({
      date: isoDateSchema,
      payments: z.number().int(),
      collected: centsSchema.describe('amount + fee collected today from citizens.'),
      floatDebited: centsSchema,
    }),
    lastMovementAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'AgentBalance' });
export type AgentBalance = z.infer<typeof agentBalanceSchema>;

export const agentReportQuerySchema = z.object({ date: isoDateSchema });

export const agentReportSchema = z
  .object({
    agentId: idSchema('agt'),
    agentName: z.string(),
    date: isoDateSchema.describe('Day in Europe/Rome.'),
    timeZone: z.literal('Europe/Rome'),
    payments: z.object({
      count: z.number().int(),
      amount: centsSchema.describe('Credits paid, going to comuni.'),
      fees: centsSchema.describe('Fees paid by citizens.'),
      collected: centsSchema.describe('amount + fees: the cash the shop should have taken.'),
      agentFees: centsSchema.describe("The shop's own share of the fees."),
      institutionFees: centsSchema,
      floatDebited: centsSchema,
    }),
    byService: z.array(
      z.object({ serviceCode: z.string(), serviceName: z.string(), count: z.number().int(), amount: centsSchema, fees: centsSchema }),
    ),
    topUps: z.object({ count: z.number().int(), amount: centsSchema }),
    openingBalance: centsSchema,
    closingBalance: centsSchema,
  })
  .meta({ id: 'AgentReport' });
export type AgentReport = z.infer<typeof agentReportSchema>;
