import { httpUrlProblem, rejectInvalid, textProblem, type Problem } from './argument-checks.js';
import { agentResource, type AgentResource } from './resources/agent.js';
import { checkoutSessionsResource, type CheckoutSessionsResource } from './resources/checkout-sessions.js';
import { creditsResource, type CreditsResource } from './resources/credits.js';
import { paymentsResource, type PaymentsResource } from './resources/payments.js';
import { pointsResource, type PointsResource } from './resources/points.js';
import { receiptsResource, type ReceiptsResource } from './resources/receipts.js';
import { servicesResource, type ServicesResource } from './resources/services.js';
import { unexpectedCreditsResource, type UnexpectedCreditsResource } from './resources/unexpected-credits.js';
import { createTransport } from './transport.js';
import type { PayBoxOptions } from './types.js';

/** The Pay-Box API, one property per resource, named as in the API. */
export interface PayBox {
  credits: CreditsResource;
  payments: PaymentsResource;
  receipts: ReceiptsResource;
  services: ServicesResource;
  unexpectedCredits: UnexpectedCreditsResource;
  agent: AgentResource;
  /** The web channel (publishable key): card payments through the acquirer's hosted page. */
  checkoutSessions: CheckoutSessionsResource;
  points: PointsResource;
}

/**
 * A client for one API key. Every method returns a promise that rejects with a PayBoxError
 * (see isPayBoxError); invalid arguments are rejected before anything is sent.
 */
export function createPayBox(options: PayBoxOptions): PayBox {
  const locale = options?.locale === 'it' ? 'it' : 'en';
  rejectInvalid(locale, [
    ['baseUrl', httpUrlProblem(options?.baseUrl)],
    ['apiKey', textProblem(options?.apiKey, { max: 200 })],
    ['timeoutMs', countProblem(options?.timeoutMs, 1)],
    ['maxRetries', countProblem(options?.maxRetries, 0)],
    ['retryBaseDelayMs', countProblem(options?.retryBaseDelayMs, 0)],
  ]);
  const transport = createTransport({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    apiKey: options.apiKey.trim(),
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 300,
    locale,
    responseValidator: options.responseValidator,
  });
  return {
    credits: creditsResource(transport),
    payments: paymentsResource(transport),
    receipts: receiptsResource(transport),
    services: servicesResource(transport),
    unexpectedCredits: unexpectedCreditsResource(transport),
    agent: agentResource(transport),
    checkoutSessions: checkoutSessionsResource(transport),
    points: pointsResource(transport),
  };
}

function countProblem(value: unknown, min: number): Problem {
  return value === undefined || (typeof value === 'number' && Number.isInteger(value) && value >= min) ? null : `must be an integer >= ${min}`;
}
