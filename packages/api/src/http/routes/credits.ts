import { DomainError, type Engine } from '@pay-box/engine';
import type { Hono } from 'hono';
import { operations } from '../../openapi/operations.js';
import type { AppEnv } from '../env.js';
import { mountOperation } from '../mount-operation.js';
import { RateLimiter } from '../rate-limit.js';

/** Per key and minute. Looking up by tax code is what an enumeration would do: it gets a tighter limit. */
export interface LookupLimits {
  any: number;
  byTaxCode: number;
}

export const defaultLookupLimits: LookupLimits = { any: 300, byTaxCode: 30 };

export function creditRoutes(app: Hono<AppEnv>, engine: Engine, perMinute: LookupLimits): void {
  const limits = { any: new RateLimiter(perMinute.any, 60_000), byTaxCode: new RateLimiter(perMinute.byTaxCode, 60_000) };
  mountOperation(app, operations.lookupCredits, async ({ principal, body }, c) => {
    const wait = Math.max(limits.any.hit(principal.keyId), body.debtorTaxCode ? limits.byTaxCode.hit(principal.keyId) : 0);
    if (wait > 0) throw new DomainError('rate_limited', { retryAfterSeconds: wait });
    return c.json({ data: await engine.credits.lookup(principal, body) });
  });
}
