import type { Hono } from 'hono';
import { operations } from '../../openapi/operations.js';
import type { ServiceContext } from '../../services/context.js';
import type { IdempotentWrites } from '../../services/idempotent-writes.js';
import { payCredit } from '../../services/pay-credit.js';
import { payUnexpectedCredit } from '../../services/pay-unexpected-credit.js';
import { getPayment } from '../../services/payments.js';
import type { AppEnv } from '../env.js';
import { mountOperation } from '../mount-operation.js';

export function paymentRoutes(app: Hono<AppEnv>, ctx: ServiceContext, idempotent: IdempotentWrites): void {
  mountOperation(app, operations.createPayment, async ({ principal, body, idempotencyKey }, c) => {
    const { payment, replayed } = await payCredit(ctx, idempotent, principal, body, idempotencyKey);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(payment, 201);
  });

  mountOperation(app, operations.getPayment, ({ principal, params }, c) => c.json(getPayment(ctx, principal, params.id)));

  mountOperation(app, operations.createUnexpectedCredit, async ({ principal, body, idempotencyKey }, c) => {
    const { credit, payment, replayed } = await payUnexpectedCredit(ctx, idempotent, principal, body, idempotencyKey);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json({ credit, payment }, 201);
  });
}
