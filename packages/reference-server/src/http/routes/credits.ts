import type { Hono } from 'hono';
import { DomainError } from '../../domain-error.js';
import { operations } from '../../openapi/operations.js';
import type { ServiceContext } from '../../services/context.js';
import { lookupCredits } from '../../services/lookup-credits.js';
import type { AppEnv } from '../env.js';
import { mountOperation } from '../mount-operation.js';
import { RateLimiter } from '../rate-limit.js';

/** Per key and minute. Looking up by tax code is what an enumeration would do: it gets a tighter limit. */
export const LOOKUP_LIMITS = { any: 300, byTaxCode: 30 };

export function creditRoutes(app: Hono<AppEnv>, ctx: ServiceContext): void {
  const limits = { any: new RateLimiter(LOOKUP_LIMITS.any, 60_000), byTaxCode: new RateLimiter(LOOKUP_LIMITS.byTaxCode, 60_000) };
  mountOperation(app, operations.lookupCredits, ({ principal, body }, c) => {
    const wait = Math.max(limits.any.hit(principal.keyId), body.debtorTaxCode ? limits.byTaxCode.hit(principal.keyId) : 0);
    if (wait > 0) throw new DomainError('rate_limited', { retryAfterSeconds: wait });
    return c.json({ data: lookupCredits(ctx, principal, body) });
  });
}
