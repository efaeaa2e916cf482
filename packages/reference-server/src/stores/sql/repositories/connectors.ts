import type { ConnectorRepository, ConnectorRow } from '@pay-box/engine';
import { sqlQuery, type SqlExecutor } from '../prepared.js';

const columns = [
  'id',
  'comune_id as comuneId',
  'kind',
  'name',
  'url',
  'secret',
  'organization_fiscal_code as organizationFiscalCode',
  'timeout_ms as timeoutMs',
  'enabled',
  'created_at as createdAt',
  'updated_at as updatedAt',
] as const;
const ofComune = sqlQuery('connectors_of_comune', (db, p: { comuneId: string }) =>
  db.selectFrom('connectors').select(columns).where('comune_id', '=', p.comuneId).orderBy('created_at').orderBy('id'),
);
const byId = sqlQuery('connector_by_id', (db, p: { comuneId: string; id: string }) =>
  db.selectFrom('connectors').select(columns).where('comune_id', '=', p.comuneId).where('id', '=', p.id),
);
type Params = Omit<ConnectorRow, 'enabled'> & { enabled: number };
const changeable = (p: Params) => ({ name: p.name, url: p.url, secret: p.secret, organization_fiscal_code: p.organizationFiscalCode, timeout_ms: p.timeoutMs, enabled: p.enabled, updated_at: p.updatedAt });
const insert = sqlQuery('insert_connector', (db, p: Params) =>
  db.insertInto('connectors').values({ id: p.id, comune_id: p.comuneId, kind: p.kind, created_at: p.createdAt, ...changeable(p) }),
);
const update = sqlQuery('update_connector', (db, p: Params) => db.updateTable('connectors').set(changeable(p)).where('id', '=', p.id).where('comune_id', '=', p.comuneId));
const assign = sqlQuery('assign_services_to_connector', (db, p: { comuneId: string; connectorId: string | null; serviceId: string }) =>
  db.updateTable('services').set({ connector_id: p.connectorId }).where('comune_id', '=', p.comuneId).where('id', '=', p.serviceId),
);

const row = ({ enabled, timeoutMs, ...rest }: Omit<ConnectorRow, 'enabled' | 'timeoutMs'> & { enabled: number | string; timeoutMs: number | string }): ConnectorRow => ({
  ...rest,
  enabled: Number(enabled) === 1,
  timeoutMs: Number(timeoutMs),
});
const params = ({ enabled, ...rest }: ConnectorRow): Params => ({ ...rest, enabled: enabled ? 1 : 0 });

/** Where a comune's credits live: its connectors, and the services pointed at them (the services' triggers renew the catalogue). */
export function connectorRepository(exec: SqlExecutor): ConnectorRepository {
  return {
    list: async (comuneId) => (await exec.all(ofComune, { comuneId })).map(row),
    get: async (comuneId, id) => {
      const found = await exec.first(byId, { comuneId, id });
      return found && row(found);
    },
    insert: async (connector) => void (await exec.run(insert, params(connector))),
    update: async (connector) => void (await exec.run(update, params(connector))),
    assignServices: async (comuneId, connectorId, serviceIds) => {
      for (const serviceId of serviceIds) await exec.run(assign, { comuneId, connectorId, serviceId });
    },
  };
}
