import { msg } from '@lit/localize';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { html, type PropertyValues } from 'lit';
import type { Overview } from '../api/types.js';
import { CruscottoElement } from '../support/element.js';
import { formatAmount, formatCount, formatDay } from '../support/locale.js';

// Only what a bar chart needs, so the rest of chart.js stays out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/**
 * The last 30 days' totals as bars (chart.js), with the same figures in a table for screen
 * readers and for anyone who prefers numbers: the canvas is an image described by its caption.
 */
export class DailyChart extends CruscottoElement {
  static override properties = { days: { attribute: false } };
  declare days: Overview['daily'];
  private chart: Chart<'bar'> | undefined;

  constructor() {
    super();
    this.days = [];
  }

  override disconnectedCallback(): void {
    this.chart?.destroy();
    this.chart = undefined;
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const canvas = this.querySelector('canvas');
    if (!canvas) return;
    this.chart?.destroy();
    this.chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: this.days.map((day) => formatDay(day.date)),
        datasets: [{ label: msg('Incassato', { id: 'overview.collected' }), data: this.days.map((day) => day.amount / 100), backgroundColor: '#0066cc' }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { tooltip: { callbacks: { label: (item) => formatAmount(Math.round(Number(item.raw) * 100)) } } },
        scales: { y: { beginAtZero: true, ticks: { callback: (value) => formatAmount(Number(value) * 100) } } },
      },
    });
  }

  override render() {
    const total = this.days.reduce((sum, day) => sum + day.amount, 0);
    const summary = msg('Incassi giornalieri degli ultimi 30 giorni; i valori sono nella tabella che segue.', { id: 'overview.chartAlt' });
    return html`
      <div class="chart-box">
        <canvas role="img" aria-label=${summary}></canvas>
      </div>
      <details>
        <summary>${msg('Mostra i dati del grafico in tabella', { id: 'overview.chartTable' })}</summary>
        <table class="table">
          <caption>${msg('Incassi per giorno, ultimi 30 giorni', { id: 'overview.dailyCaption' })}: ${formatAmount(total)}</caption>
          <thead>
            <tr>
              <th scope="col">${msg('Giorno', { id: 'common.day' })}</th>
              <th scope="col" class="num">${msg('Pagamenti', { id: 'common.payments' })}</th>
              <th scope="col" class="num">${msg('Importo', { id: 'common.amount' })}</th>
            </tr>
          </thead>
          <tbody>
            ${this.days.map(
              (day) => html`<tr><th scope="row">${formatDay(day.date)}</th><td class="num">${formatCount(day.count)}</td><td class="num">${formatAmount(day.amount)}</td></tr>`,
            )}
          </tbody>
        </table>
      </details>
    `;
  }
}
