import type { Hono } from 'hono';
import { buildOpenApiDocument } from '../../openapi/document.js';
import { renderApiReferencePage } from '../../openapi/reference-page.js';
import type { ServiceContext } from '../../services/context.js';
import type { AppEnv } from '../env.js';

export function systemRoutes(app: Hono<AppEnv>, ctx: ServiceContext, version: string): void {
  const document = buildOpenApiDocument({ serverUrl: ctx.settings.publicUrl, version });
  const referencePage = renderApiReferencePage(document);

  app.get('/healthz', (c) => {
    const pendingTransfers = ctx.repos.outbox.pendingCount();
    return c.json({ status: 'ok', version, database: 'ok', outbox: { pending: pendingTransfers }, transfers: ctx.repos.transfers.countByStatus() });
  });
  app.get('/openapi.json', (c) => c.json(document));
  app.get('/docs', (c) => c.html(referencePage));
  app.get('/', (c) =>
    c.json({
      name: 'Pay-Box reference server',
      version,
      docs: `${ctx.settings.publicUrl}/docs`,
      openapi: `${ctx.settings.publicUrl}/openapi.json`,
      health: `${ctx.settings.publicUrl}/healthz`,
    }),
  );
}
