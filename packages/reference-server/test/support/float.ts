import { accounts, floatBalance, postLedgerTransaction } from '@pay-box/engine';
import type { TestServer } from './test-server.js';

/** Pays part of a shop's float back out (a reversal in the ledger), leaving `remaining` cents. */
export async function drainFloat(server: TestServer, agentId: string, remaining: number): Promise<void> {
  const { ids, clock } = server.engine.context;
  await server.store.transaction(async (tx) => {
    const amount = (await floatBalance(tx, agentId)) - remaining;
    await postLedgerTransaction(tx, ids, 'reversal', agentId, [
      { account: accounts.agentFloat(agentId), amount },
      { account: accounts.institutionBank(), amount: -amount },
    ], clock.now());
  });
}
