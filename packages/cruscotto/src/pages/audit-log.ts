import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { api } from '../api/client.js';
import type { Page, StaffAction } from '../api/types.js';
import { CruscottoElement, errorAlert, loading } from '../support/element.js';
import { formatInstant } from '../support/locale.js';
import { pager } from '../support/pager.js';

/** Every staff action of the comune, newest first, as the append-only log holds it (admins only). */
export class AuditLogPage extends CruscottoElement {
  static override properties = { query: { attribute: false }, page: { state: true }, error: { state: true } };
  declare query: URLSearchParams;
  declare page: Page<StaffAction> | undefined;
  declare error: unknown;

  constructor() {
    super();
    this.query = new URLSearchParams();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) {
      this.page = undefined;
      api.get<Page<StaffAction>>('/v1/admin/audit-log', { cursor: this.query.get('cursor'), limit: 50 }).then(
        (page) => (this.page = page),
        (error: unknown) => (this.error = error),
      );
    }
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('Registro attività', { id: 'nav.audit' })}</h1>
      <p>${msg('Ogni azione del personale: chi, quando e che cosa. Il registro non si modifica.', { id: 'audit.intro' })}</p>
      ${errorAlert(this.error)}
      ${this.page
        ? html`<div class="table-scroll" tabindex="0"><table class="table">
              <thead>
                <tr>
                  <th scope="col">${msg('Quando', { id: 'audit.at' })}</th>
                  <th scope="col">${msg('Chi', { id: 'audit.actor' })}</th>
                  <th scope="col">${msg('Azione', { id: 'audit.action' })}</th>
                  <th scope="col">${msg('Oggetto', { id: 'audit.subject' })}</th>
                  <th scope="col">${msg('Dettagli', { id: 'audit.details' })}</th>
                </tr>
              </thead>
              <tbody>
                ${this.page.data.map(
                  (action) => html`<tr>
                    <td>${formatInstant(action.at)}</td>
                    <td>${action.actor.email}</td>
                    <td class="mono">${action.action}</td>
                    <td class="mono">${action.subjectId ?? '—'}</td>
                    <td class="mono details">${Object.keys(action.details).length ? JSON.stringify(action.details) : ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table></div>
            ${pager('registro', this.query, this.page.nextCursor)}`
        : this.error
          ? nothing
          : loading()}
    `;
  }
}
