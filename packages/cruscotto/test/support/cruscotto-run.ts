import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Payment } from '@pay-box/contract';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { marketStallRequest } from '../../../reference-server/test/support/operation-samples.js';
import { launchChromium } from '../../../../test-support/chromium.js';
import { startReferenceServer, type ReferenceServerProcess } from '../../../../test-support/reference-server-process.js';
import type { SentTransfer } from '../../../../test-support/statements/index.js';
import { builtApp } from './built-app.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A and AA violations axe-core finds in the page as it is now. */
export async function wcagViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(() =>
    (window as unknown as { axe: { run(options: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe
      .run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
      .then((result) => result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`)),
  );
}

export const romeToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

let keys = 0;
const freshKey = (label: string) => `${label}-${Date.now()}-${++keys}`;

export interface CruscottoRun {
  server: ReferenceServerProcess;
  browser: Browser;
  /** The origin the server calls itself (localhost), as `npm start` prints it. */
  origin: string;
  /** The cruscotto's address: `<origin>/cruscotto/`. */
  app: string;
  staff: { email: string; password: string };
  /** A demo notice paid in full at the Tabaccheria's terminal, over HTTP. */
  payNoticeAtTheShop(noticeNumber: string): Promise<Payment>;
  /** A market stall fee paid at the shop: an unexpected credit, opened and paid at once. */
  payMarketFee(): Promise<Payment>;
  /** The payment's transfer once the sandbox bank answered, as the server's own table holds it. */
  answeredTransfer(paymentId: string): Promise<SentTransfer & { id: string; status: string }>;
  /** Logs the demo staff user in on this page and waits for the overview. */
  logIn(page: Page): Promise<void>;
  /** Stops the server and starts it again on the same port and data folder, as an operator restarts it. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The cruscotto as `npm start` serves it: the app built by Vite, the reference server as a process
 * with its SQLite file and sandbox bank (fast: 5 ms a transfer), and Chromium.
 */
export async function startCruscotto(env: Record<string, string> = {}): Promise<CruscottoRun> {
  await builtApp();
  const dataDir = mkdtempSync(join(tmpdir(), 'paybox-cruscotto-'));
  const serverEnv = { PAYBOX_LOG_LEVEL: 'warn', PAYBOX_RAIL_LATENCY_MS: '5', ...env };
  const [server, browser] = await Promise.all([startReferenceServer(dataDir, serverEnv), launchChromium()]);
  const port = new URL(server.url).port;
  const origin = `http://localhost:${port}`;
  const { staff, terminalKey } = server.credentials();

  const terminal = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${terminalKey}`, 'content-type': 'application/json', 'idempotency-key': freshKey('shop') },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  };

  const readTransfer = (paymentId: string) => {
    const db = new Database(join(dataDir, 'paybox.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT id, payment_id, amount, status, bank_reference, remittance FROM transfers WHERE payment_id = ?').get(paymentId) as
        | { id: string; payment_id: string; amount: number; status: string; bank_reference: string | null; remittance: string }
        | undefined;
    } finally {
      db.close();
    }
  };

  const run: CruscottoRun = {
    server,
    browser,
    origin,
    app: `${origin}/cruscotto/`,
    staff,
    async payNoticeAtTheShop(noticeNumber) {
      const { data } = await terminal<{ data: Array<{ id: string; amount: number }> }>('/v1/credits/lookup', { noticeNumber });
      return terminal<Payment>('/v1/payments', { creditId: data[0]!.id, amount: data[0]!.amount });
    },
    payMarketFee: () => terminal<{ payment: Payment }>('/v1/unexpected-credits', marketStallRequest).then((answer) => answer.payment),
    async answeredTransfer(paymentId) {
      await expect.poll(() => readTransfer(paymentId)?.status ?? 'pending', { timeout: 5_000 }).not.toBe('pending');
      const row = readTransfer(paymentId)!;
      return { id: row.id, paymentId: row.payment_id, amount: row.amount, status: row.status, bankReference: row.bank_reference, remittance: row.remittance };
    },
    async logIn(page) {
      await page.goto(`${origin}/cruscotto/`);
      await page.getByLabel('Email').fill(staff.email);
      await page.getByLabel('Password').fill(staff.password);
      await page.getByRole('button', { name: 'Accedi' }).click();
      await page.getByRole('heading', { level: 1, name: 'Panoramica' }).waitFor();
    },
    async restart() {
      await run.server.stop();
      run.server = await startReferenceServer(dataDir, { ...serverEnv, PORT: port });
    },
    async stop() {
      await browser.close();
      await run.server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return run;
}
