import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createApiApp, referenceRoutes, type AppEnv } from '@pay-box/api';
import { createEngine, defaultConnectorOptions, randomIds, SandboxAcquirer, SandboxBank, silentLogger, type Clock, type Engine, type IdSource, type Logger, type Store, type TransferRail } from '@pay-box/engine';
import type { DemoCredentials } from '@pay-box/engine/demo';
import type { Context } from 'hono';
import { scryptPasswordHasher } from './auth/scrypt-password-hasher.js';
import type { ServerConfig } from './config.js';
import { cruscottoRoutes } from './cruscotto.js';
import { exampleRoutes } from './examples.js';
import { createLogger } from './log.js';
import { SqliteBankBook } from './rails/sqlite-bank-book.js';
import { openStore } from './stores/open-store.js';
import { PostgresEventChannel } from './stores/postgres/postgres-event-channel.js';
import { VERSION } from './version.js';
import { fetchWebhookTransport, nodeUrlGuard } from './webhooks/node-webhooks.js';
import { nodeCreditConnectors } from './connectors/node-connectors.js';

export const DEMO_CREDENTIALS_FILE = 'demo-credentials.json';
export const SANDBOX_BANK_FILE = 'sandbox-bank.sqlite';
export const SANDBOX_ACQUIRER_SECRET_FILE = 'sandbox-acquirer.secret';

export interface RunningServer {
  url: string;
  port: number;
  /** Set when this start seeded the demo. */
  demo: DemoCredentials | undefined;
  engine: Engine;
  /** The storage port, for operators' tools and tests: row counts, snapshots, the books' check. */
  store: Store;
  rail: TransferRail;
  /** Graceful: stops taking requests, finishes those in flight and the transfers under way, closes the files. */
  close(): Promise<void>;
}

export interface StartOverrides {
  /** Another store than the data folder's SQLite file (embedding, fault injection in tests). */
  store?: Store;
  rail?: TransferRail;
  acquirer?: SandboxAcquirer;
  clock?: Clock;
  ids?: IdSource;
  log?: Logger;
}

/** How often approved changes of money settings are looked at: they apply within this of their stated time. */
const SETTING_CHANGES_EVERY_MS = 5_000;

/** Applies the approved changes of treasury IBANs and fees whose time has come. */
function applySettingChangesEvery(ms: number, engine: Engine, log: Logger): NodeJS.Timeout {
  const timer = setInterval(() => {
    engine.platform.settingChanges.applyDue().then(
      (applied) => applied > 0 && log.info('settings changes applied', { applied }),
      (error: unknown) => log.error('settings changes not applied', { error: String(error) }),
    );
  }, ms);
  timer.unref();
  return timer;
}

/** Node's own SHA-256 answers at once, where Web Crypto's digest goes through a worker thread. */
const nodeSha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface OpenedEngine {
  engine: Engine;
  store: Store;
  rail: TransferRail;
  /** The sandbox card acquirer: its hosted page is served beside the API. */
  acquirer: SandboxAcquirer;
  /** Closes the engine, then what it runs on. */
  close(): Promise<void>;
}

/**
 * The engine of a configuration: on its store (the data folder's SQLite file, or the shared
 * PostgreSQL with its events channel to the other instances) and its sandbox bank (or the rail given).
 */
export async function openEngine(config: ServerConfig, overrides: StartOverrides = {}, log: Logger = silentLogger): Promise<OpenedEngine> {
  const store = overrides.store ?? (await openStore(config));
  const eventChannel = store.shared && config.database ? await PostgresEventChannel.open(config.database.url, log) : undefined;
  const rail =
    overrides.rail ??
    new SandboxBank({
      book: new SqliteBankBook(join(config.dataDir, SANDBOX_BANK_FILE)),
      faults: config.rail.faults,
      latencyMs: config.rail.latencyMs,
      lateAnswerMs: config.rail.lateAnswerMs,
    });
  const settings = { publicUrl: config.publicUrl, institutionName: config.institutionName, transferWaitMs: config.transferWaitMs };
  const acquirer = overrides.acquirer ?? new SandboxAcquirer({ secret: sandboxAcquirerSecret(config), publicUrl: () => settings.publicUrl });
  const urlGuard = nodeUrlGuard(config.webhooks.allowPrivate);
  const engine = createEngine({
    store,
    rail,
    acquirer,
    settings,
    dispatch: config.dispatch,
    webhooks: {
      transport: fetchWebhookTransport,
      urlGuard,
      timeoutMs: config.webhooks.timeoutMs,
      ...(config.webhooks.retryDelaysMs && { retryDelaysMs: config.webhooks.retryDelaysMs }),
    },
    connectors: {
      connectors: nodeCreditConnectors(urlGuard),
      writeBack: { ...defaultConnectorOptions.writeBack, ...config.connectors?.writeBack },
    },
    sha256: nodeSha256,
    passwords: scryptPasswordHasher(),
    ...(overrides.clock && { clock: overrides.clock }),
    ...(overrides.ids && { ids: overrides.ids }),
    ...(eventChannel && { eventChannel }),
    log,
  });
  const close = async () => {
    await engine.close();
    await eventChannel?.close();
    await store.close();
    await rail.close();
  };
  return { engine, store, rail, acquirer, close };
}

/** The configured secret, or the data folder's own, made on its first start: card pages stay valid across restarts. */
function sandboxAcquirerSecret(config: ServerConfig): string {
  if (config.sandboxAcquirerSecret) return config.sandboxAcquirerSecret;
  const file = join(config.dataDir, SANDBOX_ACQUIRER_SECRET_FILE);
  mkdirSync(config.dataDir, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomIds.secret(48), { mode: 0o600, flag: 'wx' });
  return readFileSync(file, 'utf8').trim();
}

export async function startServer(config: ServerConfig, overrides: StartOverrides = {}): Promise<RunningServer> {
  const log = overrides.log ?? createLogger(config.logLevel);
  const opened = await openEngine(config, overrides, log);
  const { engine, store, rail } = opened;
  // A store this process owns: leases left by a crashed run are stale, so the outbox resumes at once.
  // On a shared one they may be another live instance's: they run out instead.
  if (!store.shared) await engine.transfers.releaseAllLeases();
  const demo = config.seedDemo ? await store.exclusively('demo seed', async () => ((await engine.books.isEmpty()) ? seed(engine, config) : undefined)) : undefined;
  const worker = engine.transfers.worker(config.worker);
  if (config.runWorker) worker.start();
  const settingChanges = config.runWorker ? applySettingChangesEvery(SETTING_CHANGES_EVERY_MS, engine, log) : undefined;

  let draining = false;
  const app = createApiApp(engine, {
    version: VERSION,
    log,
    isDraining: () => draining,
    clientAddress: peerAddress,
    lookupLimits: config.lookupLimits,
    sandboxAcquirer: opened.acquirer,
  });
  referenceRoutes(app, { publicUrl: () => engine.settings.publicUrl, version: VERSION, name: 'Pay-Box reference server' });
  // The demo's keys are written once, by the start that seeds it: read them once.
  cruscottoRoutes(app);
  exampleRoutes(app, { publicUrl: () => engine.settings.publicUrl, publishableKey: (demo ?? readDemoCredentials(config.dataDir))?.publishableKey });
  const server = await listen(app.fetch, config);
  const port = (server.address() as AddressInfo).port;
  if (config.publicUrlFromPort) engine.settings.publicUrl = `http://localhost:${port}`;
  const url = engine.settings.publicUrl;
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
      await worker.stop();
      if (settingChanges) clearInterval(settingChanges);
      await engine.transfers.idle();
      // Transfers and webhook deliveries still pending are in the outbox, and the next start (or another instance) sends them.
      const { pendingOutbox } = await engine.books.health();
      await opened.close();
      log.info('shut down cleanly', { pendingOutbox });
    })());

  return { url, port, demo, engine, store, rail, close };
}

function listen(fetch: (request: Request, env: unknown) => Response | Promise<Response>, config: ServerConfig): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }, () => resolve(server));
    server.once('error', reject);
  });
}

/** The peer address from @hono/node-server's bindings, never from a header a client could forge. */
function peerAddress(c: Context<AppEnv>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The demo's keys, as the seeding start wrote them in the data folder; undefined where there is no demo. */
export function readDemoCredentials(dataDir: string): DemoCredentials | undefined {
  const file = join(dataDir, DEMO_CREDENTIALS_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials) : undefined;
}

async function seed(engine: Engine, config: ServerConfig): Promise<DemoCredentials> {
  // The server's own pages may use the demo's publishable key, whatever port it runs on; the
  // cruscotto opens on a month of past payments.
  const credentials = await engine.demo.seed({ staffPassword: randomIds.secret(12), extraOrigins: [new URL(config.publicUrl).origin], pastMonth: true });
  writeFileSync(join(config.dataDir, DEMO_CREDENTIALS_FILE), `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}
