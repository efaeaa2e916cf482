import { DomainError, type Engine } from '@pay-box/engine';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.js';

/**
 * Resolves `Authorization: Bearer <key>` to a principal. A wrong key is refused at once; no key
 * leaves the principal unset, and each operation decides whether it needs one. A publishable key
 * used from a browser must come from one of its allowed origins.
 */
export const authenticate = (engine: Engine) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const principal = match ? await engine.keys.authenticate(match[1]!) : undefined;
      if (!principal) throw new DomainError('unauthorized');
      const origin = c.req.header('origin');
      if (principal.kind === 'publishable' && origin !== undefined && !principal.allowedOrigins.includes(origin)) {
        throw new DomainError('forbidden', { reason: `origin ${origin} is not allowed for this publishable key` });
      }
      c.set('principal', principal);
    }
    await next();
  });
