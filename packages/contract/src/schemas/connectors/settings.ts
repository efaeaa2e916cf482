import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from '../common.js';

/**
 * Where a comune's credits live, per service: Pay-Box's own store (`builtin`, what the cruscotto
 * manages) or the comune's system through a connector. A connector is configured once per comune
 * and serves the services assigned to it.
 */

export const connectorKindSchema = z.enum(['http', 'gpd']).describe("http: the comune's system speaks Pay-Box's connector protocol; gpd: debt positions on pagoPA's GPD.");
export type ConnectorKind = z.infer<typeof connectorKindSchema>;

const urlSchema = z.string().trim().max(2048).pipe(z.url('not a valid URL')).describe('Base URL: https, on a public address.');
const timeoutSchema = z.number().int().min(500).max(10_000).describe('How long a lookup waits for the comune’s system, in milliseconds.');

export const connectorSchema = z
  .object({
    id: idSchema('con'),
    kind: connectorKindSchema,
    name: z.string(),
    url: z.string(),
    timeoutMs: z.number().int(),
    /** gpd: the creditor institution's fiscal code at pagoPA (usually the comune's). */
    organizationFiscalCode: z.string().nullable(),
    services: z.array(z.string()).describe('Codes of the services whose credits live there.'),
    enabled: z.boolean(),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  })
  .meta({ id: 'Connector' });
export type Connector = z.infer<typeof connectorSchema>;

export const connectorListSchema = z.object({ data: z.array(connectorSchema) }).meta({ id: 'ConnectorList' });

export const connectorWithSecretSchema = z
  .object({
    connector: connectorSchema,
    secret: z.string().nullable().describe('http: the `whsec_` secret Pay-Box signs its requests with, shown this once; gpd: null (the subscription key given is never shown again).'),
  })
  .meta({ id: 'ConnectorWithSecret' });
export type ConnectorWithSecret = z.infer<typeof connectorWithSecretSchema>;

const servicesSchema = z.array(z.string().trim().min(1).max(40)).max(100).transform((codes) => [...new Set(codes)]);

export const connectorCreateRequestSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('http'), name: z.string().trim().min(1).max(100), url: urlSchema, timeoutMs: timeoutSchema.default(3_000), services: servicesSchema.default([]) }),
    z.object({
      kind: z.literal('gpd'),
      name: z.string().trim().min(1).max(100),
      url: urlSchema.describe('GPD debt-positions API base, e.g. https://api.platform.pagopa.it/gpd/debt-positions-service/v1'),
      subscriptionKey: z.string().trim().min(8).max(200).describe('The Ocp-Apim-Subscription-Key pagoPA issued to the comune.'),
      organizationFiscalCode: z.string().regex(/^\d{11}$/, 'the 11-digit fiscal code of the creditor institution').optional().describe('Defaults to the comune’s fiscal code.'),
      timeoutMs: timeoutSchema.default(3_000),
      services: servicesSchema.default([]),
    }),
  ])
  .meta({ id: 'ConnectorCreateRequest' });
export type ConnectorCreateRequest = z.input<typeof connectorCreateRequestSchema>;
/** As validated: defaults applied. */
export type ConnectorCreateInput = z.output<typeof connectorCreateRequestSchema>;

export const connectorUpdateRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    url: urlSchema.optional(),
    timeoutMs: timeoutSchema.optional(),
    services: servicesSchema.optional().describe('Replaces the list: a service left out goes back to Pay-Box’s own store.'),
    enabled: z.boolean().optional().describe('A disabled connector answers every lookup of its services with source_unavailable.'),
  })
  .refine((change) => Object.values(change).some((value) => value !== undefined), 'change at least one field')
  .meta({ id: 'ConnectorUpdateRequest' });
export type ConnectorUpdateRequest = z.input<typeof connectorUpdateRequestSchema>;
export type ConnectorUpdateInput = z.output<typeof connectorUpdateRequestSchema>;

/** Outbox work that gave up (a write-back or a webhook delivery after its last retry): admins see it and send it again. */
export const deadLetterSchema = z
  .object({
    id: idSchema('obx'),
    kind: z.enum(['write_back', 'webhook']),
    subjectId: z.string().describe('write_back: the payment; webhook: the delivery.'),
    failures: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: isoDateTimeSchema,
    deadAt: isoDateTimeSchema,
  })
  .meta({ id: 'DeadLetter' });
export type DeadLetter = z.infer<typeof deadLetterSchema>;
export const deadLetterListSchema = z.object({ data: z.array(deadLetterSchema) }).meta({ id: 'DeadLetterList' });
