import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { api } from '../api/client.js';
import type { Page, PaymentSummary } from '../api/types.js';
import { AdminEvents, type Connection } from '../support/admin-events.js';
import { CruscottoElement } from '../support/element.js';
import { channelLabel } from '../support/labels.js';
import { formatAmount, formatInstant } from '../support/locale.js';
import { href } from '../support/router.js';

const SHOWN = 25;

/** Payments as they happen, newest first, each announced to screen readers. */
export class LiveFeed extends CruscottoElement {
  static override properties = {
    payments: { state: true },
    connection: { state: true },
    announcement: { state: true },
  };

  declare payments: PaymentSummary[];
  declare connection: Connection;
  declare announcement: string;
  private events: AdminEvents | undefined;
  /** When the feed started, by the server's clock: the newest payment then. */
  private since: Promise<string> | undefined;
  private lost = false;

  constructor() {
    super();
    this.payments = [];
    this.connection = 'connecting';
    this.announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.since = this.newestPayments().then((page) => page.data[0]?.createdAt ?? '', () => '');
    this.events = new AdminEvents(
      ['payment.succeeded'],
      (event) => this.received(event.data as PaymentSummary),
      (state) => {
        this.connection = state;
        if (state === 'retrying') this.lost = true;
        if (state === 'open' && this.lost) void this.catchUp();
      },
    );
  }

  private newestPayments(): Promise<Page<PaymentSummary>> {
    return api.get<Page<PaymentSummary>>('/v1/admin/payments', { limit: SHOWN });
  }

  /**
   * Back after a lost connection: the stream replays what followed the last event seen, but a feed
   * that had seen none yet has no place to resume from, so the payments made meanwhile are read.
   */
  private async catchUp(): Promise<void> {
    this.lost = false;
    const since = (await this.since) ?? '';
    const missed = (await this.newestPayments().catch(() => ({ data: [] }))).data.filter((payment) => payment.createdAt > since);
    for (const payment of missed.reverse()) this.received(payment);
  }

  override disconnectedCallback(): void {
    this.events?.close();
    super.disconnectedCallback();
  }

  private received(payment: PaymentSummary): void {
    if (this.payments.some((shown) => shown.id === payment.id)) return;
    this.payments = [payment, ...this.payments].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, SHOWN);
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
