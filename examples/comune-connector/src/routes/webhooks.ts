import { z } from 'zod';
import type { TributiContext } from '../context.js';
import { failure, json, type Route } from '../http.js';
import { recordSettlement } from '../payments.js';
import { verifySignedRequest } from '../signed-request.js';
import { recordWebhookEvent, webhookEventSchema, type WebhookEvent } from '../webhook-events.js';

const transferSettledSchema = z.object({ paymentId: z.string(), bankReference: z.string() });

/** What this office does with an event, beyond keeping it: the CRO/TRN of a settled transfer goes beside its payment. */
function apply(context: TributiContext, event: WebhookEvent): void {
  if (event.type !== 'transfer.settled') return;
  const settled = transferSettledSchema.safeParse(event.data);
  if (settled.success) recordSettlement(context.db, settled.data.paymentId, settled.data.bankReference);
  else context.log(`webhook ${event.id}: transfer.settled without paymentId and bankReference`);
}

/**
 * `POST /pay-box/webhooks`: Pay-Box's events (payment.succeeded, transfer.settled, ...), kept once
 * per webhook-id and acknowledged every time, so a retry or a redelivery changes nothing.
 */
export function webhooksRoute(context: TributiContext): Route {
  return async (request) => {
    // Not a 2xx: Pay-Box keeps the event and retries, so nothing is lost while the secret is missing.
    if (!context.webhookSecret) return failure(503, 'webhooks_not_configured', 'Set PAYBOX_WEBHOOK_SECRET to receive webhooks.');
    const signed = await verifySignedRequest(request, context.webhookSecret, webhookEventSchema);
    if (!signed.ok) return signed.reply;
    const event = signed.body;
    const firstTime = context.db.transaction(() => {
      const recorded = recordWebhookEvent(context.db, signed.webhookId, event, new Date());
      if (recorded) apply(context, event);
      return recorded;
    })();
    context.log(`webhook ${event.type} ${signed.webhookId}${firstTime ? '' : ', seen before'}`);
    return json(200, { received: true, duplicate: !firstTime });
  };
}
