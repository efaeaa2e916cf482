import { msg } from '@lit/localize';
import { html } from 'lit';
import { formatAmount, type WidgetLocale } from './locale.js';

/** Amount, fee and total as rows of a `<dl>`: what is owed, what the channel adds, what the citizen pays. */
export function amountFacts(money: { amount: number; fee: number; total: number }, locale: WidgetLocale, totalLabel: string) {
  return html`<dt>${msg('Importo', { id: 'credit.amount' })}</dt>
    <dd>${formatAmount(money.amount, locale)}</dd>
    <dt>${msg('Commissione', { id: 'payment.fee' })}</dt>
    <dd>${formatAmount(money.fee, locale)}</dd>
    <dt class="total">${totalLabel}</dt>
    <dd class="total">${formatAmount(money.total, locale)}</dd>`;
}
