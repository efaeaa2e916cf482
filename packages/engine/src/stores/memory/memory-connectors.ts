import type { ConnectorRepository, ConnectorRow } from '../../ports/credit-connectors.js';
import type { ServiceRow } from '../../ports/rows.js';

/** The connector table, and the services that point at connectors, as the memory store holds them. */
export interface ConnectorTables {
  connectors: Map<string, ConnectorRow>;
  services: Map<string, ServiceRow>;
}

/** How the memory store writes: journalled; `touchCatalogue` is what the SQL stores' service triggers do. */
export interface ConnectorWrites {
  set<K, V>(table: Map<K, V>, key: K, value: V): void;
  touchCatalogue(comuneId: string): void;
}

const copy = <T>(value: T): T => structuredClone(value);

export function memoryConnectors(t: ConnectorTables, writes: ConnectorWrites): ConnectorRepository {
  return {
    async list(comuneId) {
      return copy([...t.connectors.values()].filter((row) => row.comuneId === comuneId).sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt))));
    },
    async get(comuneId, id) {
      const row = t.connectors.get(id);
      return row?.comuneId === comuneId ? copy(row) : undefined;
    },
    async insert(row) {
      writes.set(t.connectors, row.id, copy(row));
    },
    async update(row) {
      if (t.connectors.get(row.id)?.comuneId === row.comuneId) writes.set(t.connectors, row.id, copy(row));
    },
    async assignServices(comuneId, connectorId, serviceIds) {
      for (const id of serviceIds) {
        const service = t.services.get(id);
        if (service?.comuneId === comuneId) writes.set(t.services, id, { ...service, connectorId });
      }
      writes.touchCatalogue(comuneId);
    },
  };
}
