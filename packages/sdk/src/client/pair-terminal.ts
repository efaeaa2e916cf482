import type { PairedTerminal } from '@pay-box/contract';
import { httpUrlProblem, rejectInvalid, textProblem } from './argument-checks.js';
import { createTransport } from './transport.js';
import type { Locale } from './types.js';

export interface PairTerminalOptions {
  /** Where the Pay-Box API is, without `/v1`. */
  baseUrl: string;
  /** The one-time code shown to the shop (`K7QF-3MZP-W2HD`); case, spaces and dashes do not matter. */
  code: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  locale?: Locale;
}

/**
 * Pairs a new terminal: exchanges the one-time code for its secret key, so nobody types or mails
 * a 32-character secret. Store `secretKey` on the terminal at once, then
 * `createPayBox({ baseUrl, apiKey: secretKey })`. Not retried: a code works once, so a retry after a
 * lost answer could only be refused; ask for a new code instead.
 */
export async function pairTerminal(options: PairTerminalOptions): Promise<PairedTerminal> {
  const locale = options?.locale === 'it' ? 'it' : 'en';
  rejectInvalid(locale, [
    ['baseUrl', httpUrlProblem(options?.baseUrl)],
    ['code', textProblem(options?.code, { min: 12, max: 20 })],
  ]);
  const transport = createTransport({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    apiKey: '',
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: 0,
    retryBaseDelayMs: 0,
    locale,
    responseValidator: undefined,
  });
  return transport.json<PairedTerminal>({ operation: 'pairTerminal', method: 'post', path: 'v1/terminals/pair', body: { code: options.code.trim() }, anonymous: true });
}
