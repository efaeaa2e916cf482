import { verifyWebhook, WebhookVerificationError } from '@pay-box/sdk';
import { z } from 'zod';
import { failure, type TributiReply, type TributiRequest } from './http.js';

export type SignedRequest<T> = { ok: true; webhookId: string; body: T } | { ok: false; reply: TributiReply };

/**
 * Checks a request from Pay-Box before anything else: the signature over the raw body with the
 * shared `whsec_` secret and a timestamp within 5 minutes (401 otherwise), then the JSON against
 * the protocol's schema (400). Connector requests and webhooks are signed the same way.
 */
export async function verifySignedRequest<T extends z.ZodType>(request: TributiRequest, secret: string, schema: T): Promise<SignedRequest<z.output<T>>> {
  const webhookId = request.headers['webhook-id'];
  if (typeof webhookId !== 'string') return { ok: false, reply: failure(401, 'webhook_headers_missing', 'One webhook-id header is required.') };
  let json: unknown;
  try {
    json = await verifyWebhook(request.rawBody, request.headers, secret);
  } catch (error) {
    if (error instanceof WebhookVerificationError) return { ok: false, reply: failure(401, error.code, error.message) };
    if (error instanceof SyntaxError) return { ok: false, reply: failure(400, 'invalid_json', 'The body is not JSON.') };
    throw error;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, reply: failure(400, 'validation_failed', z.prettifyError(parsed.error)) };
  return { ok: true, webhookId, body: parsed.data };
}
