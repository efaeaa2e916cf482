import { DomainError, type Engine } from '@pay-box/engine';
import type { Hono } from 'hono';
import { operations } from '../../openapi/operations.js';
import type { AppEnv } from '../env.js';
import { mountOperation } from '../mount-operation.js';
import { RateLimiter } from '../rate-limit.js';
import type { ClientAddress } from './receipts.js';

/** Pairing attempts per client address and quarter of an hour: a terminal pairs once, a guesser gets nowhere. */
export const PAIRING_ATTEMPT_LIMIT = 10;

export function terminalPairingRoutes(app: Hono<AppEnv>, engine: Engine, clientAddress: ClientAddress): void {
  const attempts = new RateLimiter(PAIRING_ATTEMPT_LIMIT, 15 * 60_000);
  mountOperation(app, operations.pairTerminal, async ({ body }, c) => {
    const wait = attempts.hit(clientAddress(c));
    if (wait > 0) throw new DomainError('rate_limited', { retryAfterSeconds: wait });
    return c.json(await engine.terminals.pair(body.code), 201);
  });
  mountOperation(app, operations.createAgentPairingCode, async ({ principal, body }, c) =>
    c.json(await engine.platform.terminals.pairingCode({ kind: 'terminal', principal }, principal.agentId, body.label), 201),
  );
}
