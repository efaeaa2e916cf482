import { webhookSignature } from '@pay-box/contract/domain';

/** How far a webhook's timestamp may be from this clock, either way: older ones are replays. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export type WebhookVerificationCode = 'webhook_headers_missing' | 'webhook_timestamp_out_of_tolerance' | 'webhook_signature_invalid';

const messages: Record<WebhookVerificationCode, { en: string; it: string }> = {
  webhook_headers_missing: { en: 'The webhook-id, webhook-timestamp or webhook-signature header is missing.', it: 'Manca l’header webhook-id, webhook-timestamp o webhook-signature.' },
  webhook_timestamp_out_of_tolerance: {
    en: 'The webhook timestamp is more than 5 minutes from now: a replay, or a clock far off.',
    it: 'Il timestamp del webhook dista più di 5 minuti da adesso: una ripetizione, o un orologio sbagliato.',
  },
  webhook_signature_invalid: { en: 'No webhook signature matches this body and secret: altered, or signed with another secret.', it: 'Nessuna firma del webhook corrisponde a questo corpo e segreto: alterato, o firmato con un altro segreto.' },
};

/** A webhook that must not be trusted: `code` says why. */
export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
  readonly messages: { en: string; it: string };

  constructor(readonly code: WebhookVerificationCode) {
    super(messages[code].en);
    this.messages = messages[code];
  }
}

/** A Pay-Box webhook's JSON body, once verified. */
export interface PayBoxWebhookEvent {
  id: string;
  type: string;
  createdAt: string;
  data: Record<string, unknown>;
}

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(entry) ? entry[0] : entry;
}

/** Compares in a time that does not depend on where the first difference is. */
function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let index = 0; index < Math.max(a.length, b.length); index++) difference |= (a.charCodeAt(index) || 0) ^ (b.charCodeAt(index) || 0);
  return difference === 0;
}

/**
 * Verifies a Pay-Box webhook (Standard Webhooks): the raw body exactly as received, its headers, and
 * the endpoint's `whsec_` secret. Accepts it when any of the space-separated `v1,` signatures matches
 * (during a secret rotation there are two) and its timestamp is within 5 minutes of `now`; returns
 * the parsed event, or throws a `WebhookVerificationError`. Runs on Web Crypto: browsers, Node 20,
 * Deno, workers. Deduplicate by `event.id` (the `webhook-id` header): a retry carries the same one.
 */
export async function verifyWebhook(rawBody: string, headers: WebhookHeaders, secret: string, now: Date = new Date()): Promise<PayBoxWebhookEvent> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('webhook_headers_missing');
  const seconds = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - seconds) > WEBHOOK_TOLERANCE_SECONDS) throw new WebhookVerificationError('webhook_timestamp_out_of_tolerance');
  const expected = await webhookSignature(secret, id, seconds, rawBody);
  const matches = signatures.split(' ').filter((candidate) => candidate.startsWith('v1,')).map((candidate) => sameText(candidate, expected));
  if (!matches.includes(true)) throw new WebhookVerificationError('webhook_signature_invalid');
  return JSON.parse(rawBody) as PayBoxWebhookEvent;
}
