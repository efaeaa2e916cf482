import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { DomainError } from '../domain-error.js';
import type { Logger } from '../log.js';
import type { ServiceContext } from '../services/context.js';
import { IdempotentWrites } from '../services/idempotent-writes.js';
import { accessLog } from './access-log.js';
import { authenticate } from './authenticate.js';
import type { AppEnv } from './env.js';
import { respondWithError } from './error-response.js';
import { requestId } from './request-id.js';
import { agentRoutes } from './routes/agent.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { creditRoutes } from './routes/credits.js';
import { paymentRoutes } from './routes/payments.js';
import { receiptRoutes } from './routes/receipts.js';
import { systemRoutes } from './routes/system.js';

/** No request of this API needs more: a 2 MB body is refused before it is read whole. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface AppOptions {
  version: string;
  /** True while shutting down: new requests get 503 so that clients retry elsewhere. */
  isDraining: () => boolean;
}

export function createApp(ctx: ServiceContext, log: Logger, options: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const idempotent = new IdempotentWrites(ctx.repos, ctx.writes, ctx.clock);

  app.use(requestId(ctx.ids));
  app.use(accessLog(log));
  app.use(async (c, next) => {
    if (options.isDraining()) {
      c.header('Connection', 'close');
      throw new DomainError('service_unavailable');
    }
    await next();
  });
  app.use(
    '/v1/*',
    cors({
      origin: (origin) => origin,
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
      exposeHeaders: ['X-Request-Id', 'Idempotent-Replayed', 'Retry-After'],
      maxAge: 600,
    }),
  );
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new DomainError('payload_too_large', { maxBytes: MAX_BODY_BYTES });
      },
    }),
  );
  app.use('/v1/*', authenticate(ctx));

  creditRoutes(app, ctx);
  paymentRoutes(app, ctx, idempotent);
  receiptRoutes(app, ctx);
  catalogueRoutes(app, ctx);
  agentRoutes(app, ctx);
  systemRoutes(app, ctx, log, options.version);

  app.notFound(() => {
    throw new DomainError('not_found');
  });
  app.onError((error, c) => respondWithError(c, error, log));
  return app;
}
