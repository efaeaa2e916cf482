import { DomainError, silentLogger, type Engine, type Logger, type SandboxAcquirer } from '@pay-box/engine';
import { Hono } from 'hono';
import { operations, type Operation } from '../openapi/operations.js';
import { accessLog } from './access-log.js';
import { authenticate } from './authenticate.js';
import { limitBody } from './body-limit.js';
import { cors } from './cors.js';
import type { AppEnv } from './env.js';
import { respondWithError } from './error-response.js';
import { requestId } from './request-id.js';
import { settingsRoutes } from './routes/admin/settings.js';
import { staffRoutes } from './routes/admin/staff-access.js';
import { liveRoutes } from './routes/admin/live.js';
import { reconciliationRoutes } from './routes/admin/reconciliation.js';
import { gestionaleRoutes } from './routes/admin/gestionale.js';
import { webhookRoutes } from './routes/admin/webhooks.js';
import { connectorRoutes } from './routes/admin/connectors.js';
import { platformRoutes } from './routes/platform/onboarding.js';
import { terminalPairingRoutes } from './routes/terminal-pairing.js';
import { staffSession } from './staff-session.js';
import { agentRoutes } from './routes/agent.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { checkoutRoutes } from './routes/checkout.js';
import { creditRoutes, defaultLookupLimits, type LookupLimits } from './routes/credits.js';
import { paymentRoutes } from './routes/payments.js';
import { receiptRoutes, type ClientAddress } from './routes/receipts.js';
import { sandboxAcquirerRoutes } from './routes/sandbox-acquirer.js';
import { systemRoutes } from './routes/system.js';

/** No request of this API needs more: a 2 MB body is refused before it is read whole. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The operations that take a file, by path: their own body limit. */
const uploadLimits = new Map(
  Object.values(operations as Record<string, Operation>).flatMap((operation) => (operation.upload ? [[operation.path, operation.upload.maxBytes] as const] : [])),
);

export interface ApiAppOptions {
  version: string;
  log?: Logger;
  /** True while shutting down: new requests get 503 so that clients retry elsewhere. */
  isDraining?: () => boolean;
  /** The caller's network address (the runtime's, never a header a client could forge); 'unknown' when there is none. */
  clientAddress?: ClientAddress;
  /** Lookups per key and minute. */
  lookupLimits?: LookupLimits;
  /** Serves this sandbox acquirer's hosted card page, and sends it the notifications' address (this app). */
  sandboxAcquirer?: SandboxAcquirer;
}

/**
 * The Pay-Box HTTP API over an engine, on Web-standard Request and Response: the reference server
 * serves it from Node, and the SDK's mock answers with it in memory, so the two answer alike
 * (routes, keys and origins, validation, errors, headers).
 */
export function createApiApp(engine: Engine, options: ApiAppOptions): Hono<AppEnv> {
  const log = options.log ?? silentLogger;
  const app = new Hono<AppEnv>();

  app.use(requestId(engine.context.ids));
  app.use(accessLog(log));
  app.use(async (c, next) => {
    if (options.isDraining?.()) {
      c.header('Connection', 'close');
      throw new DomainError('service_unavailable');
    }
    await next();
  });
  app.use('/v1/*', cors());
  app.use('/v1/*', limitBody(MAX_BODY_BYTES, uploadLimits));
  app.use('/sandbox-acquirer/*', limitBody(MAX_BODY_BYTES));
  app.use('/v1/*', authenticate(engine));
  app.use('/v1/admin/*', staffSession(engine));
  app.use('/v1/platform/*', staffSession(engine));

  creditRoutes(app, engine, options.lookupLimits ?? defaultLookupLimits);
  paymentRoutes(app, engine);
  receiptRoutes(app, engine, options.clientAddress ?? (() => 'unknown'));
  catalogueRoutes(app, engine);
  checkoutRoutes(app, engine);
  if (options.sandboxAcquirer) sandboxAcquirerRoutes(app, options.sandboxAcquirer);
  agentRoutes(app, engine);
  staffRoutes(app, engine);
  liveRoutes(app, engine, { isDraining: () => options.isDraining?.() ?? false });
  reconciliationRoutes(app, engine);
  gestionaleRoutes(app, engine);
  webhookRoutes(app, engine);
  connectorRoutes(app, engine);
  settingsRoutes(app, engine);
  platformRoutes(app, engine);
  terminalPairingRoutes(app, engine, options.clientAddress ?? (() => 'unknown'));
  systemRoutes(app, engine, log, options.version);

  app.notFound(() => {
    throw new DomainError('not_found');
  });
  app.onError((error, c) => respondWithError(c, error, log));
  // The sandbox acquirer posts its notifications to this app, as a real one would to the server's URL.
  options.sandboxAcquirer?.deliverTo((request) => Promise.resolve(app.fetch(request)));
  return app;
}
