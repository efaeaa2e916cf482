import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { api } from '../api/client.js';
import type { List, PaymentSummary, StaffSession } from '../api/types.js';
import { CruscottoElement, errorAlert, loading } from '../support/element.js';
import { channelLabel, downloadLink, transferBadge } from '../support/labels.js';
import { formatAmount, formatCount, formatInstant } from '../support/locale.js';
import { href, navigate } from '../support/router.js';

/**
 * A citizen on the phone: one box for the notice number, tax code, receipt number or verification
 * code; each payment found with what the citizen has in hand (the receipt) and the receipt again.
 */
export class SupportPage extends CruscottoElement {
  static override properties = {
    session: { attribute: false },
    query: { attribute: false },
    results: { state: true },
    error: { state: true },
    receipts: { state: true },
  };

  declare session: StaffSession;
  declare query: URLSearchParams;
  declare results: PaymentSummary[] | undefined;
  declare error: unknown;
  /** The receipts shown as printed, by payment id. */
  declare receipts: Map<string, string>;

  constructor() {
    super();
    this.query = new URLSearchParams();
    this.receipts = new Map();
  }

  private get q(): string {
    return this.query.get('q') ?? '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) void this.search();
  }

  private async search(): Promise<void> {
    this.results = undefined;
    this.error = undefined;
    if (!this.q) return;
    try {
      this.results = (await api.get<List<PaymentSummary>>('/v1/admin/search', { q: this.q })).data;
    } catch (error) {
      this.error = error;
    }
  }

  private async showReceipt(payment: PaymentSummary): Promise<void> {
    try {
      const text = await api.text(`/v1/admin/payments/${payment.id}/receipt?format=text80`);
      this.receipts = new Map(this.receipts).set(payment.id, text);
    } catch (error) {
      this.error = error;
    }
  }

  override render() {
    const count = formatCount(this.results?.length ?? 0);
    return html`
      <h1 tabindex="-1">${msg('Assistenza al cittadino', { id: 'support.heading' })}</h1>
      <form class="card search-box" role="search" @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        navigate('assistenza', { q: String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim() });
      }}>
        <label for="support-q">${msg('Codice avviso, codice fiscale, numero di ricevuta o codice di verifica', { id: 'support.label' })}</label>
        <div class="search-row">
          <input id="support-q" name="q" type="search" required .value=${this.q} autocomplete="off" />
          <button class="btn btn-primary" type="submit">${msg('Cerca', { id: 'common.search' })}</button>
        </div>
      </form>
      ${errorAlert(this.error)}
      <div role="status">
        ${this.results ? html`<p>${this.results.length ? msg(str`Pagamenti trovati: ${count}.`, { id: 'support.found' }) : msg('Nessun pagamento trovato: controlla il codice con il cittadino.', { id: 'support.none' })}</p>` : nothing}
      </div>
      ${this.q && !this.results && !this.error ? loading() : nothing}
      ${this.results?.map((payment) => this.result(payment))}
    `;
  }

  private result(payment: PaymentSummary): TemplateResult {
    const receipt = this.receipts.get(payment.id);
    return html`<article class="card" aria-labelledby=${`r-${payment.id}`}>
      <h2 id=${`r-${payment.id}`}>${payment.service.name} · ${formatAmount(payment.amount)}</h2>
      <dl class="facts">
        <dt>${msg('Pagato il', { id: 'credit.paidAt' })}</dt><dd>${formatInstant(payment.createdAt)} · ${payment.agent?.name ?? channelLabel(payment.channel)}</dd>
        <dt>${msg('Codice avviso', { id: 'filter.notice' })}</dt><dd class="mono">${payment.credit.noticeNumber}</dd>
        <dt>${msg('Debitore', { id: 'common.debtor' })}</dt><dd>${payment.credit.debtorName} · <span class="mono">${payment.credit.debtorTaxCode}</span></dd>
        <dt>${msg('Ricevuta', { id: 'payment.receipt' })}</dt><dd class="mono">${payment.receipt.number} · ${payment.receipt.verificationCode}</dd>
        <dt>${msg('Bonifico', { id: 'payments.transfer' })}</dt><dd>${transferBadge(payment.transfer)} <span class="mono">${payment.transfer.bankReference ?? ''}</span></dd>
      </dl>
      <p class="actions">
        <button class="btn btn-outline" type="button" @click=${() => this.showReceipt(payment)}>${msg('Mostra la ricevuta come l’ha il cittadino', { id: 'support.showReceipt' })}</button>
        ${downloadLink(`/v1/admin/payments/${payment.id}/receipt?format=pdf`, msg('Scarica la ricevuta (PDF)', { id: 'payment.receiptPdf' }))}
        <a class="btn btn-outline" href=${href(`pagamenti/${payment.id}`)}>${msg('Dettaglio del pagamento', { id: 'support.detail' })}</a>
      </p>
      ${receipt ? html`<h3>${msg('La ricevuta stampata', { id: 'support.printed' })}</h3><pre class="receipt">${receipt}</pre>` : nothing}
    </article>`;
  }
}
