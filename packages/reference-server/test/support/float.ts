import { accounts } from '../../src/ledger/ledger.js';
import type { TestServer } from './test-server.js';

/** Pays part of a shop's float back out (a reversal in the ledger), leaving `remaining` cents. */
export function drainFloat(server: TestServer, agentId: string, remaining: number): Promise<void> {
  const { ctx } = server;
  return ctx.writes.run(() => {
    const amount = ctx.ledger.floatBalance(agentId) - remaining;
    ctx.ledger.post(
      'reversal',
      agentId,
      [
        { account: accounts.agentFloat(agentId), amount },
        { account: accounts.institutionBank(), amount: -amount },
      ],
      ctx.clock.now(),
    );
  });
}
