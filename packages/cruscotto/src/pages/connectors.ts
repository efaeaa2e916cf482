import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { api } from '../api/client.js';
import type { Connector, ConnectorCreateRequest, ConnectorKind, ConnectorUpdateRequest, ConnectorWithSecret, List, Service } from '../api/types.js';
import { services } from '../support/catalog.js';
import { CruscottoElement, errorAlert, loading } from '../support/element.js';
import { formatCount } from '../support/locale.js';
import type { SecretOnce } from './secret-once.js';

const CONNECTORS = '/v1/admin/connectors';
const DEFAULT_TIMEOUT_MS = 3_000;

const kindLabel = (kind: string): string =>
  ({
    http: msg('Sistema del comune (protocollo Pay-Box)', { id: 'connectors.kindHttp' }),
    gpd: msg('pagoPA GPD (posizioni debitorie)', { id: 'connectors.kindGpd' }),
  })[kind] ?? kind;

/** The form's text fields by name, trimmed. */
function formText(form: HTMLFormElement): (name: string) => string {
  const data = new FormData(form);
  return (name) => String(data.get(name) ?? '').trim();
}

const checkedServices = (form: HTMLFormElement): string[] => new FormData(form).getAll('services').map(String);

/**
 * Where the credits of some of the comune's services live when not in Pay-Box (admins only): the
 * comune's own system over the connector protocol, or pagoPA's GPD. Add one (an http connector's
 * signing secret shown once), then change its services, its time-out, or disable it.
 */
export class ConnectorsPage extends CruscottoElement {
  static override properties = {
    connectors: { state: true },
    services: { state: true },
    kind: { state: true },
    error: { state: true },
    actionError: { state: true },
    createError: { state: true },
    done: { state: true },
    secret: { state: true },
  };

  declare connectors: Connector[] | undefined;
  declare services: Service[];
  declare kind: ConnectorKind;
  declare error: unknown;
  declare actionError: unknown;
  declare createError: unknown;
  declare done: string;
  declare secret: { value: string; heading: string } | undefined;

  constructor() {
    super();
    this.services = [];
    this.kind = 'http';
    this.done = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    services().then((list) => (this.services = list), (error: unknown) => (this.error = error));
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.connectors = (await api.get<List<Connector>>(CONNECTORS)).data;
      this.error = undefined;
    } catch (error) {
      this.error = error;
    }
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const text = formText(form);
    const common = { name: text('name'), url: text('url'), timeoutMs: Number(text('timeoutMs')), services: checkedServices(form) };
    const body: ConnectorCreateRequest =
      this.kind === 'gpd'
        ? { kind: 'gpd', ...common, subscriptionKey: text('subscriptionKey'), ...(text('organizationFiscalCode') && { organizationFiscalCode: text('organizationFiscalCode') }) }
        : { kind: 'http', ...common };
    this.createError = undefined;
    this.done = '';
    try {
      const created = await api.post<ConnectorWithSecret>(CONNECTORS, body);
      form.reset();
      this.kind = 'http';
      await this.load();
      this.done = msg(str`Connettore ${created.connector.name} aggiunto.`, { id: 'connectors.added' });
      if (created.secret) {
        this.secret = { value: created.secret, heading: msg(str`Segreto di firma di ${created.connector.name}`, { id: 'connectors.secretHeading' }) };
        await this.updateComplete;
        await this.querySelector<SecretOnce>('pb-secret-once')?.focusHeading();
      } else await this.focusList();
    } catch (error) {
      this.createError = error;
    }
  }

  private async save(connector: Connector, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const change: ConnectorUpdateRequest = {
      timeoutMs: Number(formText(form)('timeoutMs')),
      services: checkedServices(form),
      enabled: new FormData(form).has('enabled'),
    };
    this.done = '';
    this.actionError = undefined;
    try {
      const changed = await api.patch<Connector>(`${CONNECTORS}/${connector.id}`, change);
      await this.load();
      this.done = msg(str`Modifiche a ${changed.name} salvate.`, { id: 'connectors.saved' });
    } catch (error) {
      this.actionError = error;
    }
  }

  /** The secret is forgotten once the admin says it is kept; the keyboard goes on from the list. */
  private closeSecret(): void {
    this.secret = undefined;
    void this.focusList();
  }

  private async focusList(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>('#connectors-heading')?.focus();
  }

  /** The service's name, or its code when the catalogue does not know it (any more). */
  private serviceName(code: string): string {
    return this.services.find((service) => service.code === code)?.name ?? code;
  }

  /** The services as checkboxes, ticked for `connector`'s; a service another connector serves says so. */
  private serviceCheckboxes(prefix: string, connector?: Connector): TemplateResult {
    if (this.services.length === 0) return html`<p class="muted">${msg('Nessun servizio.', { id: 'connectors.noServices' })}</p>`;
    return html`${this.services.map((service) => {
      const id = `${prefix}-${service.code}`;
      const elsewhere = this.connectors?.find((other) => other.id !== connector?.id && other.services.includes(service.code));
      return html`<div class="radio">
        <input type="checkbox" id=${id} name="services" value=${service.code} ?checked=${connector?.services.includes(service.code) ?? false} />
        <label for=${id}>${service.name}${elsewhere ? html` <span class="muted">(${msg(str`ora su ${elsewhere.name}`, { id: 'connectors.serviceElsewhere' })})</span>` : nothing}</label>
      </div>`;
    })}`;
  }

  private timeoutField(id: string, value: number): TemplateResult {
    return html`<div class="field">
      <label for=${id}>${msg('Attesa massima della risposta (millisecondi, da 500 a 10000)', { id: 'connectors.timeout' })}</label>
      <input id=${id} name="timeoutMs" type="number" min="500" max="10000" step="100" required .value=${String(value)} />
    </div>`;
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('Connettori', { id: 'nav.connectors' })}</h1>
      <p>${msg('I crediti dei servizi assegnati a un connettore restano nel sistema del comune (o su pagoPA): Pay-Box li legge al momento della ricerca e gli comunica ogni pagamento. Gli altri servizi usano i crediti gestiti qui.', { id: 'connectors.intro' })}</p>
      <div role="status">${this.done ? html`<p class="alert alert-success">${this.done}</p>` : nothing}</div>
      ${this.secret
        ? html`<pb-secret-once .secret=${this.secret.value} .heading=${this.secret.heading} @secret-closed=${this.closeSecret}></pb-secret-once>`
        : nothing}
      ${errorAlert(this.error)} ${errorAlert(this.actionError)}
      <section aria-labelledby="connectors-heading">
        <h2 id="connectors-heading" tabindex="-1">${msg('Connettori configurati', { id: 'connectors.list' })}</h2>
        ${this.connectors ? this.table(this.connectors) : this.error ? nothing : loading()}
      </section>
      ${this.createForm()}
    `;
  }

  private createForm(): TemplateResult {
    return html`<form class="card" @submit=${this.create}>
      <h2>${msg('Aggiungi un connettore', { id: 'connectors.add' })}</h2>
      ${errorAlert(this.createError)}
      <fieldset>
        <legend>${msg('Tipo', { id: 'common.kind' })}</legend>
        ${(['http', 'gpd'] as const).map(
          (kind) => html`<div class="radio">
            <input type="radio" id=${`con-kind-${kind}`} name="kind" value=${kind} .checked=${this.kind === kind} @change=${() => (this.kind = kind)} />
            <label for=${`con-kind-${kind}`}>${kindLabel(kind)}</label>
          </div>`,
        )}
      </fieldset>
      <div class="form-grid">
        <div class="field"><label for="con-name">${msg('Nome', { id: 'users.name' })}</label><input id="con-name" name="name" required maxlength="100" /></div>
        <div class="field">
          <label for="con-url">${this.kind === 'gpd' ? msg('Indirizzo dell’API GPD (https)', { id: 'connectors.urlGpd' }) : msg('Indirizzo del sistema del comune (https)', { id: 'connectors.urlHttp' })}</label>
          <input id="con-url" name="url" type="url" required autocomplete="off" />
        </div>
        ${this.timeoutField('con-timeout', DEFAULT_TIMEOUT_MS)}
        ${this.kind === 'gpd'
          ? html`<div class="field">
                <label for="con-key">${msg('Chiave di sottoscrizione pagoPA', { id: 'connectors.subscriptionKey' })}</label>
                <input id="con-key" name="subscriptionKey" type="password" required minlength="8" maxlength="200" autocomplete="off" />
              </div>
              <div class="field">
                <label for="con-fiscal">${msg('Codice fiscale dell’ente creditore (se diverso da quello del comune)', { id: 'connectors.fiscalCode' })}</label>
                <input id="con-fiscal" name="organizationFiscalCode" inputmode="numeric" pattern="[0-9]{11}" />
              </div>`
          : nothing}
      </div>
      <fieldset>
        <legend>${msg('Servizi i cui crediti sono lì', { id: 'connectors.services' })}</legend>
        ${this.serviceCheckboxes('con-new')}
      </fieldset>
      <button class="btn btn-primary" type="submit">${msg('Aggiungi', { id: 'users.submit' })}</button>
    </form>`;
  }

  private table(connectors: Connector[]): TemplateResult {
    if (connectors.length === 0) return html`<p>${msg('Nessun connettore: tutti i crediti sono gestiti in Pay-Box.', { id: 'connectors.none' })}</p>`;
    return html`<div class="table-scroll" tabindex="0"><table class="table">
      <thead>
        <tr>
          <th scope="col">${msg('Connettore', { id: 'connectors.connector' })}</th>
          <th scope="col">${msg('Servizi', { id: 'connectors.servicesColumn' })}</th>
          <th scope="col" class="num">${msg('Attesa massima', { id: 'connectors.timeoutColumn' })}</th>
          <th scope="col">${msg('Stato', { id: 'common.status' })}</th>
          <th scope="col">${msg('Azioni', { id: 'common.actions' })}</th>
        </tr>
      </thead>
      <tbody>
        ${connectors.map((connector) => this.row(connector))}
      </tbody>
    </table></div>`;
  }

  private row(connector: Connector): TemplateResult {
    const prefix = `con-${connector.id}`;
    return html`<tr class=${connector.enabled ? '' : 'row-alert'}>
      <th scope="row">
        ${connector.name}<br /><span class="muted">${kindLabel(connector.kind)}</span><br /><span class="muted mono">${connector.url}</span>
        ${connector.organizationFiscalCode ? html`<br /><span class="muted mono">${connector.organizationFiscalCode}</span>` : nothing}
      </th>
      <td>
        ${connector.services.length
          ? html`<ul class="plain">
              ${connector.services.map((code) => html`<li>${this.serviceName(code)}</li>`)}
            </ul>`
          : html`<span class="muted">${msg('nessuno', { id: 'connectors.noneAssigned' })}</span>`}
      </td>
      <td class="num">${formatCount(connector.timeoutMs)} ms</td>
      <td>
        ${connector.enabled
          ? html`<span class="badge badge-success">${msg('Attivo', { id: 'webhooks.active' })}</span>`
          : html`<span class="badge badge-warning">⚠ ${msg('Disattivato', { id: 'webhooks.disabled' })}</span>
              <p class="muted">${msg('Le ricerche dei suoi servizi rispondono «fonte non disponibile».', { id: 'connectors.disabledMeans' })}</p>`}
      </td>
      <td>
        <details>
          <summary>${msg('Modifica', { id: 'credit.edit' })}<span class="visually-hidden"> ${connector.name}</span></summary>
          <form @submit=${(event: SubmitEvent) => this.save(connector, event)}>
            ${this.timeoutField(`${prefix}-timeout`, connector.timeoutMs)}
            <fieldset>
              <legend>${msg('Servizi i cui crediti sono lì', { id: 'connectors.services' })}</legend>
              ${this.serviceCheckboxes(prefix, connector)}
            </fieldset>
            <div class="radio">
              <input type="checkbox" id=${`${prefix}-enabled`} name="enabled" ?checked=${connector.enabled} />
              <label for=${`${prefix}-enabled`}>${msg('Attivo', { id: 'webhooks.active' })}</label>
            </div>
            <button class="btn btn-small btn-primary" type="submit">${msg('Salva le modifiche', { id: 'credit.save' })}</button>
          </form>
        </details>
      </td>
    </tr>`;
  }
}
