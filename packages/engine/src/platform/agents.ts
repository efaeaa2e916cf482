import type { AgentCreateInput, FloatHistory, PlatformAgent } from '@pay-box/contract';
import { postTopUp } from '../agents/top-up.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import { accountId, accounts } from '../ledger/accounts.js';
import { floatBalance } from '../ledger/ledger.js';
import type { UnitOfWork } from '../ports/store.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { auditActor, type PlatformActor } from './platform-actor.js';

/** Onboards a shop of a comune; its float opens with its first top-up, its terminals are paired next. */
export async function createAgent(ctx: EngineContext, actor: PlatformActor, comuneId: string, input: AgentCreateInput): Promise<PlatformAgent> {
  const id = ctx.ids.id('agt');
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    if (!(await tx.comuni.get(comuneId))) throw new DomainError('comune_not_found');
    await tx.agents.insert({ id, comuneId, ...input }, at);
    await recordStaffAction(tx, auditActor(actor), { action: 'agent.create', subjectId: id, details: { comuneId, name: input.name, taxCode: input.taxCode } }, at);
    return describeAgent(tx, id);
  });
}

export function listAgents(ctx: EngineContext, comuneId: string): Promise<PlatformAgent[]> {
  return ctx.store.read(async (tx) => {
    if (!(await tx.comuni.get(comuneId))) throw new DomainError('comune_not_found');
    return Promise.all((await tx.agents.listByComune(comuneId)).map((agent) => describeAgent(tx, agent.id)));
  });
}

/**
 * Suspends a shop (its terminals get `agent_suspended` from the next request on) or reactivates it.
 * Its payments, float and terminals stay as they are: history is never removed.
 */
export async function setAgentSuspended(ctx: EngineContext, actor: PlatformActor, agentId: string, suspend: { reason: string } | null): Promise<PlatformAgent> {
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    const status = await tx.agents.status(agentId);
    if (!status) throw new DomainError('agent_not_found');
    if ((status.suspendedAt !== null) !== (suspend !== null)) {
      await tx.agents.setSuspended(agentId, suspend ? at : null);
      await recordStaffAction(tx, auditActor(actor), { action: suspend ? 'agent.suspend' : 'agent.reactivate', subjectId: agentId, details: suspend ? { reason: suspend.reason } : {} }, at);
    }
    return describeAgent(tx, agentId);
  });
}

export async function describeAgent(tx: UnitOfWork, agentId: string): Promise<PlatformAgent> {
  const [agent, status] = await Promise.all([tx.agents.get(agentId), tx.agents.status(agentId)]);
  if (!agent || !status) throw new DomainError('agent_not_found');
  return {
    ...agent,
    floatBalance: await floatBalance(tx, agentId),
    suspended: status.suspendedAt !== null,
    suspendedAt: status.suspendedAt,
    createdAt: status.createdAt,
  };
}

/** A top-up of the float by platform staff, with the reference of the money received (the bank transfer). */
export async function topUpAgent(ctx: EngineContext, actor: PlatformActor, agentId: string, input: { amount: number; reference: string }): Promise<FloatHistory> {
  const at = ctx.clock.now().toISOString();
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.agents.get(agentId))) throw new DomainError('agent_not_found');
    await postTopUp(ctx, tx, agentId, input.amount);
    await recordStaffAction(tx, auditActor(actor), { action: 'agent.top_up', subjectId: agentId, details: input }, at);
  });
  return floatHistory(ctx, agentId);
}

/** The float and its latest movements, newest first: top-ups in, payments out. */
export function floatHistory(ctx: EngineContext, agentId: string, limit = 100): Promise<FloatHistory> {
  return ctx.store.read(async (tx) => {
    if (!(await tx.agents.get(agentId))) throw new DomainError('agent_not_found');
    const movements = await tx.ledger.movements(accountId(accounts.agentFloat(agentId)), limit);
    return {
      agentId,
      balance: await floatBalance(tx, agentId),
      // A float is a liability: a posting of -x is x more to collect with.
      movements: movements.map(({ createdAt, kind, referenceId, amount }) => ({ at: createdAt, kind, referenceId, amount: 0 - amount })),
    };
  });
}
