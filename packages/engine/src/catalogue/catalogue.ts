import type { Channel, ComuneProfile, FeeSchedule, ServiceRow } from '../ports/rows.js';
import type { Store, UnitOfWork } from '../ports/store.js';

/** A comune with its services and fees: what every lookup and payment reads and almost nothing changes. */
export interface ComuneCatalogue {
  /** With its support contacts, printed on receipts. */
  comune: ComuneProfile;
  /** By code, as the API lists them. */
  services: ServiceRow[];
  serviceByCode(code: string): ServiceRow | undefined;
  serviceById(id: string): ServiceRow | undefined;
  /** The fee of a channel; a comune without a schedule for it charges nothing. */
  fees(channel: Channel): FeeSchedule;
}

const noFee: FeeSchedule = { citizenFee: 0, agentShare: 0 };

/**
 * Keeps each comune's catalogue in memory, parsed once. Before it is used, the cached copy's
 * version is compared with the store's (one indexed read), so a change made anywhere (another
 * process, the command line, a console) is seen by the next request that reads it. A copy read
 * inside a unit of work that was then discarded may hold what never committed, under a version
 * number a later change takes again: the store's count of discards says when to read again.
 */
export class CatalogueCache {
  private readonly cached = new Map<string, { version: number; discards: number; catalogue: ComuneCatalogue }>();

  constructor(private readonly store: Pick<Store, 'discards'>) {}

  async get(tx: UnitOfWork, comuneId: string): Promise<ComuneCatalogue | undefined> {
    return this.at(tx, comuneId, await tx.comuni.catalogueVersion(comuneId));
  }

  /** The catalogue at a version the caller read together with something else in the same unit of work. */
  async at(tx: UnitOfWork, comuneId: string, version: number | undefined): Promise<ComuneCatalogue | undefined> {
    if (version === undefined) return undefined;
    const hit = this.cached.get(comuneId);
    if (hit && hit.version === version && hit.discards === this.store.discards) return hit.catalogue;
    const discards = this.store.discards;
    const catalogue = await load(tx, comuneId);
    if (catalogue) this.cached.set(comuneId, { version, discards, catalogue });
    return catalogue;
  }
}

async function load(tx: UnitOfWork, comuneId: string): Promise<ComuneCatalogue | undefined> {
  const comune = await tx.comuni.profile(comuneId);
  if (!comune) return undefined;
  const services = await tx.services.list(comuneId);
  const fees = new Map((await tx.fees.list(comuneId)).map(({ channel, ...schedule }) => [channel, schedule]));
  const byCode = new Map(services.map((service) => [service.code, service]));
  const byId = new Map(services.map((service) => [service.id, service]));
  return {
    comune,
    services,
    serviceByCode: (code) => byCode.get(code),
    serviceById: (id) => byId.get(id),
    fees: (channel) => fees.get(channel) ?? noFee,
  };
}
