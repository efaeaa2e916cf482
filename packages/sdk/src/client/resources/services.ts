import type { ServiceList } from '@pay-box/contract';
import type { Transport } from '../transport.js';

export interface ServicesResource {
  /**
   * The comune's service catalogue. Services that accept unexpected credits carry the fields to
   * collect and the amount rule: enough to build the form (see validateFields and checkAmount).
   */
  list(): Promise<ServiceList>;
}

export function servicesResource(transport: Transport): ServicesResource {
  return {
    list: () => transport.json<ServiceList>({ operation: 'listServices', method: 'get', path: 'v1/services' }),
  };
}
