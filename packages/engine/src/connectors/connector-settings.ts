import type { Connector, ConnectorCreateInput, ConnectorUpdateInput } from '@pay-box/contract';
import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { ConnectorRow } from '../ports/credit-connectors.js';
import type { UnitOfWork } from '../ports/store.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { newSigningSecret } from '../webhooks/webhook-rules.js';
import { serviceCodesOf } from './source-credits.js';

/** Who configures a comune's connectors, as the audit log names them: its admin (API) or the platform's operator (CLI). */
export interface ConnectorActor {
  comuneId: string;
  userId: string | null;
  email: string;
}


export function connectorView(row: ConnectorRow, catalogue: ComuneCatalogue): Connector {
  const { id, kind, name, url, timeoutMs, organizationFiscalCode, enabled, createdAt, updatedAt } = row;
  return { id, kind, name, url, timeoutMs, organizationFiscalCode, services: serviceCodesOf(catalogue, id), enabled, createdAt, updatedAt };
}

async function catalogueOf(ctx: EngineContext, tx: UnitOfWork, comuneId: string): Promise<ComuneCatalogue> {
  return (await ctx.catalogue.get(tx, comuneId))!;
}

/** A URL Pay-Box will call: https and public, like a webhook's (checked before the unit of work: it resolves DNS). */
async function checkUrl(ctx: EngineContext, url: string): Promise<void> {
  const refusal = await ctx.webhooks.urlGuard.check(url);
  if (refusal) throw new DomainError(refusal, { url });
}

/** The services' ids for their codes; a GPD connector reads one service's debt positions. */
function serviceIds(catalogue: ComuneCatalogue, kind: ConnectorRow['kind'], codes: string[]): string[] {
  if (kind === 'gpd' && codes.length > 1) throw new DomainError('validation_failed', [{ path: 'services', message: 'a GPD connector serves one service: create one per service' }]);
  return codes.map((code) => {
    const service = catalogue.serviceByCode(code);
    if (!service) throw new DomainError('service_not_found', { serviceCode: code });
    return service.id;
  });
}

export async function listConnectors(ctx: EngineContext, comuneId: string): Promise<Connector[]> {
  return ctx.store.read(async (tx) => {
    const catalogue = await catalogueOf(ctx, tx, comuneId);
    return (await tx.connectors.list(comuneId)).map((row) => connectorView(row, catalogue));
  });
}

/** A new connector, serving the services given (taken from wherever they were). The http kind's signing secret is shown this once. */
export async function createConnector(ctx: EngineContext, actor: ConnectorActor, input: ConnectorCreateInput): Promise<{ connector: Connector; secret: string | null }> {
  await checkUrl(ctx, input.url);
  const at = ctx.clock.now().toISOString();
  const secret = input.kind === 'http' ? newSigningSecret(ctx.ids) : input.subscriptionKey;
  return ctx.store.transaction(async (tx) => {
    const before = await catalogueOf(ctx, tx, actor.comuneId);
    const ids = serviceIds(before, input.kind, input.services);
    const row: ConnectorRow = {
      id: ctx.ids.id('con'),
      comuneId: actor.comuneId,
      kind: input.kind,
      name: input.name,
      url: input.url,
      secret,
      organizationFiscalCode: input.kind === 'gpd' ? (input.organizationFiscalCode ?? before.comune.fiscalCode) : null,
      timeoutMs: input.timeoutMs,
      enabled: true,
      createdAt: at,
      updatedAt: at,
    };
    await tx.connectors.insert(row);
    await tx.connectors.assignServices(actor.comuneId, row.id, ids);
    await recordStaffAction(tx, actor, { action: 'connector.create', subjectId: row.id, details: { kind: row.kind, name: row.name, url: row.url, services: input.services } }, at);
    return { connector: connectorView(row, await catalogueOf(ctx, tx, actor.comuneId)), secret: input.kind === 'http' ? secret : null };
  });
}

/** Changes a connector; a new services list replaces the old one (a service left out goes back to Pay-Box's own store). */
export async function updateConnector(ctx: EngineContext, actor: ConnectorActor, id: string, change: ConnectorUpdateInput): Promise<Connector> {
  if (change.url !== undefined) await checkUrl(ctx, change.url);
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    const row = await tx.connectors.get(actor.comuneId, id);
    if (!row) throw new DomainError('connector_not_found', { id });
    const catalogue = await catalogueOf(ctx, tx, actor.comuneId);
    const changed: ConnectorRow = {
      ...row,
      name: change.name ?? row.name,
      url: change.url ?? row.url,
      timeoutMs: change.timeoutMs ?? row.timeoutMs,
      enabled: change.enabled ?? row.enabled,
      updatedAt: at,
    };
    await tx.connectors.update(changed);
    if (change.services !== undefined) {
      const ids = serviceIds(catalogue, row.kind, change.services);
      const before = catalogue.services.filter((service) => service.connectorId === id).map((service) => service.id);
      await tx.connectors.assignServices(actor.comuneId, null, before.filter((serviceId) => !ids.includes(serviceId)));
      await tx.connectors.assignServices(actor.comuneId, id, ids);
    }
    await recordStaffAction(tx, actor, { action: 'connector.update', subjectId: id, details: { ...change } }, at);
    return connectorView(changed, await catalogueOf(ctx, tx, actor.comuneId));
  });
}
