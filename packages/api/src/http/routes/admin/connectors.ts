import type { Engine } from '@pay-box/engine';
import type { Hono } from 'hono';
import { operations } from '../../../openapi/operations.js';
import type { AppEnv } from '../../env.js';
import { mountOperation } from '../../mount-operation.js';

export function connectorRoutes(app: Hono<AppEnv>, engine: Engine): void {
  mountOperation(app, operations.listConnectors, async ({ principal }, c) => c.json({ data: await engine.connectors.list(principal) }));
  mountOperation(app, operations.createConnector, async ({ principal, body }, c) => c.json(await engine.connectors.create(principal, body), 201));
  mountOperation(app, operations.updateConnector, async ({ principal, params, body }, c) => c.json(await engine.connectors.update(principal, params.id, body)));
  mountOperation(app, operations.listDeadLetters, async ({ principal }, c) => c.json({ data: await engine.deadLetters.list(principal) }));
  mountOperation(app, operations.redeliverDeadLetter, async ({ principal, params }, c) => {
    await engine.deadLetters.redeliver(principal, params.id);
    return c.body(null, 204);
  });
}
