import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { api } from '../api/client.js';
import type { Page, StaffSession, TransferRow } from '../api/types.js';
import { CruscottoElement, errorAlert, loading } from '../support/element.js';
import { transferBadge, transferStatusLabel } from '../support/labels.js';
import { formatAmount, formatInstant } from '../support/locale.js';
import { pager } from '../support/pager.js';
import { href } from '../support/router.js';

const statuses = ['rejected', 'stale', 'pending', 'resolved'] as const;

/** Transfers to the treasury that still need an eye: in progress, in progress too long, rejected. */
export class TransfersPage extends CruscottoElement {
  static override properties = { session: { attribute: false }, query: { attribute: false }, page: { state: true }, error: { state: true } };
  declare session: StaffSession;
  declare query: URLSearchParams;
  declare page: Page<TransferRow> | undefined;
  declare error: unknown;

  constructor() {
    super();
    this.query = new URLSearchParams();
  }

  private get status(): string {
    return this.query.get('status') ?? 'rejected';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) void this.load();
  }

  private async load(): Promise<void> {
    this.page = undefined;
    try {
      this.page = await api.get<Page<TransferRow>>('/v1/admin/transfers', { status: this.status, cursor: this.query.get('cursor') });
      this.error = undefined;
    } catch (error) {
      this.error = error;
    }
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('Bonifici alla tesoreria', { id: 'overview.transfers' })}</h1>
      <nav class="tabs" aria-label=${msg('Stato dei bonifici', { id: 'transfers.tabs' })}>
        ${statuses.map((status) => html`<a href=${href('bonifici', { status })} aria-current=${status === this.status ? 'page' : 'false'}>${transferStatusLabel(status)}</a>`)}
      </nav>
      ${errorAlert(this.error)}
      ${this.page ? this.table(this.page) : this.error ? nothing : loading()}
    `;
  }

  private table(page: Page<TransferRow>) {
    if (page.data.length === 0) return html`<p role="status">${msg('Nessun bonifico in questo stato.', { id: 'transfers.none' })}</p>`;
    return html`<div class="table-scroll" tabindex="0"><table class="table">
        <thead>
          <tr>
            <th scope="col">${msg('Creato', { id: 'transfers.created' })}</th>
            <th scope="col" class="num">${msg('Importo', { id: 'common.amount' })}</th>
            <th scope="col">${msg('Stato', { id: 'common.status' })}</th>
            <th scope="col">${msg('CRO/TRN', { id: 'payment.bankReference' })}</th>
            <th scope="col">${msg('Pagamento', { id: 'payment.heading' })}</th>
          </tr>
        </thead>
        <tbody>
          ${page.data.map(
            (row) => html`<tr class=${row.status === 'rejected' || row.stale ? 'row-alert' : ''}>
              <td>${formatInstant(row.createdAt)}</td>
              <td class="num">${formatAmount(row.amount)}</td>
              <td>${transferBadge(row)}${row.rejectReason ? html`<br /><span class="muted">${row.rejectReason}</span>` : nothing}</td>
              <td class="mono">${row.bankReference ?? row.resolution?.bankReference ?? '—'}</td>
              <td><a href=${href(`pagamenti/${row.payment.id}`)}>${row.payment.service.name} · ${row.payment.credit.noticeNumber}</a></td>
            </tr>`,
          )}
        </tbody>
      </table></div>
      ${pager('bonifici', this.query, page.nextCursor)}`;
  }
}
