import { accounts, floatBalance, postLedgerTransaction, type Engine } from '@pay-box/engine';

/** Pays part of a shop's float back out (a reversal in the ledger), leaving `remaining` cents. */
export async function drainFloat(engine: Engine, agentId: string, remaining: number): Promise<void> {
  const { store, ids, clock } = engine.context;
  await store.transaction(async (tx) => {
    const amount = (await floatBalance(tx, agentId)) - remaining;
    const { comuneId } = (await tx.agents.get(agentId))!;
    await postLedgerTransaction(tx, ids, 'reversal', agentId, comuneId, [
      { account: accounts.agentFloat(agentId), amount },
      { account: accounts.institutionBank(), amount: -amount },
    ], clock.now());
  });
}
