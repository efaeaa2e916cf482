import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { openContext } from './context-factory.js';
import type { Db } from './db/database.js';
import type { ServerConfig } from './config.js';
import { createApp } from './http/app.js';
import { createLogger, type Logger } from './log.js';
import type { Clock, IdSource } from './ports.js';
import { SandboxBank } from './rails/sandbox-bank.js';
import type { TransferRail } from './rails/transfer-rail.js';
import type { ServiceContext } from './services/context.js';
import { seedDemo, type DemoCredentials } from './services/seed-demo.js';
import { TransferDispatcher } from './workers/transfer-dispatcher.js';
import { VERSION } from './version.js';

export const DEMO_CREDENTIALS_FILE = 'demo-credentials.json';
export const SANDBOX_BANK_FILE = 'sandbox-bank.sqlite';

export interface RunningServer {
  url: string;
  port: number;
  /** Set when this start seeded the demo. */
  demo: DemoCredentials | undefined;
  ctx: ServiceContext;
  /** The SQLite connection, for operators' tools and tests' invariant checks. */
  db: Db;
  rail: TransferRail;
  /** Graceful: stops taking requests, finishes those in flight and the dispatches under way, closes the files. */
  close(): Promise<void>;
}

export interface StartOverrides {
  rail?: TransferRail;
  clock?: Clock;
  ids?: IdSource;
  log?: Logger;
}

export async function startServer(config: ServerConfig, overrides: StartOverrides = {}): Promise<RunningServer> {
  const log = overrides.log ?? createLogger(config.logLevel);
  const { db, ctx } = openContext(
    config.dataDir,
    { publicUrl: config.publicUrl, institutionName: config.institutionName, transferWaitMs: config.transferWaitMs },
    overrides,
    config.writeBatchSize,
  );
  const demo = config.seedDemo && ctx.repos.tenants.countComuni() === 0 ? await seed(ctx, config) : undefined;

  const rail =
    overrides.rail ??
    new SandboxBank({ file: join(config.dataDir, SANDBOX_BANK_FILE), faults: config.rail.faults, latencyMs: config.rail.latencyMs, lateAnswerMs: config.rail.lateAnswerMs });
  const dispatcher = new TransferDispatcher(ctx, rail, log, config.dispatcher);
  // One process owns this SQLite file: leases left by a crashed run are stale, so the outbox resumes at once.
  await ctx.writes.run(() => ctx.repos.outbox.releaseAllLeases());
  dispatcher.start();

  let draining = false;
  const app = createApp(ctx, log, { version: VERSION, isDraining: () => draining });
  const server = await listen(app.fetch, config);
  const port = (server.address() as AddressInfo).port;
  if (config.publicUrlFromPort) ctx.settings.publicUrl = `http://localhost:${port}`;
  const url = ctx.settings.publicUrl;
  log.info('server started', { url, dataDir: config.dataDir, version: VERSION });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      draining = true;
      log.info('shutting down: finishing requests in flight');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await dispatcher.stop();
      await ctx.writes.close();
      await rail.close();
      // Transfers still pending are in the outbox, and the next start sends them.
      const pendingTransfers = ctx.repos.outbox.pendingCount();
      db.close();
      log.info('shut down cleanly', { pendingTransfers });
    })());

  return { url, port, demo, ctx, db, rail, close };
}

function listen(fetch: (request: Request) => Response | Promise<Response>, config: ServerConfig): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }, () => resolve(server));
    server.once('error', reject);
  });
}

async function seed(ctx: ServiceContext, config: ServerConfig): Promise<DemoCredentials> {
  // The server's own pages may use the demo's publishable key, whatever port it runs on.
  const credentials = await ctx.writes.run(() => seedDemo(ctx, ctx.ids.secret(12), [new URL(config.publicUrl).origin]));
  writeFileSync(join(config.dataDir, DEMO_CREDENTIALS_FILE), `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}
