import type { Hono } from 'hono';
import { operations } from '../../openapi/operations.js';
import { agentBalance, agentReport } from '../../services/agent-reports.js';
import type { ServiceContext } from '../../services/context.js';
import type { AppEnv } from '../env.js';
import { mountOperation } from '../mount-operation.js';

export function agentRoutes(app: Hono<AppEnv>, ctx: ServiceContext): void {
  mountOperation(app, operations.getAgentBalance, ({ principal }, c) => c.json(agentBalance(ctx, principal)));
  mountOperation(app, operations.getAgentReport, ({ principal, query }, c) => c.json(agentReport(ctx, principal, query.date)));
}
