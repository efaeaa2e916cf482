import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { api, withQuery } from '../api/client.js';
import type { DailyClosing, StaffSession } from '../api/types.js';
import { CruscottoElement, errorAlert, loading } from '../support/element.js';
import { channelLabel, downloadLink, transferStatusLabel } from '../support/labels.js';
import { formatAmount, formatCount, formatDay, formatDifference, formatInstant, romeToday } from '../support/locale.js';
import { href, navigate } from '../support/router.js';

const money = (cents: number | null) => (cents === null ? '—' : formatAmount(cents));

/** A day's payments, transfers and statement entries side by side, with totals and differences; CSV and PDF for the records. */
export class DailyClosingPage extends CruscottoElement {
  static override properties = { session: { attribute: false }, query: { attribute: false }, closing: { state: true }, error: { state: true } };
  declare session: StaffSession;
  declare query: URLSearchParams;
  declare closing: DailyClosing | undefined;
  declare error: unknown;

  constructor() {
    super();
    this.query = new URLSearchParams();
  }

  private get date(): string {
    return this.query.get('date') ?? romeToday();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) void this.load();
  }

  private async load(): Promise<void> {
    this.closing = undefined;
    try {
      this.closing = await api.get<DailyClosing>('/v1/admin/daily-closing', { date: this.date, format: 'json' });
      this.error = undefined;
    } catch (error) {
      this.error = error;
    }
  }

  override render() {
    const file = (format: string) => withQuery('/v1/admin/daily-closing', { date: this.date, format });
    return html`
      <h1 tabindex="-1">${msg('Chiusura giornaliera', { id: 'nav.closing' })}</h1>
      <form class="card filters" @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        navigate('chiusura', { date: String(new FormData(event.target as HTMLFormElement).get('date') ?? '') });
      }}>
        <div class="field"><label for="closing-date">${msg('Giorno', { id: 'common.day' })}</label><input id="closing-date" name="date" type="date" required .value=${this.date} /></div>
        <div class="actions">
          <button class="btn btn-primary" type="submit">${msg('Mostra', { id: 'closing.show' })}</button>
          ${downloadLink(file('csv'), msg('Scarica CSV', { id: 'closing.csv' }))} ${downloadLink(file('pdf'), msg('Scarica PDF', { id: 'closing.pdf' }))}
        </div>
      </form>
      ${errorAlert(this.error)} ${this.closing ? this.view(this.closing) : this.error ? nothing : loading()}
    `;
  }

  private view(closing: DailyClosing): TemplateResult {
    const { totals } = closing;
    const differences = totals.differences;
    return html`
      <h2>${formatDay(closing.date, 'medium')}</h2>
      <ul class="tiles">
        <li class="tile"><h3>${msg('Pagamenti', { id: 'common.payments' })}</h3><p class="tile-amount">${formatAmount(totals.payments.amount)}</p><p>${formatCount(totals.payments.count)}</p></li>
        <li class="tile"><h3>${msg('Bonifici', { id: 'nav.transfers' })}</h3><p class="tile-amount">${formatAmount(totals.transfers.amount)}</p><p>${formatCount(totals.transfers.count)}</p></li>
        <li class="tile"><h3>${msg('Movimenti dell’estratto', { id: 'closing.entries' })}</h3><p class="tile-amount">${formatAmount(totals.statementEntries.amount)}</p><p>${formatCount(totals.statementEntries.count)}</p></li>
        <li class="tile ${differences.statementMinusTransfers || differences.transfersMinusPayments || differences.notReconciled ? 'tile-alert' : ''}">
          <h3>${msg('Differenze', { id: 'closing.differences' })}</h3>
          <p>${msg('Bonifici − pagamenti', { id: 'closing.transfersMinusPayments' })}: ${formatDifference(differences.transfersMinusPayments)}</p>
          <p>${msg('Estratto − bonifici', { id: 'closing.statementMinusTransfers' })}: ${formatDifference(differences.statementMinusTransfers)}</p>
          <p>${msg('Non riconciliati', { id: 'closing.notReconciled' })}: ${formatCount(differences.notReconciled)}</p>
        </li>
      </ul>
      <div class="table-scroll" tabindex="0"><table class="table">
        <caption>${msg('Pagamenti, bonifici e movimenti del giorno', { id: 'closing.caption' })}</caption>
        <thead>
          <tr>
            <th scope="col">${msg('Pagamento', { id: 'payment.heading' })}</th>
            <th scope="col" class="num">${msg('Importo', { id: 'common.amount' })}</th>
            <th scope="col">${msg('Bonifico', { id: 'payments.transfer' })}</th>
            <th scope="col" class="num">${msg('Estratto', { id: 'reconciliation.entry' })}</th>
            <th scope="col" class="num">${msg('Differenza', { id: 'reconciliation.difference' })}</th>
          </tr>
        </thead>
        <tbody>
          ${closing.lines.map(
            (line) => html`<tr class=${line.difference ? 'row-alert' : ''}>
              <td>${line.paymentId ? html`<a href=${href(`pagamenti/${line.paymentId}`)}>${formatInstant(line.paidAt)}</a> · ${line.serviceCode ?? ''} · ${line.channel ? channelLabel(line.channel) : ''}` : msg('Movimento senza pagamento', { id: 'closing.noPayment' })}</td>
              <td class="num">${money(line.paymentAmount)}</td>
              <td>${line.transferStatus ? transferStatusLabel(line.transferStatus) : '—'} <span class="mono">${line.bankReference ?? ''}</span></td>
              <td class="num">${money(line.entryAmount)}</td>
              <td class="num">${formatDifference(line.difference)}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>
    `;
  }
}
