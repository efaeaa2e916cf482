import type { Engine } from '@pay-box/engine';
import type { Hono } from 'hono';
import { operations } from '../../openapi/operations.js';
import type { AppEnv } from '../env.js';
import { mountOperation } from '../mount-operation.js';

export function catalogueRoutes(app: Hono<AppEnv>, engine: Engine): void {
  mountOperation(app, operations.listServices, async ({ principal }, c) => c.json({ data: await engine.services.list(principal) }));
}
