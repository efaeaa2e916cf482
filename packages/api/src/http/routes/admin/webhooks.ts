import type { Engine } from '@pay-box/engine';
import type { Hono } from 'hono';
import { operations } from '../../../openapi/operations.js';
import type { AppEnv } from '../../env.js';
import { mountOperation } from '../../mount-operation.js';

export function webhookRoutes(app: Hono<AppEnv>, engine: Engine): void {
  mountOperation(app, operations.listWebhookEndpoints, async ({ principal }, c) => c.json({ data: await engine.webhooks.list(principal) }));
  mountOperation(app, operations.createWebhookEndpoint, async ({ principal, body }, c) => c.json(await engine.webhooks.create(principal, body), 201));
  mountOperation(app, operations.updateWebhookEndpoint, async ({ principal, params, body }, c) => c.json(await engine.webhooks.update(principal, params.id, body)));
  mountOperation(app, operations.rotateWebhookSecret, async ({ principal, params }, c) => c.json(await engine.webhooks.rotateSecret(principal, params.id)));
  mountOperation(app, operations.deleteWebhookEndpoint, async ({ principal, params }, c) => {
    await engine.webhooks.delete(principal, params.id);
    return c.body(null, 204);
  });
  mountOperation(app, operations.listWebhookDeliveries, async ({ principal, params }, c) => c.json({ data: await engine.webhooks.deliveries(principal, params.id) }));
  mountOperation(app, operations.redeliverWebhook, async ({ principal, params }, c) => c.json(await engine.webhooks.redeliver(principal, params.id)));
}
