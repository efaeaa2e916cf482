import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from '../common.js';

/**
 * Webhooks of a comune: endpoints its admins register, and the deliveries of its events to them,
 * signed to the Standard Webhooks spec (`webhook-id`, `webhook-timestamp`, `webhook-signature`).
 */

/** The events an endpoint can subscribe to: each is recorded with the fact it reports. */
export const webhookEventTypes = ['payment.succeeded', 'credit.paid', 'transfer.settled', 'transfer.failed', 'unexpected_credit.created', 'reconciliation.completed'] as const;
export const webhookEventTypeSchema = z.enum(webhookEventTypes).describe('payment.succeeded, credit.paid, transfer.settled, transfer.failed, unexpected_credit.created or reconciliation.completed.');
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

const urlSchema = z.string().trim().max(2048).pipe(z.url('not a valid URL')).describe('Where deliveries are POSTed: https, on a public address.');
const eventsSchema = z.array(webhookEventTypeSchema).min(1, 'subscribe to at least one event').max(webhookEventTypes.length).transform((events) => [...new Set(events)]);

export const webhookEndpointSchema = z
  .object({
    id: idSchema('whe'),
    url: z.string(),
    description: z.string(),
    events: z.array(webhookEventTypeSchema),
    enabled: z.boolean(),
    autoDisabledAt: isoDateTimeSchema.nullable().describe('When Pay-Box disabled it after a long failure streak; null otherwise. Enabling it again clears it.'),
    consecutiveFailures: z.number().int().describe('Failed attempts since the last success.'),
    failingSince: isoDateTimeSchema.nullable().describe('First failure of the current streak; null when the last attempt succeeded.'),
    previousSecretExpiresAt: isoDateTimeSchema.nullable().describe('After a rotation, until when the old secret still signs beside the new one.'),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'WebhookEndpoint' });
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const webhookEndpointListSchema = z.object({ data: z.array(webhookEndpointSchema) }).meta({ id: 'WebhookEndpointList' });

export const webhookEndpointWithSecretSchema = z
  .object({
    endpoint: webhookEndpointSchema,
    secret: z.string().regex(/^whsec_[A-Za-z0-9+/]+=*$/).describe('The signing secret, `whsec_<base64>`: shown this once, keep it in the consumer.'),
  })
  .meta({ id: 'WebhookEndpointWithSecret' });
export type WebhookEndpointWithSecret = z.infer<typeof webhookEndpointWithSecretSchema>;

export const webhookEndpointCreateRequestSchema = z
  .object({
    url: urlSchema,
    events: eventsSchema,
    description: z.string().trim().max(200).default(''),
  })
  .meta({ id: 'WebhookEndpointCreateRequest' });
export type WebhookEndpointCreateRequest = z.input<typeof webhookEndpointCreateRequestSchema>;

export const webhookEndpointUpdateRequestSchema = z
  .object({
    events: eventsSchema.optional(),
    enabled: z.boolean().optional(),
    description: z.string().trim().max(200).optional(),
  })
  .refine((change) => Object.values(change).some((value) => value !== undefined), 'change at least one of events, enabled, description')
  .meta({ id: 'WebhookEndpointUpdateRequest' });

export const webhookDeliveryStatusSchema = z.enum(['pending', 'delivered', 'dead']).describe('pending (will be tried, or tried again), delivered (a 2xx answer), dead (gave up after the last retry).');

export const webhookAttemptSchema = z.object({
  at: isoDateTimeSchema,
  statusCode: z.number().int().nullable().describe("The consumer's HTTP status; null when no answer came."),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

export const webhookDeliverySchema = z
  .object({
    id: idSchema('whd'),
    endpointId: idSchema('whe'),
    eventId: idSchema('evt').describe('Also the `webhook-id` header: the same on every retry, consumers deduplicate by it.'),
    eventType: z.string(),
    status: webhookDeliveryStatusSchema,
    attempts: z.array(webhookAttemptSchema).describe('Every attempt, oldest first.'),
    nextAttemptAt: isoDateTimeSchema.nullable().describe('When a pending delivery is tried next.'),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryListSchema = z.object({ data: z.array(webhookDeliverySchema) }).meta({ id: 'WebhookDeliveryList' });
