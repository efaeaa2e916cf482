import type { Engine } from '@pay-box/engine';
import type { Hono } from 'hono';
import { operations } from '../../openapi/operations.js';
import type { AppEnv } from '../env.js';
import { mountOperation } from '../mount-operation.js';

export function paymentRoutes(app: Hono<AppEnv>, engine: Engine): void {
  mountOperation(app, operations.createPayment, async ({ principal, body, idempotencyKey }, c) => {
    const { payment, replayed } = await engine.payments.create(principal, body, idempotencyKey);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(payment, 201);
  });

  mountOperation(app, operations.getPayment, async ({ principal, params }, c) => c.json(await engine.payments.get(principal, params.id)));

  mountOperation(app, operations.createUnexpectedCredit, async ({ principal, body, idempotencyKey }, c) => {
    const { credit, payment, replayed } = await engine.unexpectedCredits.create(principal, body, idempotencyKey);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json({ credit, payment }, 201);
  });
}
