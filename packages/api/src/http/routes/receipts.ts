import { renderReceiptText } from '@pay-box/contract/receipts';
import { DomainError, type Engine } from '@pay-box/engine';
import type { Context, Hono } from 'hono';
import { operations } from '../../openapi/operations.js';
import type { AppEnv } from '../env.js';
import { mountOperation } from '../mount-operation.js';
import { RateLimiter } from '../rate-limit.js';

/** Receipt checks per client address and minute. */
export const VERIFY_LIMIT = 60;

/** The caller's network address, for per-client limits on public routes; the runtime knows it, not the request. */
export type ClientAddress = (c: Context<AppEnv>) => string;

export function receiptRoutes(app: Hono<AppEnv>, engine: Engine, clientAddress: ClientAddress): void {
  const verifyLimit = new RateLimiter(VERIFY_LIMIT, 60_000);
  // Registered before /{id} so that "verify" is never taken for an id.
  mountOperation(app, operations.verifyReceipt, async ({ params }, c) => {
    const wait = verifyLimit.hit(clientAddress(c));
    if (wait > 0) throw new DomainError('rate_limited', { retryAfterSeconds: wait });
    return c.json(await engine.receipts.verify(params.code));
  });

  mountOperation(app, operations.getReceipt, async ({ principal, params, query }, c) => {
    const receipt = await engine.receipts.get(principal, params.id);
    switch (query.format) {
      case 'json':
        return c.json(receipt);
      case 'text58':
      case 'text80':
        return c.text(renderReceiptText(receipt, query.format === 'text58' ? 32 : 48));
      case 'pdf': {
        // pdf-lib is loaded on the first PDF only: a browser bundle of the mock does not carry it until then.
        const { renderReceiptPdf } = await import('../../receipts/render-pdf.js');
        const pdf = await renderReceiptPdf(receipt);
        return c.body(pdf.slice().buffer, 200, {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `inline; filename="ricevuta-${receipt.number}.pdf"`,
        });
      }
    }
  });
}
