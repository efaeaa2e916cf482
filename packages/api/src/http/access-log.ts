import { createMiddleware } from 'hono/factory';
import type { Logger } from '@pay-box/engine';
import type { AppEnv } from './env.js';

/** One line per request: method, path (never the body or query: they may carry tax codes), status, time. */
export const accessLog = (log: Logger) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    log.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      keyId: c.get('principal')?.keyId,
    });
  });
