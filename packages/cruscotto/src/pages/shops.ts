import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { api } from '../api/client.js';
import type { List, Shop } from '../api/types.js';
import { CruscottoElement, errorAlert, loading } from '../support/element.js';
import { formatAmount, formatCount, formatInstant } from '../support/locale.js';
import { href } from '../support/router.js';

/** The comune's Pay-Box shops with today's and this month's takings (read-only: the platform manages floats). */
export class ShopsPage extends CruscottoElement {
  static override properties = { shops: { state: true }, error: { state: true } };
  declare shops: Shop[] | undefined;
  declare error: unknown;

  override connectedCallback(): void {
    super.connectedCallback();
    api.get<List<Shop>>('/v1/admin/agents').then(
      (list) => (this.shops = list.data),
      (error: unknown) => (this.error = error),
    );
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('Negozi', { id: 'nav.shops' })}</h1>
      ${errorAlert(this.error)}
      ${this.shops
        ? html`<div class="table-scroll" tabindex="0"><table class="table">
            <thead>
              <tr>
                <th scope="col">${msg('Negozio', { id: 'common.shop' })}</th>
                <th scope="col" class="num">${msg('Oggi', { id: 'overview.today' })}</th>
                <th scope="col" class="num">${msg('Questo mese', { id: 'overview.month' })}</th>
                <th scope="col">${msg('Ultimo pagamento', { id: 'shops.last' })}</th>
              </tr>
            </thead>
            <tbody>
              ${this.shops.map(
                (shop) => html`<tr>
                  <th scope="row"><a href=${href('pagamenti', { agentId: shop.id })}>${shop.name}</a><br /><span class="muted">${shop.address}</span></th>
                  <td class="num">${formatAmount(shop.today.amount)} (${formatCount(shop.today.count)})</td>
                  <td class="num">${formatAmount(shop.month.amount)} (${formatCount(shop.month.count)})</td>
                  <td>${formatInstant(shop.lastPaymentAt)}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>`
        : this.error
          ? nothing
          : loading()}
    `;
  }
}
