import { z } from 'zod';
import type { TributiDatabase } from './database.js';

/** The envelope of every Pay-Box webhook (docs/integration-comune.md); `data` depends on `type`. */
export const webhookEventSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  createdAt: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

export interface WebhookEventRow {
  webhook_id: string;
  type: string;
  created_at: string;
  received_at: string;
}

/** Keeps a webhook once per webhook-id (the same on every retry); false when it was seen before. */
export function recordWebhookEvent(db: TributiDatabase, webhookId: string, event: WebhookEvent, receivedAt: Date): boolean {
  const { changes } = db
    .prepare('INSERT INTO webhook_events (webhook_id, type, created_at, received_at, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (webhook_id) DO NOTHING')
    .run(webhookId, event.type, event.createdAt, receivedAt.toISOString(), JSON.stringify(event));
  return changes === 1;
}

export function latestWebhookEvents(db: TributiDatabase, limit: number): WebhookEventRow[] {
  return db.prepare<[number], WebhookEventRow>('SELECT webhook_id, type, created_at, received_at FROM webhook_events ORDER BY received_at DESC, webhook_id LIMIT ?').all(limit);
}
