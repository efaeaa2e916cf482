import { createMiddleware } from 'hono/factory';
import type { IdSource } from '@pay-box/engine';
import type { AppEnv } from './env.js';

const acceptable = /^[A-Za-z0-9_.:-]{8,64}$/;

/** Keeps a caller's X-Request-Id when it is sane, or makes one; echoes it on the response. */
export const requestId = (ids: IdSource) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const id = incoming && acceptable.test(incoming) ? incoming : ids.id('req');
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  });
