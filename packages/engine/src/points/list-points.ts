import type { PointList } from '@pay-box/contract';
import type { Principal } from '../auth/principal.js';
import type { EngineContext } from '../context.js';

/** The comune's shops where a citizen can pay in cash, with when they are open. */
export function listPoints(ctx: EngineContext, principal: Principal): Promise<PointList> {
  return ctx.store.read(async (tx) => ({
    data: (await tx.agents.listByComune(principal.comuneId)).map(({ id, name, address, openingHours }) => ({ id, name, address, openingHours })),
  }));
}
