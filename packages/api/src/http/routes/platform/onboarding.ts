import { platformActorOf, type Engine } from '@pay-box/engine';
import type { Hono } from 'hono';
import { operations } from '../../../openapi/operations.js';
import type { AppEnv } from '../../env.js';
import { mountOperation } from '../../mount-operation.js';

/** The platform API: onboarding by the payment institution's staff. */
export function platformRoutes(app: Hono<AppEnv>, engine: Engine): void {
  const { platform } = engine;
  mountOperation(app, operations.listComuni, async (_, c) => c.json({ data: await platform.comuni.list() }));
  mountOperation(app, operations.createComune, async ({ principal, body }, c) => c.json(await platform.comuni.create(platformActorOf(principal), body), 201));
  mountOperation(app, operations.getComune, async ({ params }, c) => c.json(await platform.comuni.get(params.id)));
  mountOperation(app, operations.importServices, async ({ principal, params, upload }, c) => c.json(await platform.comuni.importServices(platformActorOf(principal), params.id, upload)));
  mountOperation(app, operations.listAgents, async ({ params }, c) => c.json({ data: await platform.agents.list(params.id) }));
  mountOperation(app, operations.createAgent, async ({ principal, params, body }, c) => c.json(await platform.agents.create(platformActorOf(principal), params.id, body), 201));
  mountOperation(app, operations.suspendAgent, async ({ principal, params, body }, c) => c.json(await platform.agents.suspend(platformActorOf(principal), params.id, body.reason)));
  mountOperation(app, operations.reactivateAgent, async ({ principal, params }, c) => c.json(await platform.agents.reactivate(platformActorOf(principal), params.id)));
  mountOperation(app, operations.getAgentFloat, async ({ params }, c) => c.json(await platform.agents.floatHistory(params.id)));
  mountOperation(app, operations.topUpAgent, async ({ principal, params, body }, c) => c.json(await platform.agents.topUp(platformActorOf(principal), params.id, body), 201));
  mountOperation(app, operations.listTerminals, async ({ params }, c) => c.json({ data: await platform.terminals.list(params.id) }));
  mountOperation(app, operations.createPairingCode, async ({ principal, params, body }, c) =>
    c.json(await platform.terminals.pairingCode({ kind: 'platform', actor: platformActorOf(principal) }, params.id, body.label), 201),
  );
  mountOperation(app, operations.revokeTerminal, async ({ principal, params }, c) => {
    await platform.terminals.revoke(platformActorOf(principal), params.id);
    return c.body(null, 204);
  });
  mountOperation(app, operations.listSettingChanges, async ({ query }, c) => c.json({ data: await platform.settingChanges.list(query.comune ?? null) }));
  mountOperation(app, operations.requestSettingChange, async ({ principal, params, body }, c) => c.json(await platform.settingChanges.request(platformActorOf(principal), params.id, body), 201));
  mountOperation(app, operations.approveSettingChange, async ({ principal, params }, c) => c.json(await platform.settingChanges.approve(platformActorOf(principal), params.id)));
  mountOperation(app, operations.cancelSettingChange, async ({ principal, params }, c) => c.json(await platform.settingChanges.cancel(platformActorOf(principal), params.id)));
}
