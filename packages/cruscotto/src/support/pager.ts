import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { href, queryObject } from './router.js';

/**
 * Cursor pagination in the address: the next page is the same query with the API's `nextCursor`,
 * and the first page is the query without a cursor.
 */
export function pager(path: string, query: URLSearchParams, nextCursor: string | null): TemplateResult {
  const { cursor, ...rest } = queryObject(query);
  return html`<nav class="pager" aria-label=${msg('Pagine', { id: 'common.pages' })}>
    ${cursor ? html`<a class="btn btn-outline" href=${href(path, rest)}>${msg('Prima pagina', { id: 'common.firstPage' })}</a>` : nothing}
    ${nextCursor ? html`<a class="btn btn-outline" href=${href(path, { ...rest, cursor: nextCursor })}>${msg('Pagina successiva', { id: 'common.nextPage' })}</a>` : nothing}
  </nav>`;
}

/** The filled fields of a form, as the route's query. */
export function formQuery(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of new FormData(form)) if (typeof value === 'string' && value.trim() !== '') values[key] = value.trim();
  return values;
}
