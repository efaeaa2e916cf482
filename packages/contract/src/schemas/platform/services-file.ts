import { z } from 'zod';
import { centsSchema } from '../common.js';
import { serviceCodeSchema } from '../credits.js';
import { amountRuleSchema, fieldDefinitionSchema } from '../services.js';

const feeScheduleSchema = z
  .object({
    citizenFee: centsSchema.describe('What the citizen pays on top of the amount, integer cents.'),
    agentShare: centsSchema.describe("The shop's part of that fee (agent channel), integer cents."),
  })
  .strict()
  .refine((fee) => fee.agentShare <= fee.citizenFee, { message: 'agentShare cannot exceed citizenFee', path: ['agentShare'] });

const serviceDefinitionSchema = z
  .object({
    code: serviceCodeSchema,
    name: z.string().trim().min(2).max(120),
    description: z.string().trim().max(500).default(''),
    acceptsUnexpectedCredits: z.boolean().default(false),
    fields: z.array(fieldDefinitionSchema).optional(),
    amountRule: amountRuleSchema.optional(),
  })
  .strict()
  .superRefine((service, ctx) => {
    const names = new Set((service.fields ?? []).map((field) => field.name));
    if (service.acceptsUnexpectedCredits && (!service.fields?.length || !service.amountRule)) {
      ctx.addIssue({ code: 'custom', message: 'a service that accepts unexpected credits needs fields and an amountRule', path: ['acceptsUnexpectedCredits'] });
    }
    if (!service.acceptsUnexpectedCredits && (service.fields || service.amountRule)) {
      ctx.addIssue({ code: 'custom', message: 'fields and amountRule are only for services that accept unexpected credits', path: [service.fields ? 'fields' : 'amountRule'] });
    }
    const rule = service.amountRule;
    const referenced = rule?.type === 'perUnit' ? [rule.unitField] : rule?.type === 'table' ? [rule.keyField, ...(rule.reduction ? [rule.reduction.fromField] : [])] : [];
    for (const name of referenced) if (!names.has(name)) ctx.addIssue({ code: 'custom', message: `the amountRule names a field "${name}" that the service does not define`, path: ['amountRule'] });
    if (rule?.type === 'range' && rule.min > rule.max) ctx.addIssue({ code: 'custom', message: 'min is above max', path: ['amountRule', 'min'] });
  });

/**
 * A comune's services file (YAML or JSON), imported by platform staff: the services with the fields
 * and amount rule of those that accept unexpected credits, and the first fees per channel.
 */
export const servicesFileSchema = z
  .object({
    services: z.array(serviceDefinitionSchema).min(1),
    fees: z
      .object({ agent: feeScheduleSchema.optional(), web: feeScheduleSchema.optional(), app: feeScheduleSchema.optional() })
      .strict()
      .default({})
      .describe('Fees per channel. Set here only where none are set yet; a change of fees goes through the approval of a second person.'),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.services.forEach((service, index) => {
      if (seen.has(service.code)) ctx.addIssue({ code: 'custom', message: `service code ${service.code} appears twice`, path: ['services', index, 'code'] });
      seen.add(service.code);
    });
  });
export type ServicesFile = z.output<typeof servicesFileSchema>;
export type ServiceDefinition = ServicesFile['services'][number];
