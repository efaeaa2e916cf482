import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { api, withQuery } from '../api/client.js';
import type { Page, PaymentSummary, Service, Shop, StaffSession } from '../api/types.js';
import { services, shops } from '../support/catalog.js';
import { CruscottoElement, errorAlert, loading } from '../support/element.js';
import { channelLabel, downloadLink, transferBadge } from '../support/labels.js';
import { formatAmount, formatInstant, parseEuro } from '../support/locale.js';
import { formQuery, pager } from '../support/pager.js';
import { href, navigate, queryObject } from '../support/router.js';

/** The route's filters as the API's query: amounts typed in euro go as cents. */
function apiFilters(query: URLSearchParams): Record<string, string | number | undefined> {
  const filters: Record<string, string | number | undefined> = queryObject(query);
  for (const key of ['minAmount', 'maxAmount']) if (filters[key] !== undefined) filters[key] = parseEuro(String(filters[key]));
  return filters;
}

/** A table of payments, shared by the payments page and the citizen-support results. */
export function paymentRows(payments: PaymentSummary[]) {
  return html`<div class="table-scroll" tabindex="0">
    <table class="table">
      <thead>
        <tr>
          <th scope="col">${msg('Data', { id: 'common.date' })}</th>
          <th scope="col" class="num">${msg('Importo', { id: 'common.amount' })}</th>
          <th scope="col">${msg('Servizio', { id: 'common.service' })}</th>
          <th scope="col">${msg('Avviso e debitore', { id: 'payments.notice' })}</th>
          <th scope="col">${msg('Canale', { id: 'common.channel' })}</th>
          <th scope="col">${msg('Bonifico', { id: 'payments.transfer' })}</th>
        </tr>
      </thead>
      <tbody>
        ${payments.map(
          (payment) => html`<tr class=${payment.transfer.status === 'rejected' || payment.transfer.stale ? 'row-alert' : ''}>
            <td><a href=${href(`pagamenti/${payment.id}`)}>${formatInstant(payment.createdAt)}</a></td>
            <td class="num">${formatAmount(payment.amount)}</td>
            <td>${payment.service.name}</td>
            <td>${payment.credit.noticeNumber}<br /><span class="muted">${payment.credit.debtorName} · ${payment.credit.debtorTaxCode}</span></td>
            <td>${payment.agent?.name ?? channelLabel(payment.channel)}</td>
            <td>${transferBadge(payment.transfer)}${payment.transfer.bankReference ? html`<br /><span class="mono">${payment.transfer.bankReference}</span>` : nothing}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** Every payment of the comune, filtered by the address's query, a page at a time, with the CSV of all that match. */
export class PaymentsPage extends CruscottoElement {
  static override properties = {
    session: { attribute: false },
    query: { attribute: false },
    page: { state: true },
    error: { state: true },
    services: { state: true },
    shops: { state: true },
  };

  declare session: StaffSession;
  declare query: URLSearchParams;
  declare page: Page<PaymentSummary> | undefined;
  declare error: unknown;
  declare services: Service[];
  declare shops: Shop[];

  constructor() {
    super();
    this.query = new URLSearchParams();
    this.services = [];
    this.shops = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    services().then((list) => (this.services = list), () => undefined);
    shops().then((list) => (this.shops = list), () => undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) void this.load();
  }

  private async load(): Promise<void> {
    this.page = undefined;
    try {
      this.page = await api.get<Page<PaymentSummary>>('/v1/admin/payments', apiFilters(this.query));
      this.error = undefined;
    } catch (error) {
      this.error = error;
    }
  }

  private filter(event: SubmitEvent): void {
    event.preventDefault();
    navigate('pagamenti', formQuery(event.target as HTMLFormElement));
  }

  override render() {
    const value = (key: string) => this.query.get(key) ?? '';
    const { cursor: _cursor, ...filters } = apiFilters(this.query);
    return html`
      <h1 tabindex="-1">${msg('Pagamenti', { id: 'nav.payments' })}</h1>
      <form class="card filters" @submit=${this.filter} aria-label=${msg('Filtri dei pagamenti', { id: 'payments.filters' })}>
        <div class="field"><label for="f-from">${msg('Dal giorno', { id: 'filter.from' })}</label><input id="f-from" name="from" type="date" .value=${value('from')} /></div>
        <div class="field"><label for="f-to">${msg('Al giorno', { id: 'filter.to' })}</label><input id="f-to" name="to" type="date" .value=${value('to')} /></div>
        <div class="field">
          <label for="f-service">${msg('Servizio', { id: 'common.service' })}</label>
          <select id="f-service" name="service">
            <option value="">${msg('Tutti', { id: 'filter.all' })}</option>
            ${this.services.map((service) => html`<option value=${service.code} ?selected=${value('service') === service.code}>${service.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="f-channel">${msg('Canale', { id: 'common.channel' })}</label>
          <select id="f-channel" name="channel">
            <option value="">${msg('Tutti', { id: 'filter.all' })}</option>
            ${['agent', 'web', 'app'].map((channel) => html`<option value=${channel} ?selected=${value('channel') === channel}>${channelLabel(channel)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="f-shop">${msg('Negozio', { id: 'common.shop' })}</label>
          <select id="f-shop" name="agentId">
            <option value="">${msg('Tutti', { id: 'filter.all' })}</option>
            ${this.shops.map((shop) => html`<option value=${shop.id} ?selected=${value('agentId') === shop.id}>${shop.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="f-status">${msg('Stato del bonifico', { id: 'filter.transferStatus' })}</label>
          <select id="f-status" name="transferStatus">
            <option value="">${msg('Tutti', { id: 'filter.all' })}</option>
            <option value="pending" ?selected=${value('transferStatus') === 'pending'}>${msg('In corso', { id: 'transfer.pending' })}</option>
            <option value="settled" ?selected=${value('transferStatus') === 'settled'}>${msg('Accreditato', { id: 'transfer.settled' })}</option>
            <option value="rejected" ?selected=${value('transferStatus') === 'rejected'}>${msg('Respinto', { id: 'transfer.rejected' })}</option>
            <option value="stale" ?selected=${value('transferStatus') === 'stale'}>${msg('In ritardo', { id: 'transfer.stale' })}</option>
            <option value="resolved" ?selected=${value('transferStatus') === 'resolved'}>${msg('Risolto a mano', { id: 'transfer.resolved' })}</option>
          </select>
        </div>
        <div class="field"><label for="f-min">${msg('Importo minimo (€)', { id: 'filter.min' })}</label><input id="f-min" name="minAmount" inputmode="decimal" .value=${value('minAmount')} /></div>
        <div class="field"><label for="f-max">${msg('Importo massimo (€)', { id: 'filter.max' })}</label><input id="f-max" name="maxAmount" inputmode="decimal" .value=${value('maxAmount')} /></div>
        <div class="field"><label for="f-notice">${msg('Codice avviso', { id: 'filter.notice' })}</label><input id="f-notice" name="noticeNumber" inputmode="numeric" .value=${value('noticeNumber')} /></div>
        <div class="field"><label for="f-tax">${msg('Codice fiscale', { id: 'filter.taxCode' })}</label><input id="f-tax" name="taxCode" autocapitalize="characters" .value=${value('taxCode')} /></div>
        <div class="actions">
          <button class="btn btn-primary" type="submit">${msg('Cerca', { id: 'common.search' })}</button>
          <a class="btn btn-outline" href=${href('pagamenti')}>${msg('Azzera i filtri', { id: 'filter.reset' })}</a>
          ${downloadLink(withQuery('/v1/admin/payments/export', filters), msg('Esporta CSV', { id: 'common.exportCsv' }))}
        </div>
      </form>
      ${errorAlert(this.error)}
      ${this.page
        ? html`<p role="status">${this.page.data.length === 0 ? msg('Nessun pagamento con questi filtri.', { id: 'payments.none' }) : nothing}</p>
            ${this.page.data.length ? paymentRows(this.page.data) : nothing} ${pager('pagamenti', this.query, this.page.nextCursor)}`
        : this.error
          ? nothing
          : loading()}
    `;
  }
}
