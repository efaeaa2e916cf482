import { api } from '../api/client.js';
import type { List, Service, Shop } from '../api/types.js';

/**
 * The comune's services and shops, read once per page load for the filters' choices; a failure is
 * forgotten so the next page asks again.
 */
const cache = new Map<string, Promise<unknown[]>>();

function once<T>(path: string): Promise<T[]> {
  let entry = cache.get(path) as Promise<T[]> | undefined;
  if (!entry) {
    entry = api.get<List<T>>(path).then((list) => list.data);
    entry.catch(() => cache.delete(path));
    cache.set(path, entry);
  }
  return entry;
}

export const services = (): Promise<Service[]> => once<Service>('/v1/admin/services');
export const shops = (): Promise<Shop[]> => once<Shop>('/v1/admin/agents');
