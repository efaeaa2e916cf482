import { withQuery, type Query } from '../api/client.js';

/**
 * Where the staff is, after the `#` of /cruscotto/: `#/pagamenti/pay_123?from=2026-11-01`. Hash
 * routes need nothing of the server but the one page, and survive a reload.
 */
export interface Route {
  /** The first segment: `pagamenti`; empty for the overview. */
  section: string;
  /** The second segment, if any: an id, or `nuovo` / `importa`. */
  id: string | undefined;
  query: URLSearchParams;
}

export function currentRoute(): Route {
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  const [path = '', search = ''] = hash.split('?');
  const [section = '', id] = path.split('/').filter(Boolean);
  return { section, id, query: new URLSearchParams(search) };
}

/** The link to a route: `href('pagamenti', { channel: 'agent' })` -> `#/pagamenti?channel=agent`. */
export function href(path: string, query?: Query): string {
  return withQuery(`#/${path}`, query);
}

export function navigate(path: string, query?: Query): void {
  location.hash = href(path, query);
}

/** The route's query as a plain object of its non-empty values. */
export function queryObject(query: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...query.entries()].filter(([, value]) => value !== ''));
}
