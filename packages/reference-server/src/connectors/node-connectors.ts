import type { CreditConnectors, UrlGuard } from '@pay-box/engine';
import { randomUUID } from 'node:crypto';
import { gpdConnector } from './gpd-connector.js';
import { httpConnector } from './http-connector.js';

/** The connectors of the reference server: fetch with each connector's time-out, behind the same URL guard as webhooks. */
export function nodeCreditConnectors(urlGuard: UrlGuard): CreditConnectors {
  const http = { urlGuard, fetch: globalThis.fetch };
  const ids = { requestId: () => `req_${randomUUID().replaceAll('-', '')}` };
  return {
    open: (row, serviceCodes) => (row.kind === 'gpd' ? gpdConnector(http, row, serviceCodes) : httpConnector(http, row, ids)),
  };
}
