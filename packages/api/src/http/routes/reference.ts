import type { Hono } from 'hono';
import { buildOpenApiDocument } from '../../openapi/document.js';
import { renderApiReferencePage } from '../../openapi/reference-page.js';
import type { AppEnv } from '../env.js';

/** The OpenAPI 3.1 document, the offline reference page and the index of a server that publishes them. */
export function referenceRoutes(app: Hono<AppEnv>, options: { publicUrl: () => string; version: string; name: string }): void {
  // Built on first use: the public URL is known only once the server is listening (PORT=0).
  let built: { document: ReturnType<typeof buildOpenApiDocument>; page: string } | undefined;
  const reference = () => {
    if (!built) {
      const document = buildOpenApiDocument({ serverUrl: options.publicUrl(), version: options.version });
      built = { document, page: renderApiReferencePage(document) };
    }
    return built;
  };
  app.get('/openapi.json', (c) => c.json(reference().document));
  app.get('/docs', (c) => c.html(reference().page));
  app.get('/', (c) =>
    c.json({
      name: options.name,
      version: options.version,
      docs: `${options.publicUrl()}/docs`,
      openapi: `${options.publicUrl()}/openapi.json`,
      health: `${options.publicUrl()}/healthz`,
    }),
  );
}
