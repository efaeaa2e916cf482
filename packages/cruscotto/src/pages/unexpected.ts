import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { api, withQuery } from '../api/client.js';
import type { Page, Service, StaffSession, UnexpectedCredit } from '../api/types.js';
import { services } from '../support/catalog.js';
import { CruscottoElement, errorAlert, hasRole, loading } from '../support/element.js';
import { fieldValues } from '../support/field-values.js';
import { channelLabel, downloadLink } from '../support/labels.js';
import { formatAmount, formatCount, formatInstant } from '../support/locale.js';
import { pager } from '../support/pager.js';
import { href } from '../support/router.js';

/**
 * Credits opened at payment time (a market fee, a fine at the shop): the queue to register in the
 * comune's books with an accertamento number and a budget chapter, one or many at once.
 */
export class UnexpectedPage extends CruscottoElement {
  static override properties = {
    session: { attribute: false },
    query: { attribute: false },
    page: { state: true },
    error: { state: true },
    selected: { state: true },
    registerError: { state: true },
    registered: { state: true },
    services: { state: true },
  };

  declare session: StaffSession;
  declare query: URLSearchParams;
  declare page: Page<UnexpectedCredit> | undefined;
  declare error: unknown;
  declare selected: Set<string>;
  declare registerError: unknown;
  declare registered: number | undefined;
  declare services: Service[];

  constructor() {
    super();
    this.query = new URLSearchParams();
    this.selected = new Set();
    this.services = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    services().then((list) => (this.services = list), () => undefined);
  }

  private get showRegistered(): boolean {
    return this.query.get('registered') === 'true';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) void this.load();
  }

  private async load(): Promise<void> {
    this.page = undefined;
    this.selected = new Set();
    try {
      this.page = await api.get<Page<UnexpectedCredit>>('/v1/admin/unexpected-credits', { registered: String(this.showRegistered), cursor: this.query.get('cursor') });
      this.error = undefined;
    } catch (error) {
      this.error = error;
    }
  }

  private toggle(id: string, checked: boolean): void {
    const selected = new Set(this.selected);
    if (checked) selected.add(id);
    else selected.delete(id);
    this.selected = selected;
  }

  private async register(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const accertamentoNumber = String(data.get('accertamentoNumber') ?? '').trim();
    const budgetChapter = String(data.get('budgetChapter') ?? '').trim();
    this.registered = undefined;
    if (this.selected.size === 0) {
      this.registerError = new Error(msg('Seleziona almeno un credito da registrare.', { id: 'unexpected.selectOne' }));
      return;
    }
    try {
      const items = [...this.selected].map((creditId) => ({ creditId, accertamentoNumber, budgetChapter }));
      const result = await api.post<{ registered: number }>('/v1/admin/unexpected-credits/registrations', { items });
      this.registerError = undefined;
      this.registered = result.registered;
      await this.load();
    } catch (error) {
      this.registerError = error;
    }
  }

  override render() {
    const operator = hasRole(this.session, 'operator');
    const registeredCount = formatCount(this.registered ?? 0);
    return html`
      <h1 tabindex="-1">${msg('Crediti non attesi', { id: 'nav.unexpected' })}</h1>
      <p>${msg('Crediti nati al momento del pagamento (canone del mercato, multa pagata in negozio): registrali nel bilancio del comune.', { id: 'unexpected.intro' })}</p>
      <nav class="tabs" aria-label=${msg('Stato della registrazione', { id: 'unexpected.tabs' })}>
        <a href=${href('non-attesi')} aria-current=${this.showRegistered ? 'false' : 'page'}>${msg('Da registrare', { id: 'unexpected.queue' })}</a>
        <a href=${href('non-attesi', { registered: 'true' })} aria-current=${this.showRegistered ? 'page' : 'false'}>${msg('Registrati', { id: 'unexpected.registered' })}</a>
      </nav>
      <p class="actions">${downloadLink(withQuery('/v1/admin/unexpected-credits/export', { registered: String(this.showRegistered) }), msg('Esporta CSV per la contabilità', { id: 'unexpected.export' }))}</p>
      <div role="status">${this.registered !== undefined ? html`<p class="alert alert-success">${msg(str`Crediti registrati: ${registeredCount}.`, { id: 'unexpected.done' })}</p>` : nothing}</div>
      ${errorAlert(this.error)}
      ${this.page ? this.table(this.page, operator && !this.showRegistered) : this.error ? nothing : loading()}
    `;
  }

  private table(page: Page<UnexpectedCredit>, selectable: boolean) {
    if (page.data.length === 0) return html`<p>${this.showRegistered ? msg('Nessun credito registrato.', { id: 'unexpected.noneRegistered' }) : msg('Nessun credito da registrare.', { id: 'unexpected.none' })}</p>`;
    return html`<form @submit=${this.register}>
      <div class="table-scroll" tabindex="0"><table class="table">
        <thead>
          <tr>
            ${selectable
              ? html`<th scope="col">
                  <input
                    type="checkbox"
                    aria-label=${msg('Seleziona tutti', { id: 'unexpected.selectAll' })}
                    .checked=${this.selected.size === page.data.length}
                    @change=${(event: Event) => (this.selected = new Set((event.target as HTMLInputElement).checked ? page.data.map((entry) => entry.credit.id) : []))}
                  />
                </th>`
              : nothing}
            <th scope="col">${msg('Pagato il', { id: 'credit.paidAt' })}</th>
            <th scope="col">${msg('Servizio', { id: 'common.service' })}</th>
            <th scope="col">${msg('Debitore', { id: 'common.debtor' })}</th>
            <th scope="col">${msg('Dati', { id: 'unexpected.fields' })}</th>
            <th scope="col" class="num">${msg('Importo', { id: 'common.amount' })}</th>
            <th scope="col">${msg('Registrazione', { id: 'unexpected.registration' })}</th>
          </tr>
        </thead>
        <tbody>
          ${page.data.map(({ credit, payment, registration }) => {
            const label = `${credit.service.name} ${credit.debtor.name} ${formatAmount(credit.amount)}`;
            return html`<tr>
              ${selectable
                ? html`<td><input type="checkbox" aria-label=${msg(str`Seleziona ${label}`, { id: 'unexpected.selectRow' })} .checked=${this.selected.has(credit.id)} @change=${(event: Event) => this.toggle(credit.id, (event.target as HTMLInputElement).checked)} /></td>`
                : nothing}
              <td><a href=${href(`pagamenti/${payment.id}`)}>${formatInstant(payment.createdAt)}</a><br /><span class="muted">${payment.agentName ?? channelLabel(payment.channel)}</span></td>
              <td>${credit.service.name}</td>
              <td>${credit.debtor.name}<br /><span class="muted mono">${credit.debtor.taxCode}</span></td>
              <td>${fieldValues(credit.fields, credit.service.code, this.services).map(({ label, value }) => html`<span class="field-value">${label}: ${value}</span> `)}</td>
              <td class="num">${formatAmount(credit.amount)}</td>
              <td>${registration ? html`${registration.accertamentoNumber} · ${registration.budgetChapter}<br /><span class="muted">${formatInstant(registration.registeredAt)}</span>` : msg('da registrare', { id: 'unexpected.pending' })}</td>
            </tr>`;
          })}
        </tbody>
      </table></div>
      ${selectable
        ? html`<fieldset class="card">
            <legend>${msg(str`Registra i crediti selezionati (${this.selected.size})`, { id: 'unexpected.registerLegend' })}</legend>
            ${errorAlert(this.registerError)}
            <div class="form-grid">
              <div class="field"><label for="acc-number">${msg('Numero di accertamento', { id: 'unexpected.accertamento' })}</label><input id="acc-number" name="accertamentoNumber" required /></div>
              <div class="field"><label for="acc-chapter">${msg('Capitolo di bilancio', { id: 'unexpected.chapter' })}</label><input id="acc-chapter" name="budgetChapter" required /></div>
            </div>
            <button class="btn btn-primary" type="submit">${msg('Registra', { id: 'common.register' })}</button>
          </fieldset>`
        : nothing}
    </form>
    ${pager('non-attesi', this.query, page.nextCursor)}`;
  }
}
