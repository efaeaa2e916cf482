import type { Service } from '@pay-box/contract';
import type { Principal } from '../auth/principal.js';
import type { EngineContext } from '../context.js';

/** The caller's comune catalogue; a service that takes unexpected credits shows its fields and amount rule. */
export function listServices(ctx: EngineContext, principal: Principal): Promise<Service[]> {
  return ctx.store.read(async (tx) =>
    (await ctx.catalogue.get(tx, principal.comuneId))!.services.map((service) => ({
      code: service.code,
      name: service.name,
      description: service.description,
      acceptsUnexpectedCredits: service.acceptsUnexpected,
      ...(service.acceptsUnexpected && service.fields && service.amountRule ? { fields: service.fields, amountRule: service.amountRule } : {}),
    })),
  );
}
