import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { api } from '../api/client.js';
import type { Credit, StaffSession } from '../api/types.js';
import { CruscottoElement, errorAlert, hasRole, loading } from '../support/element.js';
import { creditStatusLabel } from '../support/labels.js';
import { formatAmount, formatDay, formatInstant } from '../support/locale.js';
import { href } from '../support/router.js';
import { creditFields, readCreditForm } from './credit-form.js';

/** One credit of the gestionale; while open, an operator edits it or cancels it with a reason. */
export class CreditPage extends CruscottoElement {
  static override properties = {
    session: { attribute: false },
    creditId: {},
    credit: { state: true },
    error: { state: true },
    actionError: { state: true },
    actionDone: { state: true },
  };

  declare session: StaffSession;
  declare creditId: string;
  declare credit: Credit | undefined;
  declare error: unknown;
  declare actionError: unknown;
  declare actionDone: string;

  constructor() {
    super();
    this.actionDone = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('creditId')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.credit = await api.get<Credit>(`/v1/admin/credits/${encodeURIComponent(this.creditId)}`);
      this.error = undefined;
    } catch (error) {
      this.error = error;
    }
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const values = readCreditForm(event.target as HTMLFormElement);
    if (typeof values === 'string') return void (this.actionError = new Error(values));
    const { serviceCode: _service, debtor, dueDate, ...rest } = values;
    // The tax code stays as it is; an emptied due date is removed.
    const changes = { ...rest, debtor: { taxCode: this.credit!.debtor.taxCode, name: debtor.name }, dueDate: dueDate ?? null };
    await this.act(() => api.patch<Credit>(`/v1/admin/credits/${this.creditId}`, changes), msg('Modifiche salvate.', { id: 'credit.saved' }));
  }

  private async cancel(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    await this.act(() => api.post<Credit>(`/v1/admin/credits/${this.creditId}/cancel`, { reason }), msg('Credito annullato.', { id: 'credit.cancelledDone' }));
  }

  private async act(action: () => Promise<Credit>, done: string): Promise<void> {
    this.actionDone = '';
    try {
      this.credit = await action();
      this.actionError = undefined;
      this.actionDone = done;
    } catch (error) {
      this.actionError = error;
    }
  }

  override render() {
    const credit = this.credit;
    return html`
      <p><a href=${href('crediti')}>← ${msg('Tutti i crediti', { id: 'credit.back' })}</a></p>
      <h1 tabindex="-1">${msg('Credito', { id: 'payment.credit' })} ${credit?.noticeNumber ?? ''}</h1>
      ${errorAlert(this.error)} ${credit ? this.details(credit) : this.error ? nothing : loading()}
    `;
  }

  private details(credit: Credit): TemplateResult {
    const editable = credit.status === 'open' && hasRole(this.session, 'operator');
    return html`
      <div role="status">${this.actionDone ? html`<p class="alert alert-success">${this.actionDone}</p>` : nothing}</div>
      ${errorAlert(this.actionError)}
      <section class="card" aria-labelledby="credit-facts">
        <h2 id="credit-facts">${msg('Dati del credito', { id: 'credit.facts' })}</h2>
        <dl class="facts">
          <dt>${msg('Stato', { id: 'common.status' })}</dt><dd>${creditStatusLabel(credit.status)}</dd>
          <dt>${msg('Servizio', { id: 'common.service' })}</dt><dd>${credit.service.name}</dd>
          <dt>${msg('Codice avviso', { id: 'filter.notice' })}</dt><dd class="mono">${credit.noticeNumber}</dd>
          ${credit.iuv ? html`<dt>IUV</dt><dd class="mono">${credit.iuv}</dd>` : nothing}
          <dt>${msg('Debitore', { id: 'common.debtor' })}</dt><dd>${credit.debtor.name} · <span class="mono">${credit.debtor.taxCode}</span></dd>
          <dt>${msg('Descrizione', { id: 'common.description' })}</dt><dd>${credit.description}</dd>
          <dt>${msg('Importo', { id: 'common.amount' })}</dt><dd>${formatAmount(credit.amount)}</dd>
          <dt>${msg('Scadenza', { id: 'credit.dueDate' })}</dt><dd>${credit.dueDate ? formatDay(credit.dueDate) : '—'}</dd>
          <dt>${msg('Creato', { id: 'transfers.created' })}</dt><dd>${formatInstant(credit.createdAt)}</dd>
          ${credit.paidAt ? html`<dt>${msg('Pagato il', { id: 'credit.paidAt' })}</dt><dd>${formatInstant(credit.paidAt)}</dd>` : nothing}
          ${credit.cancelledAt
            ? html`<dt>${msg('Annullato il', { id: 'credit.cancelledAt' })}</dt><dd>${formatInstant(credit.cancelledAt)} · ${credit.cancelReason ?? ''}</dd>`
            : nothing}
        </dl>
        ${credit.status === 'paid' ? html`<p><a href=${href('pagamenti', { noticeNumber: credit.noticeNumber })}>${msg('Vedi il pagamento', { id: 'credit.payment' })}</a></p>` : nothing}
      </section>
      ${editable
        ? html`<form class="card" @submit=${this.save}>
              <h2>${msg('Modifica', { id: 'credit.edit' })}</h2>
              <div class="form-grid">${creditFields([], credit)}</div>
              <button class="btn btn-primary" type="submit">${msg('Salva le modifiche', { id: 'credit.save' })}</button>
            </form>
            <form class="card" @submit=${this.cancel}>
              <h2>${msg('Annulla il credito', { id: 'credit.cancel' })}</h2>
              <div class="field"><label for="cancel-reason">${msg('Motivo dell’annullamento', { id: 'credit.cancelReason' })}</label><textarea id="cancel-reason" name="reason" required rows="2"></textarea></div>
              <button class="btn btn-danger" type="submit">${msg('Annulla il credito', { id: 'credit.cancel' })}</button>
            </form>`
        : nothing}
    `;
  }
}
