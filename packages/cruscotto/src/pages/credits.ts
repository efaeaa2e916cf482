import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { api, withQuery } from '../api/client.js';
import type { Credit, Page, Service, StaffSession } from '../api/types.js';
import { services } from '../support/catalog.js';
import { CruscottoElement, errorAlert, hasRole, loading } from '../support/element.js';
import { creditStatusLabel, downloadLink } from '../support/labels.js';
import { formatAmount, formatDay } from '../support/locale.js';
import { formQuery, pager } from '../support/pager.js';
import { href, navigate, queryObject } from '../support/router.js';
import { creditFields, readCreditForm } from './credit-form.js';

/** The gestionale's credits: search, a page at a time, export; an operator adds one or imports a CSV. */
export class CreditsPage extends CruscottoElement {
  static override properties = {
    session: { attribute: false },
    query: { attribute: false },
    page: { state: true },
    error: { state: true },
    services: { state: true },
    creating: { state: true },
    createError: { state: true },
    created: { state: true },
  };

  declare session: StaffSession;
  declare query: URLSearchParams;
  declare page: Page<Credit> | undefined;
  declare error: unknown;
  declare services: Service[];
  declare creating: boolean;
  declare createError: unknown;
  declare created: Credit | undefined;

  constructor() {
    super();
    this.query = new URLSearchParams();
    this.services = [];
    this.creating = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    services().then((list) => (this.services = list), () => undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) void this.load();
  }

  private async load(): Promise<void> {
    this.page = undefined;
    try {
      this.page = await api.get<Page<Credit>>('/v1/admin/credits', queryObject(this.query));
      this.error = undefined;
    } catch (error) {
      this.error = error;
    }
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values = readCreditForm(form);
    this.created = undefined;
    if (typeof values === 'string') {
      this.createError = new Error(values);
      return;
    }
    try {
      this.created = await api.post<Credit>('/v1/admin/credits', values);
      this.createError = undefined;
      form.reset();
      await this.load();
    } catch (error) {
      this.createError = error;
    }
  }

  override render() {
    const value = (key: string) => this.query.get(key) ?? '';
    const { cursor: _cursor, ...filters } = queryObject(this.query);
    const operator = hasRole(this.session, 'operator');
    return html`
      <h1 tabindex="-1">${msg('Crediti', { id: 'nav.credits' })}</h1>
      <p class="actions">
        ${operator
          ? html`<button class="btn btn-primary" type="button" aria-expanded=${this.creating ? 'true' : 'false'} aria-controls="new-credit" @click=${() => (this.creating = !this.creating)}>
                ${msg('Nuovo credito', { id: 'credits.new' })}
              </button>
              <a class="btn btn-outline" href=${href('crediti/importa')}>${msg('Importa da CSV', { id: 'credits.import' })}</a>`
          : nothing}
        ${downloadLink(withQuery('/v1/admin/credits/export', filters), msg('Esporta CSV', { id: 'common.exportCsv' }))}
      </p>
      <div role="status">
        ${this.created ? html`<p class="alert alert-success">${msg(str`Credito creato con codice avviso ${this.created.noticeNumber}.`, { id: 'credits.created' })}</p>` : nothing}
      </div>
      ${this.creating && operator
        ? html`<form id="new-credit" class="card" @submit=${this.create}>
            <h2>${msg('Nuovo credito', { id: 'credits.new' })}</h2>
            ${errorAlert(this.createError)}
            <div class="form-grid">${creditFields(this.services)}</div>
            <button class="btn btn-primary" type="submit">${msg('Crea il credito', { id: 'credits.create' })}</button>
          </form>`
        : nothing}
      <form class="card filters" aria-label=${msg('Filtri dei crediti', { id: 'credits.filters' })} @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        navigate('crediti', formQuery(event.target as HTMLFormElement));
      }}>
        <div class="field"><label for="cf-q">${msg('Avviso, codice fiscale o nome', { id: 'credits.q' })}</label><input id="cf-q" name="q" type="search" .value=${value('q')} /></div>
        <div class="field">
          <label for="cf-status">${msg('Stato', { id: 'common.status' })}</label>
          <select id="cf-status" name="status">
            <option value="">${msg('Tutti', { id: 'filter.all' })}</option>
            ${['open', 'paid', 'cancelled', 'expired'].map((status) => html`<option value=${status} ?selected=${value('status') === status}>${creditStatusLabel(status)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="cf-service">${msg('Servizio', { id: 'common.service' })}</label>
          <select id="cf-service" name="service">
            <option value="">${msg('Tutti', { id: 'filter.all' })}</option>
            ${this.services.map((service) => html`<option value=${service.code} ?selected=${value('service') === service.code}>${service.name}</option>`)}
          </select>
        </div>
        <div class="field"><label for="cf-from">${msg('Scadenza dal', { id: 'credits.dueFrom' })}</label><input id="cf-from" name="dueFrom" type="date" .value=${value('dueFrom')} /></div>
        <div class="field"><label for="cf-to">${msg('Scadenza al', { id: 'credits.dueTo' })}</label><input id="cf-to" name="dueTo" type="date" .value=${value('dueTo')} /></div>
        <div class="actions"><button class="btn btn-primary" type="submit">${msg('Cerca', { id: 'common.search' })}</button></div>
      </form>
      ${errorAlert(this.error)}
      ${this.page ? this.table(this.page) : this.error ? nothing : loading()}
    `;
  }

  private table(page: Page<Credit>) {
    if (page.data.length === 0) return html`<p role="status">${msg('Nessun credito trovato.', { id: 'credits.none' })}</p>`;
    return html`<div class="table-scroll" tabindex="0"><table class="table">
        <thead>
          <tr>
            <th scope="col">${msg('Codice avviso', { id: 'filter.notice' })}</th>
            <th scope="col">${msg('Debitore', { id: 'common.debtor' })}</th>
            <th scope="col">${msg('Servizio', { id: 'common.service' })}</th>
            <th scope="col" class="num">${msg('Importo', { id: 'common.amount' })}</th>
            <th scope="col">${msg('Scadenza', { id: 'credit.dueDate' })}</th>
            <th scope="col">${msg('Stato', { id: 'common.status' })}</th>
          </tr>
        </thead>
        <tbody>
          ${page.data.map(
            (credit) => html`<tr>
              <td><a class="mono" href=${href(`crediti/${credit.id}`)}>${credit.noticeNumber}</a></td>
              <td>${credit.debtor.name}<br /><span class="muted mono">${credit.debtor.taxCode}</span></td>
              <td>${credit.service.name}</td>
              <td class="num">${formatAmount(credit.amount)}</td>
              <td>${credit.dueDate ? formatDay(credit.dueDate) : '—'}</td>
              <td>${creditStatusLabel(credit.status)}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>
      ${pager('crediti', this.query, page.nextCursor)}`;
  }
}
