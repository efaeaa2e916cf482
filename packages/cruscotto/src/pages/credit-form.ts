import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import type { Credit, Service } from '../api/types.js';
import { euroInput, parseEuro } from '../support/locale.js';

/** What the credit form sends: a new credit's body, or (without service and tax code) an edit. */
export interface CreditFormValues {
  serviceCode: string;
  debtor: { taxCode: string; name: string };
  description: string;
  publicDescription?: string;
  amount: number;
  dueDate?: string;
}

/** The form's values, or the message to show when the amount is not an amount. */
export function readCreditForm(form: HTMLFormElement): CreditFormValues | string {
  const data = new FormData(form);
  const text = (key: string) => String(data.get(key) ?? '').trim();
  const amount = parseEuro(text('amount'));
  if (amount === undefined || amount === 0) return msg('Scrivi l’importo in euro, per esempio 12,50.', { id: 'credit.amountInvalid' });
  return {
    serviceCode: text('serviceCode'),
    debtor: { taxCode: text('taxCode').toUpperCase(), name: text('name') },
    description: text('description'),
    ...(text('publicDescription') && { publicDescription: text('publicDescription') }),
    amount,
    ...(text('dueDate') && { dueDate: text('dueDate') }),
  };
}

/** The fields of a credit, empty for a new one or filled for an edit (where service and tax code stay). */
export function creditFields(services: Service[], credit?: Credit) {
  return html`
    ${credit
      ? nothing
      : html`<div class="field">
            <label for="c-service">${msg('Servizio', { id: 'common.service' })}</label>
            <select id="c-service" name="serviceCode" required>
              ${services.map((service) => html`<option value=${service.code}>${service.name}</option>`)}
            </select>
          </div>
          <div class="field"><label for="c-tax">${msg('Codice fiscale del debitore', { id: 'credit.taxCode' })}</label><input id="c-tax" name="taxCode" required autocapitalize="characters" /></div>`}
    <div class="field"><label for="c-name">${msg('Nome del debitore', { id: 'credit.name' })}</label><input id="c-name" name="name" required .value=${credit?.debtor.name ?? ''} /></div>
    <div class="field"><label for="c-description">${msg('Descrizione (interna)', { id: 'credit.description' })}</label><input id="c-description" name="description" required .value=${credit?.description ?? ''} /></div>
    <div class="field"><label for="c-public">${msg('Descrizione per il cittadino', { id: 'credit.publicDescription' })}</label><input id="c-public" name="publicDescription" .value=${credit?.publicDescription ?? ''} /></div>
    <div class="field"><label for="c-amount">${msg('Importo (€)', { id: 'credit.amount' })}</label><input id="c-amount" name="amount" required inputmode="decimal" .value=${credit ? euroInput(credit.amount) : ''} /></div>
    <div class="field"><label for="c-due">${msg('Scadenza', { id: 'credit.dueDate' })}</label><input id="c-due" name="dueDate" type="date" .value=${credit?.dueDate ?? ''} /></div>
  `;
}
