import { ACQUIRER_NOTIFICATION_PATH, type Engine } from '@pay-box/engine';
import type { Hono } from 'hono';
import { operations } from '../../openapi/operations.js';
import { bodyReadError } from '../error-response.js';
import type { AppEnv } from '../env.js';
import { mountOperation } from '../mount-operation.js';
import { respondWithReceipt } from './receipts.js';

/** The web channel: card payments through the acquirer's hosted page, and the shops where one pays in cash. */
export function checkoutRoutes(app: Hono<AppEnv>, engine: Engine): void {
  mountOperation(app, operations.createCheckoutSession, async ({ principal, body }, c) => c.json(await engine.checkoutSessions.create(principal, body), 201));
  mountOperation(app, operations.getCheckoutSession, async ({ principal, params }, c) => c.json(await engine.checkoutSessions.get(principal, params.id)));
  mountOperation(app, operations.getCheckoutReceipt, async ({ principal, params, query }, c) =>
    respondWithReceipt(c, await engine.checkoutSessions.receipt(principal, params.id), query.format),
  );
  mountOperation(app, operations.listPoints, async ({ principal }, c) => c.json(await engine.points.list(principal)));

  // The acquirer's own call, signed by it: no API key. Its raw body is what the signature covers.
  app.post(ACQUIRER_NOTIFICATION_PATH, async (c) => {
    const body = await c.req.text().catch((error: unknown) => {
      throw bodyReadError(c, error);
    });
    return c.json({ received: true, effect: await engine.checkoutSessions.recordNotification(body, c.req.raw.headers) });
  });
}
