import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { ApiError, NetworkError } from '../api/client.js';
import type { Role, StaffSession } from '../api/types.js';
import { currentLocale } from './locale.js';

/**
 * Every element of the cruscotto: rendered in the page's own DOM, so one stylesheet (served from
 * 'self') styles it all, and redrawn when the language changes.
 */
export class CruscottoElement extends LitElement {
  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}

const ranks: Record<string, number> = { viewer: 1, operator: 2, admin: 3 };

/** Whether the session's role reaches `minimum` (viewer < operator < admin). */
export function hasRole(session: StaffSession | null | undefined, minimum: Role): boolean {
  return (ranks[session?.user.role ?? ''] ?? 0) >= ranks[minimum]!;
}

/** What went wrong, in the page's language: the API's own message, the page's own check, or that the server did not answer. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.messageIn(currentLocale());
  if (error instanceof Error && !(error instanceof NetworkError)) return error.message;
  return msg('Il server non risponde: controlla la connessione e riprova.', { id: 'error.network' });
}

/** An error box announced at once to screen readers. */
export function errorAlert(error: unknown): TemplateResult | typeof nothing {
  if (!error) return nothing;
  const details = error instanceof ApiError ? detailLines(error.body.details) : [];
  return html`<div class="alert alert-danger" role="alert">
    <p>${errorMessage(error)}</p>
    ${details.length ? html`<ul>${details.map((line) => html`<li>${line}</li>`)}</ul>` : nothing}
  </div>`;
}

/**
 * The lines of an error's details a person can act on: `field: problem` of a validation error, or
 * `line 4: reason` of a file's rejected entries (`details.rejected`).
 */
function detailLines(details: unknown): string[] {
  const rejected = (details as { rejected?: unknown } | null)?.rejected;
  const list = Array.isArray(details) ? details : Array.isArray(rejected) ? rejected : [];
  return list.flatMap((item: unknown) => {
    if (!item || typeof item !== 'object') return [];
    const { path, message, line, reasons } = item as { path?: unknown; message?: unknown; line?: unknown; reasons?: unknown };
    if (typeof line === 'number') return [`${msg('riga', { id: 'common.line' })} ${line}: ${Array.isArray(reasons) ? reasons.join('; ') : String(message ?? '')}`];
    return [`${typeof path === 'string' && path ? `${path}: ` : ''}${String(message ?? '')}`];
  });
}

export const loading = () => html`<p class="loading" role="status">${msg('Caricamento…', { id: 'common.loading' })}</p>`;
