import type { Receipt, ReceiptFormat } from '@pay-box/contract';
import { renderReceiptText } from '@pay-box/contract/receipts';
import { DomainError, type Engine } from '@pay-box/engine';
import type { Context, Hono } from 'hono';
import { operations } from '../../openapi/operations.js';
import type { AppEnv } from '../env.js';
import { mountOperation } from '../mount-operation.js';
import { RateLimiter } from '../rate-limit.js';
import { pageLocale } from '../../pages/html.js';
import { renderVerificationPage, verificationPageStyle, type VerificationOutcome } from '../../pages/verification-page.js';

/** Receipt checks per client address and minute, by the API or on the page. */
export const VERIFY_LIMIT = 60;

/**
 * The page runs no script and loads only its own stylesheet; the code in its URL goes nowhere else;
 * a bank reference may arrive after a first look, so nothing keeps a copy.
 */
const pageHeaders = {
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

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

  // The page a receipt's QR code leads to, sharing the JSON check's limit per client.
  app.get('/verifica/style.css', (c) => c.body(verificationPageStyle, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=86400' }));
  app.get('/verifica/:code', async (c) => {
    const locale = pageLocale(c.req.query('lang'), c.req.header('accept-language'));
    const code = c.req.param('code').slice(0, 40);
    const page = (status: 200 | 404 | 429, outcome: VerificationOutcome) => c.html(renderVerificationPage(outcome, locale), status, pageHeaders);
    const wait = verifyLimit.hit(clientAddress(c));
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return page(429, { kind: 'rate_limited', retryAfterSeconds: wait });
    }
    try {
      return page(200, { kind: 'genuine', verification: await engine.receipts.verify(code) });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'receipt_not_found') return page(404, { kind: 'unknown', code });
      throw error;
    }
  });

  mountOperation(app, operations.getReceipt, async ({ principal, params, query }, c) => respondWithReceipt(c, await engine.receipts.get(principal, params.id), query.format));
}

/** A receipt in the format asked for: JSON, text for a thermal printer, or PDF. */
export async function respondWithReceipt(c: Context<AppEnv>, receipt: Receipt, format: ReceiptFormat): Promise<Response> {
  switch (format) {
    case 'json':
      return c.json(receipt);
    case 'text58':
    case 'text80':
      return c.text(renderReceiptText(receipt, format === 'text58' ? 32 : 48));
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
}
