import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { api } from '../api/client.js';
import type { List, WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../api/types.js';
import { CruscottoElement, errorAlert, loading } from '../support/element.js';
import { deliveryBadge, webhookEventLabel } from '../support/labels.js';
import { formatCount, formatInstant } from '../support/locale.js';
import { href } from '../support/router.js';

/** While a delivery is pending the log is read again this often, so its outcome shows up without a reload. */
const PENDING_REFRESH_MS = 2_000;

const attemptText = (attempt: WebhookAttempt): string =>
  [
    formatInstant(attempt.at),
    attempt.statusCode === null ? msg('nessuna risposta', { id: 'deliveries.noAnswer' }) : `HTTP ${attempt.statusCode}`,
    attempt.error ?? '',
    `${formatCount(attempt.durationMs)} ms`,
  ]
    .filter(Boolean)
    .join(' · ');

/** An endpoint's delivery log (admins only): the latest deliveries with every attempt, and a delivery sent again by hand. */
export class WebhookDeliveriesPage extends CruscottoElement {
  static override properties = {
    endpointId: {},
    endpoint: { state: true },
    deliveries: { state: true },
    error: { state: true },
    actionError: { state: true },
    done: { state: true },
  };

  declare endpointId: string;
  declare endpoint: WebhookEndpoint | undefined;
  declare deliveries: WebhookDelivery[] | undefined;
  declare error: unknown;
  declare actionError: unknown;
  declare done: string;
  private refresh: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.done = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpointId')) {
      this.endpoint = undefined;
      this.deliveries = undefined;
      void this.load();
    }
  }

  override disconnectedCallback(): void {
    clearTimeout(this.refresh);
    super.disconnectedCallback();
  }

  private async load(): Promise<void> {
    clearTimeout(this.refresh);
    try {
      const [endpoints, deliveries] = await Promise.all([
        api.get<List<WebhookEndpoint>>('/v1/admin/webhook-endpoints'),
        api.get<List<WebhookDelivery>>(`/v1/admin/webhook-endpoints/${encodeURIComponent(this.endpointId)}/deliveries`),
      ]);
      this.endpoint = endpoints.data.find((endpoint) => endpoint.id === this.endpointId);
      this.deliveries = deliveries.data;
      this.error = undefined;
      if (this.isConnected && deliveries.data.some((delivery) => delivery.status === 'pending')) this.refresh = setTimeout(() => void this.load(), PENDING_REFRESH_MS);
    } catch (error) {
      this.error = error;
    }
  }

  private async redeliver(delivery: WebhookDelivery): Promise<void> {
    this.done = '';
    this.actionError = undefined;
    try {
      await api.post<WebhookDelivery>(`/v1/admin/webhook-deliveries/${delivery.id}/redeliver`);
      await this.load();
      this.done = msg(str`Consegna di ${webhookEventLabel(delivery.eventType)} inviata di nuovo.`, { id: 'deliveries.redelivered' });
    } catch (error) {
      this.actionError = error;
    }
  }

  override render() {
    return html`
      <p><a href=${href('webhook')}>← ${msg('Tutti gli endpoint', { id: 'deliveries.back' })}</a></p>
      <h1 tabindex="-1">${msg('Registro delle consegne', { id: 'deliveries.heading' })}</h1>
      ${this.endpoint ? html`<p>${msg('Endpoint', { id: 'webhooks.endpoint' })}: <span class="mono">${this.endpoint.url}</span></p>` : nothing}
      <p>${msg('Le ultime 100 consegne, dalla più recente, con ogni tentativo. Una consegna inviata di nuovo conserva il suo webhook-id: chi l’aveva già ricevuta la ignora.', { id: 'deliveries.intro' })}</p>
      <p class="actions">
        <button class="btn btn-outline" type="button" @click=${() => this.load()}>${msg('Aggiorna', { id: 'deliveries.refresh' })}</button>
      </p>
      <div role="status">${this.done ? html`<p class="alert alert-success">${this.done}</p>` : nothing}</div>
      ${errorAlert(this.error)} ${errorAlert(this.actionError)}
      ${this.deliveries ? this.table(this.deliveries) : this.error ? nothing : loading()}
    `;
  }

  private table(deliveries: WebhookDelivery[]): TemplateResult {
    if (deliveries.length === 0) return html`<p>${msg('Nessuna consegna per ora.', { id: 'deliveries.none' })}</p>`;
    return html`<div class="table-scroll" tabindex="0"><table class="table">
      <thead>
        <tr>
          <th scope="col">${msg('Evento', { id: 'deliveries.event' })}</th>
          <th scope="col">${msg('Stato', { id: 'common.status' })}</th>
          <th scope="col">${msg('Tentativi', { id: 'deliveries.attempts' })}</th>
          <th scope="col">${msg('Azioni', { id: 'common.actions' })}</th>
        </tr>
      </thead>
      <tbody>
        ${deliveries.map(
          (delivery) => html`<tr class=${delivery.status === 'dead' ? 'row-alert' : ''}>
            <th scope="row">${webhookEventLabel(delivery.eventType)}<br /><span class="muted mono">${delivery.eventId}</span><br /><span class="muted">${formatInstant(delivery.createdAt)}</span></th>
            <td>
              ${deliveryBadge(delivery.status)}
              ${delivery.nextAttemptAt ? html`<p class="muted">${msg(str`Prossimo tentativo: ${formatInstant(delivery.nextAttemptAt)}`, { id: 'deliveries.next' })}</p>` : nothing}
            </td>
            <td>
              <ol class="timeline">
                ${delivery.attempts.map((attempt) => html`<li>${attemptText(attempt)}</li>`)}
              </ol>
            </td>
            <td>
              <button class="btn btn-small btn-outline" type="button" @click=${() => this.redeliver(delivery)}>
                ${msg('Invia di nuovo', { id: 'deliveries.redeliver' })}<span class="visually-hidden"> ${delivery.eventId}</span>
              </button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }
}
