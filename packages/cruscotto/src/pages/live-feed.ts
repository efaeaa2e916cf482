import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { api } from '../api/client.js';
import type { FeedEvent, PaymentSummary } from '../api/types.js';
import { CruscottoElement } from '../support/element.js';
import { channelLabel } from '../support/labels.js';
import { formatAmount, formatInstant } from '../support/locale.js';
import { href } from '../support/router.js';

const SHOWN = 25;
const RETRY_AFTER_MS = 3_000;

type Connection = 'connecting' | 'open' | 'retrying';

/**
 * Payments as they happen, from `/v1/admin/events` (server-sent events). EventSource reconnects by
 * itself with Last-Event-ID; when the server refused outright (a restart, an ended session) a new
 * one resumes from the last id seen, after checking the session is still there.
 */
export class LiveFeed extends CruscottoElement {
  static override properties = {
    payments: { state: true },
    connection: { state: true },
    announcement: { state: true },
  };

  declare payments: PaymentSummary[];
  declare connection: Connection;
  declare announcement: string;
  private source: EventSource | undefined;
  private lastEventId = '';
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.payments = [];
    this.connection = 'connecting';
    this.announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.connect();
  }

  override disconnectedCallback(): void {
    this.source?.close();
    clearTimeout(this.retry);
    super.disconnectedCallback();
  }

  private connect(): void {
    const url = this.lastEventId ? `/v1/admin/events?lastEventId=${encodeURIComponent(this.lastEventId)}` : '/v1/admin/events';
    const source = new EventSource(url, { withCredentials: true });
    this.source = source;
    source.onopen = () => (this.connection = 'open');
    source.addEventListener('payment.succeeded', (event) => this.received(event as MessageEvent<string>));
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        this.connection = 'retrying';
        source.close();
        // A 401 ends the session in the whole app (through the client); anything else: try again soon.
        this.retry = setTimeout(() => void api.get('/v1/admin/session').then(() => this.connect(), () => undefined), RETRY_AFTER_MS);
      } else this.connection = 'retrying';
    };
  }

  private received(event: MessageEvent<string>): void {
    if (event.lastEventId) this.lastEventId = event.lastEventId;
    const payload = JSON.parse(event.data) as FeedEvent<PaymentSummary>;
    const payment = payload.data;
    if (this.payments.some((shown) => shown.id === payment.id)) return;
    this.payments = [payment, ...this.payments].slice(0, SHOWN);
    const where = payment.agent?.name ?? channelLabel(payment.channel);
    this.announcement = msg(str`Nuovo pagamento: ${formatAmount(payment.amount)}, ${payment.service.name}, ${where}.`, { id: 'feed.announce' });
    this.dispatchEvent(new CustomEvent('payment', { detail: payment, bubbles: true }));
  }

  private connectionText(): string {
    if (this.connection === 'open') return msg('In diretta', { id: 'feed.open' });
    if (this.connection === 'retrying') return msg('Connessione persa: riconnessione in corso…', { id: 'feed.retrying' });
    return msg('Connessione…', { id: 'feed.connecting' });
  }

  override render() {
    return html`
      <section class="card feed" aria-labelledby="feed-heading">
        <h2 id="feed-heading">${msg('Pagamenti in diretta', { id: 'feed.heading' })}</h2>
        <p class="feed-state feed-${this.connection}">${this.connectionText()}</p>
        <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
        ${this.payments.length === 0
          ? html`<p class="muted">${msg('I nuovi pagamenti compariranno qui appena avvengono.', { id: 'feed.empty' })}</p>`
          : nothing}
        <ol class="feed-list">
          ${this.payments.map(
            (payment) => html`<li>
              <a href=${href(`pagamenti/${payment.id}`)}>
                <strong>${formatAmount(payment.amount)}</strong> · ${payment.service.name} · ${payment.agent?.name ?? channelLabel(payment.channel)}
              </a>
              <span class="muted">${formatInstant(payment.createdAt)} · ${payment.credit.noticeNumber}</span>
            </li>`,
          )}
        </ol>
      </section>
    `;
  }
}
