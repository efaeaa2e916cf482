import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from '../common.js';

/** An origin of the comune's site, as browsers send it: scheme, host and port, no path. */
const originSchema = z
  .url({ protocol: /^https?$/ })
  .transform((url) => new URL(url).origin)
  .describe("An origin of the comune's web site: https://www.comune.example.it");

/** A publishable key of the comune's site, as its admins see it: never its secret. */
export const publishableKeySchema = z
  .object({
    id: idSchema('key'),
    keyPrefix: z.string().describe('The first characters of the key, to tell keys apart.'),
    allowedOrigins: z.array(z.string()).describe('The only origins whose pages may use it.'),
    createdAt: isoDateTimeSchema,
    revokedAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'PublishableKey' });
export type PublishableKey = z.infer<typeof publishableKeySchema>;

export const publishableKeyListSchema = z.object({ data: z.array(publishableKeySchema) }).meta({ id: 'PublishableKeyList' });

export const publishableKeyCreateRequestSchema = z
  .object({ allowedOrigins: z.array(originSchema).min(1, 'at least one origin').max(20) })
  .strict()
  .meta({ id: 'PublishableKeyCreateRequest' });

export const publishableKeyCreatedSchema = z
  .object({
    key: publishableKeySchema,
    secret: z.string().describe('The key `pk_...` to put in the site’s pages: shown only this once.'),
  })
  .meta({ id: 'PublishableKeyCreated' });
export type PublishableKeyCreated = z.infer<typeof publishableKeyCreatedSchema>;
