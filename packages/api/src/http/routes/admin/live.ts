import type { Engine } from '@pay-box/engine';
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { operations } from '../../../openapi/operations.js';
import type { AppEnv } from '../../env.js';
import { mountOperation } from '../../mount-operation.js';
import { respondWithReceipt } from '../receipts.js';

/** A comment line this often keeps proxies and browsers from closing a quiet feed. */
export const HEARTBEAT_MS = 15_000;
/** How often a feed reads the store when nothing woke it: an event of another instance not relayed still arrives within this. */
const FEED_POLL_MS = 500;

export interface LiveRouteOptions {
  /** True once the server drains: open feeds end so that it can stop. */
  isDraining?: () => boolean;
}

export function liveRoutes(app: Hono<AppEnv>, engine: Engine, options: LiveRouteOptions = {}): void {
  mountOperation(app, operations.getAdminOverview, async ({ principal }, c) => c.json(await engine.live.overview(principal)));

  mountOperation(app, operations.streamAdminEvents, async ({ principal, query }, c) => {
    const lastEventId = c.req.header('last-event-id') ?? query.lastEventId;
    const afterSeq = lastEventId !== undefined && /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : null;
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const gone = new AbortController();
      stream.onAbort(() => gone.abort());
      const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n').catch(() => gone.abort()), HEARTBEAT_MS);
      const stopped = () => gone.signal.aborted || stream.aborted || stream.closed || (options.isDraining?.() ?? false);
      try {
        const feed = engine.live.events(principal, { afterSeq, follow: query.follow === 'true', pollMs: FEED_POLL_MS, stopped, signal: gone.signal });
        for await (const event of feed) {
          const { seq, ...payload } = event;
          await stream.writeSSE({ id: String(seq), event: event.type, data: JSON.stringify(payload) });
        }
      } finally {
        clearInterval(heartbeat);
      }
    });
  });

  // Registered before /payments/{id}, so that "export" is never taken for an id.
  mountOperation(app, operations.exportAdminPayments, async ({ principal, query }, c) => {
    const csv = await engine.live.payments.export(principal, query);
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="pagamenti.csv"' });
  });
  mountOperation(app, operations.listAdminPayments, async ({ principal, query }, c) => c.json(await engine.live.payments.list(principal, query)));
  mountOperation(app, operations.getAdminPayment, async ({ principal, params }, c) => c.json(await engine.live.payments.get(principal, params.id)));
  mountOperation(app, operations.getAdminPaymentReceipt, async ({ principal, params, query }, c) => respondWithReceipt(c, await engine.live.payments.receipt(principal, params.id), query.format));
  mountOperation(app, operations.listAdminTransfers, async ({ principal, query }, c) => c.json(await engine.live.transfers.list(principal, query)));
  mountOperation(app, operations.retryAdminTransfer, async ({ principal, params }, c) => c.json(await engine.live.transfers.retry(principal, params.id)));
  mountOperation(app, operations.resolveAdminTransfer, async ({ principal, params, body }, c) => c.json(await engine.live.transfers.resolve(principal, params.id, body)));
  mountOperation(app, operations.listAdminAgents, async ({ principal }, c) => c.json(await engine.live.agents(principal)));
  mountOperation(app, operations.searchAdminPayments, async ({ principal, query }, c) => c.json(await engine.live.payments.search(principal, query.q)));
}
