import type { Hono } from 'hono';
import type { Service } from '@pay-box/sdk/contract';
import { operations } from '../../openapi/operations.js';
import type { ServiceContext } from '../../services/context.js';
import type { AppEnv } from '../env.js';
import { mountOperation } from '../mount-operation.js';

export function catalogueRoutes(app: Hono<AppEnv>, ctx: ServiceContext): void {
  mountOperation(app, operations.listServices, ({ principal }, c) => {
    const data: Service[] = ctx.repos.tenants.services(principal.comuneId).map((service) => ({
      code: service.code,
      name: service.name,
      description: service.description,
      acceptsUnexpectedCredits: service.acceptsUnexpected,
      ...(service.acceptsUnexpected && service.fields && service.amountRule ? { fields: service.fields, amountRule: service.amountRule } : {}),
    }));
    return c.json({ data });
  });
}
