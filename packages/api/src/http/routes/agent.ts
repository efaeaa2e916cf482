import type { Engine } from '@pay-box/engine';
import type { Hono } from 'hono';
import { operations } from '../../openapi/operations.js';
import type { AppEnv } from '../env.js';
import { mountOperation } from '../mount-operation.js';

export function agentRoutes(app: Hono<AppEnv>, engine: Engine): void {
  mountOperation(app, operations.getAgentBalance, async ({ principal }, c) => c.json(await engine.agents.balance(principal)));
  mountOperation(app, operations.getAgentReport, async ({ principal, query }, c) => c.json(await engine.agents.report(principal, query.date)));
}
