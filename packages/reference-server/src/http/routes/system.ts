import type { Hono } from 'hono';
import { buildOpenApiDocument } from '../../openapi/document.js';
import { renderApiReferencePage } from '../../openapi/reference-page.js';
import type { Logger } from '../../log.js';
import type { ServiceContext } from '../../services/context.js';
import type { AppEnv } from '../env.js';

export function systemRoutes(app: Hono<AppEnv>, ctx: ServiceContext, log: Logger, version: string): void {
  // Built on first use: the public URL is known only once the server is listening (PORT=0).
  let built: { document: ReturnType<typeof buildOpenApiDocument>; page: string } | undefined;
  const reference = () => {
    if (!built) {
      const document = buildOpenApiDocument({ serverUrl: ctx.settings.publicUrl, version });
      built = { document, page: renderApiReferencePage(document) };
    }
    return built;
  };

  app.get('/healthz', (c) => {
    try {
      const pendingTransfers = ctx.repos.outbox.pendingCount();
      return c.json({ status: 'ok', version, database: 'ok', outbox: { pending: pendingTransfers }, transfers: ctx.repos.transfers.countByStatus() });
    } catch (error) {
      // A load balancer takes this instance out; the detail goes to the log, not to the caller.
      log.error('health check failed', { error: String(error) });
      return c.json({ status: 'unavailable', version, database: 'unavailable' }, 503);
    }
  });
  app.get('/openapi.json', (c) => c.json(reference().document));
  app.get('/docs', (c) => c.html(reference().page));
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
