import type { Hono } from 'hono';
import { DomainError } from '../../domain-error.js';
import { operations } from '../../openapi/operations.js';
import type { ServiceContext } from '../../services/context.js';
import { lookupCredits } from '../../services/lookup-credits.js';
import type { AppEnv } from '../env.js';
import { mountOperation } from '../mount-operation.js';
import { RateLimiter } from '../rate-limit.js';

/** Looking up by tax code is what an enumeration would do: it gets a tighter limit than by notice number. */
const lookupLimits = { byTaxCode: new RateLimiter(30, 60_000), any: new RateLimiter(300, 60_000) };

export function creditRoutes(app: Hono<AppEnv>, ctx: ServiceContext): void {
  mountOperation(app, operations.lookupCredits, ({ principal, body }, c) => {
    const caller = principal;
    const wait = Math.max(lookupLimits.any.hit(caller.keyId), body.debtorTaxCode ? lookupLimits.byTaxCode.hit(caller.keyId) : 0);
    if (wait > 0) throw new DomainError('rate_limited', { retryAfterSeconds: wait });
    return c.json({ data: lookupCredits(ctx, caller, body) });
  });
}
