import type { Engine, Logger } from '@pay-box/engine';
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';

export function systemRoutes(app: Hono<AppEnv>, engine: Engine, log: Logger, version: string): void {
  app.get('/healthz', async (c) => {
    try {
      const { pendingOutbox, transfers } = await engine.books.health();
      return c.json({ status: 'ok', version, database: 'ok', outbox: { pending: pendingOutbox }, transfers });
    } catch (error) {
      // A load balancer takes this instance out; the detail goes to the log, not to the caller.
      log.error('health check failed', { error: String(error) });
      return c.json({ status: 'unavailable', version, database: 'unavailable' }, 503);
    }
  });
}
