import type { Hono } from 'hono';
import { DomainError } from '../../domain-error.js';
import { operations } from '../../openapi/operations.js';
import { renderReceiptText } from '@pay-box/sdk/receipts';
import { renderReceiptPdf } from '../../receipts/index.js';
import type { ServiceContext } from '../../services/context.js';
import { getReceipt, verifyReceipt } from '../../services/receipts.js';
import type { AppEnv } from '../env.js';
import { mountOperation } from '../mount-operation.js';
import { RateLimiter } from '../rate-limit.js';

/** Receipt checks per client address and minute. */
export const VERIFY_LIMIT = 60;

export function receiptRoutes(app: Hono<AppEnv>, ctx: ServiceContext): void {
  const verifyLimit = new RateLimiter(VERIFY_LIMIT, 60_000);
  // Registered before /{id} so that "verify" is never taken for an id.
  mountOperation(app, operations.verifyReceipt, ({ params }, c) => {
    const wait = verifyLimit.hit(clientAddress(c.env));
    if (wait > 0) throw new DomainError('rate_limited', { retryAfterSeconds: wait });
    return c.json(verifyReceipt(ctx, params.code));
  });

  mountOperation(app, operations.getReceipt, async ({ principal, params, query }, c) => {
    const receipt = getReceipt(ctx, principal, params.id);
    switch (query.format) {
      case 'json':
        return c.json(receipt);
      case 'text58':
      case 'text80':
        return c.text(renderReceiptText(receipt, query.format === 'text58' ? 32 : 48));
      case 'pdf': {
        const pdf = await renderReceiptPdf(receipt);
        return c.body(pdf.slice().buffer, 200, {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `inline; filename="ricevuta-${receipt.number}.pdf"`,
        });
      }
    }
  });
}

/** The peer address from @hono/node-server's bindings, for per-client limits on public routes. */
function clientAddress(env: unknown): string {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
