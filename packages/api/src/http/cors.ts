import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.js';
import { isStaffPath } from './staff-session.js';

const allowMethods = 'GET,POST,OPTIONS';
const allowHeaders = 'Authorization,Content-Type,Idempotency-Key,X-Request-Id';
const exposeHeaders = 'X-Request-Id,Idempotent-Replayed,Retry-After';

/**
 * Cross-origin calls from web pages. Any origin may ask (the answer carries no cookie); which origins
 * may use a publishable key is the authentication's decision. The headers go on the final response,
 * errors included, once it exists: Hono's own cors middleware writes them on a response it creates
 * before the route runs, and merging that into the route's response built a full web Response for
 * every call, which showed in the lookup's profile. The staff routes get none: their cookie must
 * never be usable from another origin, so no other origin is told it may read them.
 */
export const cors = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (isStaffPath(c.req.path)) return next();
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          ...(origin && { 'Access-Control-Allow-Origin': origin }),
          'Access-Control-Allow-Methods': allowMethods,
          'Access-Control-Allow-Headers': allowHeaders,
          'Access-Control-Max-Age': '600',
          Vary: 'Origin, Access-Control-Request-Headers',
        },
      });
    }
    await next();
    const headers = c.res.headers;
    if (origin) {
      headers.set('Access-Control-Allow-Origin', origin);
      headers.set('Access-Control-Expose-Headers', exposeHeaders);
    }
    headers.append('Vary', 'Origin');
  });
