import type { Engine } from '@pay-box/engine';
import type { Context, Hono } from 'hono';
import { operations } from '../../../openapi/operations.js';
import type { AppEnv } from '../../env.js';
import { mountOperation } from '../../mount-operation.js';

/** A CSV download, named with the day it was made. */
const csvFile = (c: Context<AppEnv>, csv: string, name: string) =>
  c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.csv"` });

export function gestionaleRoutes(app: Hono<AppEnv>, engine: Engine): void {
  const { credits, unexpectedCredits } = engine.gestionale;
  mountOperation(app, operations.listAdminServices, async ({ principal }, c) => c.json({ data: await engine.gestionale.services(principal) }));
  mountOperation(app, operations.listAdminCredits, async ({ principal, query }, c) => c.json(await credits.list(principal, query)));
  mountOperation(app, operations.createAdminCredit, async ({ principal, body }, c) => c.json(await credits.create(principal, body), 201));
  // Before /credits/{id}: "export" is not a credit's id.
  mountOperation(app, operations.exportAdminCredits, async ({ principal, query }, c) => csvFile(c, await credits.export(principal, query), 'crediti'));
  mountOperation(app, operations.getAdminCredit, async ({ principal, params }, c) => c.json(await credits.get(principal, params.id)));
  mountOperation(app, operations.updateAdminCredit, async ({ principal, params, body }, c) => c.json(await credits.update(principal, params.id, body)));
  mountOperation(app, operations.cancelAdminCredit, async ({ principal, params, body }, c) => c.json(await credits.cancel(principal, params.id, body.reason)));
  mountOperation(app, operations.importAdminCredits, async ({ principal, query, upload }, c) => c.json(await credits.import(principal, upload, query.mode)));
  mountOperation(app, operations.listUnexpectedCredits, async ({ principal, query }, c) => c.json(await unexpectedCredits.list(principal, query)));
  mountOperation(app, operations.registerUnexpectedCredits, async ({ principal, body }, c) => c.json(await unexpectedCredits.register(principal, body)));
  mountOperation(app, operations.exportUnexpectedCredits, async ({ principal, query }, c) => csvFile(c, await unexpectedCredits.export(principal, query.registered), 'crediti-non-attesi'));
}
