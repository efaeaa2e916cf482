import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { api } from '../api/client.js';
import type { PaymentDetail, Service, StaffSession } from '../api/types.js';
import { services } from '../support/catalog.js';
import { AdminEvents } from '../support/admin-events.js';
import { CruscottoElement, errorAlert, hasRole, loading } from '../support/element.js';
import { fieldValues } from '../support/field-values.js';
import { accountLabel, channelLabel, downloadLink, transferBadge } from '../support/labels.js';
import { formatAmount, formatInstant } from '../support/locale.js';
import { href } from '../support/router.js';

const timelineLabel = (event: string): string =>
  ({
    created: msg('Bonifico creato', { id: 'timeline.created' }),
    sent: msg('Inviato alla banca', { id: 'timeline.sent' }),
    settled: msg('Accreditato alla tesoreria', { id: 'timeline.settled' }),
    rejected: msg('Respinto dalla banca', { id: 'timeline.rejected' }),
    retried: msg('Inviato di nuovo', { id: 'timeline.retried' }),
    resolved: msg('Risolto a mano', { id: 'timeline.resolved' }),
  })[event] ?? event;

/**
 * One payment: its credit, its receipt (downloadable again), its ledger postings and its
 * transfer to the treasury step by step with the CRO/TRN; an operator retries a rejected
 * transfer or records how it was resolved.
 */
export class PaymentPage extends CruscottoElement {
  static override properties = {
    session: { attribute: false },
    paymentId: {},
    payment: { state: true },
    error: { state: true },
    actionError: { state: true },
    actionDone: { state: true },
    services: { state: true },
  };

  declare session: StaffSession;
  declare paymentId: string;
  declare payment: PaymentDetail | undefined;
  declare error: unknown;
  declare actionError: unknown;
  declare actionDone: string;
  declare services: Service[];

  constructor() {
    super();
    this.actionDone = '';
    this.services = [];
  }

  private events: AdminEvents | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('paymentId')) void this.load();
  }

  /** The bank's answer shows up as it comes: the page reads the payment again on each of its transfer's events. */
  override connectedCallback(): void {
    super.connectedCallback();
    services().then((list) => (this.services = list), () => undefined);
    this.events = new AdminEvents(
      ['transfer.settled', 'transfer.failed', 'transfer.retried', 'transfer.resolved'],
      (event) => {
        if ((event.data as { paymentId?: unknown }).paymentId === this.paymentId) void this.load();
      },
      (state) => {
        // What happened before the stream opened is read once it is open.
        if (state === 'open' && this.payment !== undefined) void this.load();
      },
    );
  }

  override disconnectedCallback(): void {
    this.events?.close();
    super.disconnectedCallback();
  }

  private async load(): Promise<void> {
    try {
      this.payment = await api.get<PaymentDetail>(`/v1/admin/payments/${encodeURIComponent(this.paymentId)}`);
      this.error = undefined;
    } catch (error) {
      this.error = error;
    }
  }

  private async retry(): Promise<void> {
    await this.act(() => api.post(`/v1/admin/transfers/${this.payment!.transfer.id}/retry`), msg('Bonifico inviato di nuovo.', { id: 'payment.retried' }));
  }

  private async resolve(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const bankReference = String(form.get('bankReference') ?? '').trim();
    await this.act(
      () => api.post(`/v1/admin/transfers/${this.payment!.transfer.id}/resolution`, { note: String(form.get('note') ?? '').trim(), ...(bankReference && { bankReference }) }),
      msg('Risoluzione registrata.', { id: 'payment.resolved' }),
    );
  }

  private async act(action: () => Promise<unknown>, done: string): Promise<void> {
    this.actionError = undefined;
    this.actionDone = '';
    try {
      await action();
      this.actionDone = done;
      await this.load();
    } catch (error) {
      this.actionError = error;
    }
  }

  override render() {
    const payment = this.payment;
    return html`
      <p><a href=${href('pagamenti')}>← ${msg('Tutti i pagamenti', { id: 'payment.back' })}</a></p>
      <h1 tabindex="-1">${msg('Pagamento', { id: 'payment.heading' })} ${payment ? formatAmount(payment.amount) : ''}</h1>
      ${errorAlert(this.error)} ${payment ? this.details(payment) : this.error ? nothing : loading()}
    `;
  }

  private details(payment: PaymentDetail): TemplateResult {
    const transfer = payment.transfer;
    const receiptUrl = (format: string) => `/v1/admin/payments/${payment.id}/receipt?format=${format}`;
    return html`
      <div class="grid-2">
        <section class="card" aria-labelledby="pay-heading">
          <h2 id="pay-heading">${msg('Pagamento', { id: 'payment.heading' })}</h2>
          <dl class="facts">
            <dt>${msg('Data', { id: 'common.date' })}</dt><dd>${formatInstant(payment.createdAt)}</dd>
            <dt>${msg('Importo', { id: 'common.amount' })}</dt><dd>${formatAmount(payment.amount)}</dd>
            <dt>${msg('Commissione', { id: 'payment.fee' })}</dt><dd>${formatAmount(payment.fee)}</dd>
            <dt>${msg('Canale', { id: 'common.channel' })}</dt><dd>${channelLabel(payment.channel)}${payment.agent ? html` · ${payment.agent.name}` : nothing}</dd>
            <dt>${msg('Identificativo', { id: 'payment.id' })}</dt><dd class="mono">${payment.id}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="credit-heading">
          <h2 id="credit-heading">${msg('Credito', { id: 'payment.credit' })}</h2>
          <dl class="facts">
            <dt>${msg('Servizio', { id: 'common.service' })}</dt><dd>${payment.service.name}</dd>
            <dt>${msg('Codice avviso', { id: 'filter.notice' })}</dt><dd class="mono">${payment.credit.noticeNumber}</dd>
            <dt>${msg('Debitore', { id: 'common.debtor' })}</dt><dd>${payment.credit.debtorName} · <span class="mono">${payment.credit.debtorTaxCode}</span></dd>
            <dt>IUV</dt><dd class="mono">${payment.credit.iuv}</dd>
            <dt>${msg('Descrizione', { id: 'common.description' })}</dt><dd>${payment.credit.description}</dd>
            <dt>${msg('Descrizione per il cittadino', { id: 'credit.publicDescription' })}</dt><dd>${payment.credit.publicDescription}</dd>
            ${payment.credit.unexpected ? html`<dt>${msg('Tipo', { id: 'common.kind' })}</dt><dd>${msg('Credito non atteso', { id: 'payment.unexpected' })}</dd>` : nothing}
            ${fieldValues(payment.credit.fields, payment.service.code, this.services).map(({ label, value }) => html`<dt>${label}</dt><dd>${value}</dd>`)}
          </dl>
          ${payment.credit.unexpected ? nothing : html`<p><a href=${href(`crediti/${payment.credit.id}`)}>${msg('Apri il credito', { id: 'payment.openCredit' })}</a></p>`}
        </section>
      </div>
      <section class="card" aria-labelledby="transfer-heading">
        <h2 id="transfer-heading">${msg('Bonifico alla tesoreria', { id: 'payment.transferHeading' })}</h2>
        ${transfer.status === 'rejected'
          ? html`<p class="alert alert-danger">${msg('La banca ha respinto il bonifico: i soldi non sono arrivati alla tesoreria.', { id: 'payment.rejectedAlert' })}</p>`
          : transfer.stale
            ? html`<p class="alert alert-warning">${msg('Il bonifico è in corso da troppo tempo.', { id: 'payment.staleAlert' })}</p>`
            : nothing}
        <dl class="facts">
          <dt>${msg('Stato', { id: 'common.status' })}</dt><dd>${transferBadge(transfer)}</dd>
          <dt>${msg('CRO/TRN', { id: 'payment.bankReference' })}</dt><dd class="mono bank-reference">${transfer.bankReference ?? msg('non ancora assegnato', { id: 'payment.noBankReference' })}</dd>
          <dt>${msg('Accreditato il', { id: 'payment.settledAt' })}</dt><dd>${formatInstant(transfer.settledAt)}</dd>
          <dt>EndToEndId</dt><dd class="mono">${payment.endToEndId}</dd>
          ${payment.rejectReason ? html`<dt>${msg('Motivo del rifiuto', { id: 'payment.rejectReason' })}</dt><dd>${payment.rejectReason}</dd>` : nothing}
          ${payment.resolution
            ? html`<dt>${msg('Risoluzione', { id: 'payment.resolutionFact' })}</dt>
                <dd>${payment.resolution.note} · ${payment.resolution.resolvedBy} · ${formatInstant(payment.resolution.resolvedAt)}</dd>`
            : nothing}
        </dl>
        <h3>${msg('Cronologia', { id: 'payment.timeline' })}</h3>
        <ol class="timeline">
          ${payment.timeline.map((step) => html`<li><strong>${timelineLabel(step.event)}</strong> · ${formatInstant(step.at)}${step.detail ? html` · <span class="mono">${step.detail}</span>` : nothing}</li>`)}
        </ol>
        <div role="status">${this.actionDone ? html`<p class="alert alert-success">${this.actionDone}</p>` : nothing}</div>
        ${hasRole(this.session, 'operator') && transfer.status === 'rejected' ? this.actions() : nothing}
      </section>
      <div class="grid-2">
        <section class="card" aria-labelledby="receipt-heading">
          <h2 id="receipt-heading">${msg('Ricevuta', { id: 'payment.receipt' })}</h2>
          <dl class="facts">
            <dt>${msg('Numero', { id: 'payment.receiptNumber' })}</dt><dd class="mono">${payment.receipt.number}</dd>
            <dt>${msg('Codice di verifica', { id: 'payment.verificationCode' })}</dt><dd class="mono">${payment.receipt.verificationCode}</dd>
          </dl>
          <p class="actions">
            ${downloadLink(receiptUrl('pdf'), msg('Scarica la ricevuta (PDF)', { id: 'payment.receiptPdf' }))}
            <a class="btn btn-outline" href=${`/verifica/${encodeURIComponent(payment.receipt.verificationCode)}`} target="_blank" rel="noopener"
              >${msg('Pagina di verifica del cittadino', { id: 'payment.verifyPage' })}<span class="visually-hidden"> (${msg('si apre in una nuova scheda', { id: 'common.newTab' })})</span></a
            >
          </p>
        </section>
        <section class="card" aria-labelledby="postings-heading">
          <h2 id="postings-heading">${msg('Scritture contabili', { id: 'payment.postings' })}</h2>
          <div class="table-scroll" tabindex="0"><table class="table">
            <caption class="visually-hidden">${msg('Scritture contabili', { id: 'payment.postings' })}</caption>
            <thead><tr><th scope="col">${msg('Conto', { id: 'payment.account' })}</th><th scope="col" class="num">${msg('Importo', { id: 'common.amount' })}</th><th scope="col">${msg('Data', { id: 'common.date' })}</th></tr></thead>
            <tbody>
              ${payment.postings.map((posting) => html`<tr><td>${accountLabel(posting.accountKind)}<br /><span class="muted mono">${posting.accountId}</span></td><td class="num">${formatAmount(posting.amount)}</td><td>${formatInstant(posting.createdAt)}</td></tr>`)}
            </tbody>
          </table></div>
        </section>
      </div>
    `;
  }

  /** A rejected transfer: send it again, or record how it was settled by other means. */
  private actions(): TemplateResult {
    return html`<div class="operator-actions">
      ${errorAlert(this.actionError)}
      <p><button class="btn btn-primary" type="button" @click=${() => this.retry()}>${msg('Invia di nuovo il bonifico', { id: 'payment.retry' })}</button></p>
      <form @submit=${this.resolve} class="inline-form">
        <fieldset>
          <legend>${msg('Registra la risoluzione manuale', { id: 'payment.resolution' })}</legend>
          <div class="field"><label for="res-note">${msg('Nota (come è stato risolto)', { id: 'payment.resolutionNote' })}</label><textarea id="res-note" name="note" required rows="2"></textarea></div>
          <div class="field"><label for="res-cro">${msg('CRO/TRN, se noto', { id: 'payment.resolutionReference' })}</label><input id="res-cro" name="bankReference" /></div>
          <button class="btn btn-outline" type="submit">${msg('Registra', { id: 'common.register' })}</button>
        </fieldset>
      </form>
    </div>`;
  }
}
