import type { AgentCreateInput, PlatformAgent } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
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
