import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { api } from '../api/client.js';
import type { List, WebhookEndpoint, WebhookEndpointWithSecret } from '../api/types.js';
import { CruscottoElement, errorAlert, loading } from '../support/element.js';
import { webhookEventLabel, webhookEventLabels } from '../support/labels.js';
import { formatCount, formatInstant } from '../support/locale.js';
import { href } from '../support/router.js';
import type { SecretOnce } from './secret-once.js';

const ENDPOINTS = '/v1/admin/webhook-endpoints';

/** The events as checkboxes, ticked as `checked` says; `prefix` keeps each form's ids apart. */
function eventCheckboxes(prefix: string, checked: readonly string[]): TemplateResult {
  return html`${Object.entries(webhookEventLabels()).map(
    ([type, label]) => html`<div class="radio">
      <input type="checkbox" id=${`${prefix}-${type}`} name="events" value=${type} ?checked=${checked.includes(type)} />
      <label for=${`${prefix}-${type}`}>${label} <span class="muted mono">${type}</span></label>
    </div>`,
  )}`;
}

/** The events and description a form holds, or the message to show when no event is ticked. */
function readEndpointForm(form: HTMLFormElement): { events: string[]; description: string } | string {
  const data = new FormData(form);
  const events = data.getAll('events').map(String);
  if (events.length === 0) return msg('Scegli almeno un evento.', { id: 'webhooks.noEvent' });
  return { events, description: String(data.get('description') ?? '').trim() };
}

/**
 * The comune's webhook endpoints (admins only): add one (its signing secret shown once), change its
 * events, disable or enable it, rotate its secret, delete it, open its delivery log. An endpoint
 * Pay-Box disabled after a long failure streak stands out, with the way to enable it again.
 */
export class WebhooksPage extends CruscottoElement {
  static override properties = {
    endpoints: { state: true },
    error: { state: true },
    actionError: { state: true },
    createError: { state: true },
    done: { state: true },
    secret: { state: true },
  };

  declare endpoints: WebhookEndpoint[] | undefined;
  declare error: unknown;
  declare actionError: unknown;
  declare createError: unknown;
  declare done: string;
  declare secret: { value: string; heading: string } | undefined;

  constructor() {
    super();
    this.done = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.endpoints = (await api.get<List<WebhookEndpoint>>(ENDPOINTS)).data;
      this.error = undefined;
    } catch (error) {
      this.error = error;
    }
  }

  /** Runs a change, says what it did in the live region and reads the list again; `after` moves the focus where the change leaves the staff. */
  private async act(work: () => Promise<string>, after?: () => Promise<void>): Promise<void> {
    this.done = '';
    this.actionError = undefined;
    try {
      const done = await work();
      await this.load();
      this.done = done;
      await after?.();
    } catch (error) {
      this.actionError = error;
    }
  }

  private async showSecret(value: string, heading: string): Promise<void> {
    this.secret = { value, heading };
    await this.updateComplete;
    await this.querySelector<SecretOnce>('pb-secret-once')?.focusHeading();
  }

  /** The secret is forgotten once the admin says it is kept; the keyboard goes on from the list. */
  private closeSecret(): void {
    this.secret = undefined;
    void this.focusList();
  }

  private async focusList(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>('#endpoints-heading')?.focus();
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values = readEndpointForm(form);
    if (typeof values === 'string') return void (this.createError = new Error(values));
    this.createError = undefined;
    this.done = '';
    try {
      const url = String(new FormData(form).get('url') ?? '').trim();
      const created = await api.post<WebhookEndpointWithSecret>(ENDPOINTS, { url, ...values });
      form.reset();
      await this.load();
      this.done = msg(str`Endpoint ${created.endpoint.url} aggiunto.`, { id: 'webhooks.added' });
      await this.showSecret(created.secret, msg(str`Segreto di firma di ${created.endpoint.url}`, { id: 'webhooks.secretHeading' }));
    } catch (error) {
      this.createError = error;
    }
  }

  private setEnabled(endpoint: WebhookEndpoint, enabled: boolean): Promise<void> {
    return this.act(async () => {
      const changed = await api.patch<WebhookEndpoint>(`${ENDPOINTS}/${endpoint.id}`, { enabled });
      return changed.enabled ? msg(str`${changed.url} riattivato.`, { id: 'webhooks.enabledDone' }) : msg(str`${changed.url} disattivato.`, { id: 'webhooks.disabledDone' });
    });
  }

  private async edit(endpoint: WebhookEndpoint, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const values = readEndpointForm(event.target as HTMLFormElement);
    if (typeof values === 'string') return void (this.actionError = new Error(values));
    await this.act(async () => {
      await api.patch<WebhookEndpoint>(`${ENDPOINTS}/${endpoint.id}`, { events: values.events, description: values.description });
      return msg(str`Modifiche a ${endpoint.url} salvate.`, { id: 'webhooks.saved' });
    });
  }

  private rotate(endpoint: WebhookEndpoint): Promise<void> {
    let secret = '';
    return this.act(
      async () => {
        secret = (await api.post<WebhookEndpointWithSecret>(`${ENDPOINTS}/${endpoint.id}/rotate-secret`)).secret;
        return msg(str`Nuovo segreto per ${endpoint.url}: per 24 ore firma anche quello vecchio.`, { id: 'webhooks.rotated' });
      },
      () => this.showSecret(secret, msg(str`Nuovo segreto di firma di ${endpoint.url}`, { id: 'webhooks.rotatedHeading' })),
    );
  }

  private async deleteEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    if (!confirm(msg(str`Eliminare ${endpoint.url}? Non riceverà più nulla; il registro delle consegne resta.`, { id: 'webhooks.confirmDelete' }))) return;
    await this.act(
      async () => {
        await api.delete(`${ENDPOINTS}/${endpoint.id}`);
        return msg(str`${endpoint.url} eliminato.`, { id: 'webhooks.deleted' });
      },
      () => this.focusList(),
    );
  }

  override render() {
    const autoDisabled = this.endpoints?.filter((endpoint) => endpoint.autoDisabledAt && !endpoint.enabled) ?? [];
    return html`
      <h1 tabindex="-1">${msg('Webhook', { id: 'nav.webhooks' })}</h1>
      <p>${msg('Pay-Box avvisa i sistemi del comune di ciò che accade (un pagamento, un bonifico accreditato) con richieste firmate a questi indirizzi.', { id: 'webhooks.intro' })}</p>
      <div role="status">${this.done ? html`<p class="alert alert-success">${this.done}</p>` : nothing}</div>
      ${this.secret
        ? html`<pb-secret-once .secret=${this.secret.value} .heading=${this.secret.heading} @secret-closed=${this.closeSecret}></pb-secret-once>`
        : nothing}
      ${autoDisabled.length
        ? html`<div class="alert alert-warning">
            <p>
              ⚠
              ${msg(str`Pay-Box ha disattivato ${formatCount(autoDisabled.length)} endpoint dopo troppi invii falliti. Controlla il sistema che li riceve, poi riattivali qui sotto.`, { id: 'webhooks.autoDisabledSummary' })}
            </p>
          </div>`
        : nothing}
      ${errorAlert(this.error)} ${errorAlert(this.actionError)}
      <section aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading" tabindex="-1">${msg('Endpoint registrati', { id: 'webhooks.list' })}</h2>
        ${this.endpoints ? this.table(this.endpoints) : this.error ? nothing : loading()}
      </section>
      <form class="card" @submit=${this.create}>
        <h2>${msg('Aggiungi un endpoint', { id: 'webhooks.add' })}</h2>
        ${errorAlert(this.createError)}
        <div class="form-grid">
          <div class="field"><label for="wh-url">${msg('Indirizzo (https)', { id: 'webhooks.url' })}</label><input id="wh-url" name="url" type="url" required autocomplete="off" /></div>
          <div class="field"><label for="wh-description">${msg('Descrizione', { id: 'common.description' })}</label><input id="wh-description" name="description" maxlength="200" /></div>
        </div>
        <fieldset>
          <legend>${msg('Eventi da inviare', { id: 'webhooks.events' })}</legend>
          ${eventCheckboxes('wh-new', ['payment.succeeded'])}
        </fieldset>
        <button class="btn btn-primary" type="submit">${msg('Aggiungi', { id: 'users.submit' })}</button>
      </form>
    `;
  }

  private table(endpoints: WebhookEndpoint[]): TemplateResult {
    if (endpoints.length === 0) return html`<p>${msg('Nessun endpoint: aggiungine uno qui sotto.', { id: 'webhooks.none' })}</p>`;
    return html`<div class="table-scroll" tabindex="0"><table class="table">
      <thead>
        <tr>
          <th scope="col">${msg('Endpoint', { id: 'webhooks.endpoint' })}</th>
          <th scope="col">${msg('Eventi', { id: 'webhooks.eventsColumn' })}</th>
          <th scope="col">${msg('Stato', { id: 'common.status' })}</th>
          <th scope="col">${msg('Azioni', { id: 'common.actions' })}</th>
        </tr>
      </thead>
      <tbody>
        ${endpoints.map((endpoint) => this.row(endpoint))}
      </tbody>
    </table></div>`;
  }

  private row(endpoint: WebhookEndpoint): TemplateResult {
    const autoDisabled = endpoint.autoDisabledAt !== null && !endpoint.enabled;
    const name = html`<span class="visually-hidden"> ${endpoint.url}</span>`;
    return html`<tr class=${autoDisabled ? 'row-alert' : ''}>
      <th scope="row"><span class="mono">${endpoint.url}</span>${endpoint.description ? html`<br /><span class="muted">${endpoint.description}</span>` : nothing}</th>
      <td>
        <ul class="plain">
          ${endpoint.events.map((type) => html`<li>${webhookEventLabel(type)}</li>`)}
        </ul>
      </td>
      <td>
        ${autoDisabled
          ? html`<span class="badge badge-warning">⚠ ${msg('Disattivato automaticamente', { id: 'webhooks.autoDisabled' })}</span>
              <p>
                ${msg(str`Il ${formatInstant(endpoint.autoDisabledAt)}, dopo ${formatCount(endpoint.consecutiveFailures)} invii falliti dal ${formatInstant(endpoint.failingSince)}.`, { id: 'webhooks.autoDisabledWhy' })}
              </p>`
          : endpoint.enabled
            ? html`<span class="badge badge-success">${msg('Attivo', { id: 'webhooks.active' })}</span>`
            : html`<span class="badge badge-neutral">${msg('Disattivato', { id: 'webhooks.disabled' })}</span>`}
        ${endpoint.enabled && endpoint.consecutiveFailures > 0
          ? html`<p class="muted">${msg(str`Invii falliti di seguito: ${formatCount(endpoint.consecutiveFailures)}.`, { id: 'webhooks.failing' })}</p>`
          : nothing}
        ${endpoint.previousSecretExpiresAt && Date.parse(endpoint.previousSecretExpiresAt) > Date.now()
          ? html`<p class="muted">${msg(str`Il segreto precedente firma ancora fino al ${formatInstant(endpoint.previousSecretExpiresAt)}.`, { id: 'webhooks.previousSecret' })}</p>`
          : nothing}
      </td>
      <td>
        <p class="actions">
          <a class="btn btn-small btn-outline" href=${href(`webhook/${endpoint.id}`)}>${msg('Consegne', { id: 'webhooks.deliveries' })}${name}</a>
          <button class=${`btn btn-small ${autoDisabled ? 'btn-primary' : 'btn-outline'}`} type="button" @click=${() => this.setEnabled(endpoint, !endpoint.enabled)}>
            ${endpoint.enabled ? msg('Disattiva', { id: 'users.disable' }) : msg('Riattiva', { id: 'users.enable' })}${name}
          </button>
          <button class="btn btn-small btn-outline" type="button" @click=${() => this.rotate(endpoint)}>${msg('Nuovo segreto', { id: 'webhooks.rotate' })}${name}</button>
          <button class="btn btn-small btn-danger" type="button" @click=${() => this.deleteEndpoint(endpoint)}>${msg('Elimina', { id: 'webhooks.delete' })}${name}</button>
        </p>
        <details>
          <summary>${msg('Modifica eventi e descrizione', { id: 'webhooks.edit' })}${name}</summary>
          <form @submit=${(event: SubmitEvent) => this.edit(endpoint, event)}>
            <div class="field">
              <label for=${`wh-${endpoint.id}-description`}>${msg('Descrizione', { id: 'common.description' })}</label>
              <input id=${`wh-${endpoint.id}-description`} name="description" maxlength="200" .value=${endpoint.description} />
            </div>
            <fieldset>
              <legend>${msg('Eventi da inviare', { id: 'webhooks.events' })}</legend>
              ${eventCheckboxes(`wh-${endpoint.id}`, endpoint.events)}
            </fieldset>
            <button class="btn btn-small btn-primary" type="submit">${msg('Salva le modifiche', { id: 'credit.save' })}</button>
          </form>
        </details>
      </td>
    </tr>`;
  }
}
