import type { CardEntry, SandboxAcquirer } from '@pay-box/engine';
import type { Context, Hono } from 'hono';
import { pageLocale } from '../../pages/html.js';
import { cardPageStyle, renderCardPage, type CardPageState } from '../../pages/sandbox-card-page.js';
import type { AppEnv } from '../env.js';

/** Headers of the card page: no script, no framing (no one can overlay it), forms posted here or, redirected, back to the comune's page. */
const pageHeaders = (returnOrigin: string | undefined) => ({
  'Content-Security-Policy': `default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'self'${returnOrigin ? ` ${returnOrigin}` : ''}; frame-ancestors 'none'`,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
});

const text = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 100) : '');

/**
 * The sandbox card acquirer's hosted page, served beside the API as a real acquirer serves its own:
 * the card form, the bank's extra confirmation, then a redirect back to the comune's page once the
 * acquirer has notified Pay-Box, signed.
 */
export function sandboxAcquirerRoutes(app: Hono<AppEnv>, acquirer: SandboxAcquirer): void {
  app.get('/sandbox-acquirer/style.css', (c) => c.body(cardPageStyle, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=86400' }));

  const page = async (c: Context<AppEnv>, state: CardPageState, status: 200 | 410 | 422 = 200) => {
    const token = c.req.param('token') ?? '';
    const order = await acquirer.openPayment(token);
    const locale = pageLocale(c.req.query('lang'), undefined, order?.locale ?? 'it');
    const shown = order && !order.expired ? state : { kind: 'unavailable' as const };
    return c.html(renderCardPage(order, shown, locale, `/sandbox-acquirer/pay/${encodeURIComponent(token)}`), shown.kind === 'unavailable' ? 410 : status, pageHeaders(order && new URL(order.returnUrl).origin));
  };

  app.get('/sandbox-acquirer/pay/:token', (c) => page(c, { kind: 'form' }));

  app.post('/sandbox-acquirer/pay/:token', async (c) => {
    const form = await c.req.parseBody();
    const card: CardEntry = { number: text(form.number), expiry: text(form.expiry), cvc: text(form.cvc), holder: text(form.holder) };
    const result = await acquirer.submitCard(c.req.param('token'), card);
    const entered = { holder: card.holder, expiry: card.expiry };
    switch (result.kind) {
      case 'authorized':
        return backToComune(c);
      case 'authentication':
        return page(c, { kind: 'authentication', challenge: result.challenge });
      case 'declined':
        return page(c, { kind: 'form', declined: result.reason, entered }, 422);
      case 'invalid':
        return page(c, { kind: 'form', problems: result.problems, entered }, 422);
      case 'unavailable':
        return page(c, { kind: 'unavailable' });
    }
  });

  app.post('/sandbox-acquirer/pay/:token/authenticate', async (c) => {
    const form = await c.req.parseBody();
    const result = await acquirer.authenticate(c.req.param('token'), text(form.challenge), form.decision === 'approve');
    if (result.kind === 'authorized') return backToComune(c);
    if (result.kind === 'declined') return page(c, { kind: 'form', declined: result.reason }, 422);
    return page(c, { kind: 'unavailable' });
  });

  /** Authorised and notified: the browser goes back to the comune's page, which reads the session. */
  const backToComune = async (c: Context<AppEnv>) => {
    const order = (await acquirer.openPayment(c.req.param('token') ?? ''))!;
    return c.redirect(order.returnUrl, 303);
  };
}
