import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import { accounts } from '../ledger/accounts.js';
import { floatBalance, post } from '../ledger/ledger.js';
import type { UnitOfWork } from '../ports/store.js';

/** Credits a shop's float with money the institution received: recorded in the ledger like any movement. */
export async function topUpFloat(ctx: EngineContext, agentId: string, amount: number): Promise<{ balance: number }> {
  return ctx.store.transaction((tx) => postTopUp(ctx, tx, agentId, amount));
}

/** The top-up's postings, inside the caller's unit of work (the platform's records its audit line with it). */
export async function postTopUp(ctx: EngineContext, tx: UnitOfWork, agentId: string, amount: number): Promise<{ balance: number }> {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new DomainError('validation_failed', [{ path: 'amount', message: 'a positive number of cents' }]);
  const agent = await tx.agents.get(agentId);
  if (!agent) throw new DomainError('not_found', { agentId });
  await post(
    tx,
    ctx.ids,
    'top_up',
    agentId,
    agent.comuneId,
    [
      { account: accounts.institutionBank(), amount },
      { account: accounts.agentFloat(agentId), amount: -amount },
    ],
    ctx.clock.now(),
  );
  return { balance: await floatBalance(tx, agentId) };
}
