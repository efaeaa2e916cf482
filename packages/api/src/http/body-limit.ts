import { DomainError } from '@pay-box/engine';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.js';
import { bodyReadError } from './error-response.js';

/**
 * Refuses a body larger than `maxBytes` before it is read whole. A declared Content-Length is judged
 * from the header alone: touching the request's body stream first would make the Node adapter build
 * a full web Request for every call, which showed in the lookup's profile. A chunked body has no
 * length to trust, so it is counted as it arrives, and a client that hangs up mid-upload fails that
 * read (a client abort, not a server error).
 */
export const limitBody = (defaultMaxBytes: number, uploadLimits: ReadonlyMap<string, number> = new Map()) => {
  const tooLarge = (maxBytes: number) => new DomainError('payload_too_large', { maxBytes });
  const countingFor = new Map(
    [defaultMaxBytes, ...uploadLimits.values()].map((maxBytes) => [
      maxBytes,
      bodyLimit({
        maxSize: maxBytes,
        onError: () => {
          throw tooLarge(maxBytes);
        },
      }),
    ]),
  );
  return createMiddleware<AppEnv>(async (c, next) => {
    // The routes that take a file have their own, larger limit, by exact path.
    const maxBytes = uploadLimits.get(c.req.path) ?? defaultMaxBytes;
    const counting = countingFor.get(maxBytes)!;
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(declared) > maxBytes) throw tooLarge(maxBytes);
      return next();
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    try {
      return await counting(c, next);
    } catch (error) {
      throw bodyReadError(c, error);
    }
  });
};
