import { DomainError } from '../domain-error.js';
import { accounts } from '../ledger/ledger.js';
import type { ServiceContext } from './context.js';

/** Credits a shop's float with money the institution received: recorded in the ledger like any movement. */
export function topUpFloat(ctx: ServiceContext, agentId: string, amount: number): Promise<{ balance: number }> {
  if (!Number.isSafeInteger(amount) || amount <= 0) return Promise.reject(new DomainError('validation_failed', [{ path: 'amount', message: 'a positive number of cents' }]));
  return ctx.writes.run(() => {
    if (!ctx.repos.tenants.agent(agentId)) throw new DomainError('not_found', { agentId });
    ctx.ledger.post(
      'top_up',
      agentId,
      [
        { account: accounts.institutionBank(), amount },
        { account: accounts.agentFloat(agentId), amount: -amount },
      ],
      ctx.clock.now(),
    );
    return { balance: ctx.ledger.floatBalance(agentId) };
  });
}
