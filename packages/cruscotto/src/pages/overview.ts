import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { api } from '../api/client.js';
import type { CountAmount, Overview } from '../api/types.js';
import { CruscottoElement, errorAlert, loading } from '../support/element.js';
import { channelLabel } from '../support/labels.js';
import { formatAmount, formatCount } from '../support/locale.js';
import { href } from '../support/router.js';

const REFRESH_AFTER_PAYMENT_MS = 1_000;

/** chart.js is most of the app's weight: it loads with the first overview, not with the login page. */
async function defineChart(): Promise<void> {
  const { DailyChart } = await import('./daily-chart.js');
  if (!customElements.get('pb-daily-chart')) customElements.define('pb-daily-chart', DailyChart);
}

/** Today and this month at a glance, the 30-day chart, the transfers needing attention, and the live feed. */
export class OverviewPage extends CruscottoElement {
  static override properties = { overview: { state: true }, error: { state: true } };
  declare overview: Overview | undefined;
  declare error: unknown;
  private refresh: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    void defineChart();
  }

  override disconnectedCallback(): void {
    clearTimeout(this.refresh);
    super.disconnectedCallback();
  }

  private async load(): Promise<void> {
    try {
      this.overview = await api.get<Overview>('/v1/admin/overview');
      this.error = undefined;
    } catch (error) {
      this.error = error;
    }
  }

  /** A new payment moves the totals: read them again, once for a burst. */
  private paymentArrived(): void {
    clearTimeout(this.refresh);
    this.refresh = setTimeout(() => void this.load(), REFRESH_AFTER_PAYMENT_MS);
  }

  override render() {
    const overview = this.overview;
    return html`
      <h1 tabindex="-1">${msg('Panoramica', { id: 'nav.overview' })}</h1>
      <div class="overview-layout">
        <pb-live-feed @payment=${() => this.paymentArrived()}></pb-live-feed>
        <div class="overview-main">
          ${errorAlert(this.error)} ${overview ? this.figures(overview) : this.error ? nothing : loading()}
        </div>
      </div>
    `;
  }

  private figures(overview: Overview): TemplateResult {
    const { transfers } = overview;
    return html`
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading" class="visually-hidden">${msg('Totali', { id: 'overview.totals' })}</h2>
        <div class="tiles">
          ${this.tile(msg('Oggi', { id: 'overview.today' }), overview.today)} ${this.tile(msg('Questo mese', { id: 'overview.month' }), overview.month)}
          <div class="tile ${transfers.stale + transfers.rejected > 0 ? 'tile-alert' : ''}">
            <h3>${msg('Bonifici alla tesoreria', { id: 'overview.transfers' })}</h3>
            <ul class="plain">
              <li><a href=${href('bonifici', { status: 'pending' })}>${msg('In corso', { id: 'transfer.pending' })}: ${formatCount(transfers.pending)}</a></li>
              <li><a href=${href('bonifici', { status: 'stale' })}>${msg('In ritardo', { id: 'transfer.stale' })}: ${formatCount(transfers.stale)}</a></li>
              <li><a href=${href('bonifici', { status: 'rejected' })}>${msg('Respinti', { id: 'overview.rejected' })}: ${formatCount(transfers.rejected)}</a></li>
            </ul>
          </div>
        </div>
      </section>
      <section class="card" aria-labelledby="daily-heading">
        <h2 id="daily-heading">${msg('Ultimi 30 giorni', { id: 'overview.daily' })}</h2>
        <pb-daily-chart .days=${overview.daily}></pb-daily-chart>
      </section>
      <div class="breakdowns">
        ${this.breakdown('by-channel', msg('Per canale (mese)', { id: 'overview.byChannel' }), msg('Canale', { id: 'common.channel' }), overview.byChannel.map((row) => ({ ...row, label: channelLabel(row.channel) })))}
        ${this.breakdown('by-service', msg('Per servizio (mese)', { id: 'overview.byService' }), msg('Servizio', { id: 'common.service' }), overview.byService.map((row) => ({ ...row, label: row.serviceName })))}
        ${this.breakdown('by-shop', msg('Per negozio (mese)', { id: 'overview.byShop' }), msg('Negozio', { id: 'common.shop' }), overview.byShop.map((row) => ({ ...row, label: row.agentName })))}
      </div>
    `;
  }

  private tile(title: string, figures: CountAmount & { fees: number }): TemplateResult {
    return html`<div class="tile">
      <h3>${title}</h3>
      <p class="tile-amount">${formatAmount(figures.amount)}</p>
      <p>${msg('Pagamenti', { id: 'common.payments' })}: ${formatCount(figures.count)}</p>
    </div>`;
  }

  private breakdown(id: string, title: string, column: string, rows: Array<CountAmount & { label: string }>): TemplateResult {
    return html`<section class="card" aria-labelledby=${id}>
      <h2 id=${id}>${title}</h2>
      <div class="table-scroll" tabindex="0"><table class="table">
        <thead>
          <tr>
            <th scope="col">${column}</th>
            <th scope="col" class="num">${msg('Pagamenti', { id: 'common.payments' })}</th>
            <th scope="col" class="num">${msg('Importo', { id: 'common.amount' })}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.length === 0 ? html`<tr><td colspan="3">${msg('Nessun pagamento.', { id: 'common.noPayments' })}</td></tr>` : nothing}
          ${rows.map((row) => html`<tr><th scope="row">${row.label}</th><td class="num">${formatCount(row.count)}</td><td class="num">${formatAmount(row.amount)}</td></tr>`)}
        </tbody>
      </table></div>
    </section>`;
  }
}
