import { resolve } from 'node:path';
import { z } from 'zod';
import { defaultLookupLimits, type LookupLimits } from '@pay-box/api';
import { defaultDispatchOptions, defaultOutboxWorkerOptions, defaultWebhookOptions, faultPlanFromEnv, type ConnectorOptions, type DispatchOptions, type FaultPlan, type OutboxWorkerOptions } from '@pay-box/engine';
import type { LogLevel } from './log.js';

export interface ServerConfig {
  port: number;
  host: string;
  /** Holds paybox.sqlite, the sandbox bank's file and demo-credentials.json. */
  dataDir: string;
  /** Base URL printed on receipts and in the OpenAPI document; PAYBOX_PUBLIC_URL, or http://localhost:<port>. */
  publicUrl: string;
  /** True when PAYBOX_PUBLIC_URL was not given: the URL follows the port actually bound (PORT=0 picks a free one). */
  publicUrlFromPort: boolean;
  transferWaitMs: number;
  logLevel: LogLevel | 'silent';
  institutionName: string;
  /** How a transfer is sent and retried. */
  dispatch: DispatchOptions;
  /** The outbox worker that sends what the payment path could not. */
  worker: OutboxWorkerOptions;
  /**
   * PAYBOX_OUTBOX_WORKER=false: this instance sends its own payments' transfers but leaves retries
   * and recoveries to the instances that run the worker (API-only instances beside worker ones).
   */
  runWorker: boolean;
  /** Lookups per key and minute: all of them, and those by tax code. */
  lookupLimits: LookupLimits;
  rail: { faults: FaultPlan; latencyMs: number; lateAnswerMs: number };
  /** Seed the demo when the database is empty. */
  seedDemo: boolean;
  /** Most writes committed together in one transaction (group commit); 1 turns it off. */
  writeBatchSize: number;
  /** PAYBOX_DATABASE_URL: a shared PostgreSQL instead of the data folder's SQLite file. */
  database: { url: string; poolSize: number } | undefined;
  /**
   * PAYBOX_SANDBOX_ACQUIRER_SECRET: signs the sandbox card pages and notifications. Instances behind one
   * load balancer need the same one; without it, each data folder makes and keeps its own.
   */
  sandboxAcquirerSecret: string | undefined;
  /**
   * Webhook deliveries: PAYBOX_WEBHOOKS_ALLOW_PRIVATE=true lets endpoints be http and on loopback or
   * private addresses (local development, the demo, tests); PAYBOX_WEBHOOK_TIMEOUT_MS bounds one POST.
   * `retryDelaysMs` is the retry schedule (the engine's by default; tests shorten it).
   */
  webhooks: { allowPrivate: boolean; timeoutMs: number; retryDelaysMs?: number[] };
  /**
   * Connectors to the comunes' own credit systems share the webhooks' URL rules (and
   * PAYBOX_WEBHOOKS_ALLOW_PRIVATE). `writeBack` is the write-back's retry policy (the engine's by
   * default; tests shorten it).
   */
  connectors?: { writeBack?: Partial<ConnectorOptions['writeBack']> };
}

const ms = (fallback: number) => z.coerce.number().int().min(0).max(600_000).default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  PAYBOX_DATA_DIR: z.string().default('data'),
  PAYBOX_PUBLIC_URL: z.url().optional(),
  PAYBOX_TRANSFER_WAIT_MS: ms(5_000),
  PAYBOX_RAIL_SEND_TIMEOUT_MS: ms(defaultDispatchOptions.sendTimeoutMs),
  PAYBOX_RAIL_LATENCY_MS: ms(150),
  PAYBOX_RAIL_LATE_ANSWER_MS: ms(3_000),
  PAYBOX_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  PAYBOX_INSTITUTION_NAME: z.string().min(3).default('Pay-Box Istituto di Pagamento S.p.A.'),
  PAYBOX_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  PAYBOX_WRITE_BATCH: z.coerce.number().int().min(1).max(10_000).default(256),
  PAYBOX_LOOKUPS_PER_MINUTE: z.coerce.number().int().min(1).default(defaultLookupLimits.any),
  PAYBOX_TAX_CODE_LOOKUPS_PER_MINUTE: z.coerce.number().int().min(1).default(defaultLookupLimits.byTaxCode),
  PAYBOX_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PAYBOX_DATABASE_POOL: z.coerce.number().int().min(2).max(1_000).default(10),
  PAYBOX_OUTBOX_LEASE_MS: ms(defaultDispatchOptions.leaseMs),
  PAYBOX_OUTBOX_WORKER: z.enum(['true', 'false']).default('true'),
  PAYBOX_SANDBOX_ACQUIRER_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  PAYBOX_WEBHOOKS_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  PAYBOX_WEBHOOK_TIMEOUT_MS: ms(defaultWebhookOptions.timeoutMs),
});

/** Reads the environment; a wrong value stops the start with a message naming the variable. */
export function configFromEnv(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  // A dispatch may ask the bank for the status, then send: a lease shorter than both would let another
  // instance send the same transfer while the first still waits for the bank.
  if (e.PAYBOX_OUTBOX_LEASE_MS <= 2 * e.PAYBOX_RAIL_SEND_TIMEOUT_MS) {
    throw new Error(
      `invalid configuration: PAYBOX_OUTBOX_LEASE_MS (${e.PAYBOX_OUTBOX_LEASE_MS}) must be longer than twice PAYBOX_RAIL_SEND_TIMEOUT_MS (${e.PAYBOX_RAIL_SEND_TIMEOUT_MS})`,
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.PAYBOX_DATA_DIR),
    publicUrl: (e.PAYBOX_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    publicUrlFromPort: e.PAYBOX_PUBLIC_URL === undefined,
    transferWaitMs: e.PAYBOX_TRANSFER_WAIT_MS,
    logLevel: e.PAYBOX_LOG_LEVEL,
    institutionName: e.PAYBOX_INSTITUTION_NAME,
    dispatch: { ...defaultDispatchOptions, sendTimeoutMs: e.PAYBOX_RAIL_SEND_TIMEOUT_MS, leaseMs: e.PAYBOX_OUTBOX_LEASE_MS },
    worker: defaultOutboxWorkerOptions,
    runWorker: e.PAYBOX_OUTBOX_WORKER === 'true',
    lookupLimits: { any: e.PAYBOX_LOOKUPS_PER_MINUTE, byTaxCode: e.PAYBOX_TAX_CODE_LOOKUPS_PER_MINUTE },
    rail: { faults: faultPlanFromEnv(env), latencyMs: e.PAYBOX_RAIL_LATENCY_MS, lateAnswerMs: e.PAYBOX_RAIL_LATE_ANSWER_MS },
    seedDemo: e.PAYBOX_SEED_DEMO === 'true',
    writeBatchSize: e.PAYBOX_WRITE_BATCH,
    database: e.PAYBOX_DATABASE_URL ? { url: e.PAYBOX_DATABASE_URL, poolSize: e.PAYBOX_DATABASE_POOL } : undefined,
    sandboxAcquirerSecret: e.PAYBOX_SANDBOX_ACQUIRER_SECRET,
    webhooks: { allowPrivate: e.PAYBOX_WEBHOOKS_ALLOW_PRIVATE === 'true', timeoutMs: e.PAYBOX_WEBHOOK_TIMEOUT_MS },
  };
}
