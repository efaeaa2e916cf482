import type { Engine } from '@pay-box/engine';
import type { Hono } from 'hono';
import { operations } from '../../../openapi/operations.js';
import type { AppEnv } from '../../env.js';
import { mountOperation } from '../../mount-operation.js';

export function settingsRoutes(app: Hono<AppEnv>, engine: Engine): void {
  const { settings } = engine.staff;
  mountOperation(app, operations.importAdminServices, async ({ principal, upload }, c) => c.json(await settings.importServices(principal, upload)));
  mountOperation(app, operations.listPublishableKeys, async ({ principal }, c) => c.json({ data: await settings.publishableKeys(principal) }));
  mountOperation(app, operations.createPublishableKey, async ({ principal, body }, c) => c.json(await settings.createPublishableKey(principal, body.allowedOrigins), 201));
  mountOperation(app, operations.revokePublishableKey, async ({ principal, params }, c) => {
    await settings.revokePublishableKey(principal, params.id);
    return c.body(null, 204);
  });
}
