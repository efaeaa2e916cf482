import { msg, str } from '@lit/localize';
import { expectedAmount, isPayBoxError, validateFields, type FieldDefinition, type FieldValues, type Service } from '@pay-box/sdk';
import { html, nothing, type PropertyDeclarations } from 'lit';
import { formatAmount, localized } from '../support/locale.js';
import { PayBoxElement } from '../support/paybox-element.js';
import { fieldProblemMessage } from './field-messages.js';
import { pageWithoutReturnParameter } from './payment.js';

/** Who pays, asked like the service's own fields: the credit is in their name. */
const debtorFields: FieldDefinition[] = [
  { name: 'debtorName', label: { it: 'Nome e cognome di chi paga', en: 'Full name of the payer' }, type: 'text', required: true, maxLength: 120 },
  {
    name: 'debtorTaxCode',
    label: { it: 'Codice fiscale di chi paga', en: 'Tax code of the payer' },
    hint: { it: '16 caratteri, o 11 cifre per un’impresa', en: '16 characters, or 11 digits for a company' },
    type: 'text',
    required: true,
    maxLength: 16,
    pattern: '[A-Za-z0-9]{16}|[0-9]{11}',
  },
];

/** Where the server says a field is wrong (`unexpectedCredit.fields.plate`, `unexpectedCredit.debtor.taxCode`): the form's field. */
const fieldOfPath = (path: string): string => path.replace(/^unexpectedCredit\.fields\./, '').replace(/^unexpectedCredit\.debtor\.(\w)/, (_, first: string) => `debtor${first.toUpperCase()}`);

/** Today in Rome as YYYY-MM-DD: the `max` of date fields that may not be in the future. */
const todayInRome = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

/**
 * The form for a credit the comune does not know yet (a fine paid from its pre-notice, a market
 * stall fee), built from the service's field definitions, checked with the server's own rules
 * (`validateFields`) and priced by the service's amount rule (`expectedAmount`).
 *
 * Once the form is valid it shows the amount and pays it by card like any credit: a checkout session
 * for the unexpected credit, then the acquirer's page; the credit is opened and closed when the card
 * is authorised. Back on the page, `<paybox-checkout>` shows the receipt.
 *
 * @fires paybox-unexpected-credit-ready - `{ serviceCode, fields, amount }`: the form is valid.
 * @fires paybox-ready - the service's form is built.
 * @fires paybox-error - the services could not be loaded; the message is shown too.
 * @csspart form - the form
 * @csspart field - a label, its hint, its input and its error
 * @csspart label - a field's label
 * @csspart hint - a field's hint
 * @csspart input - an input or select
 * @csspart field-error - what is wrong with one field
 * @csspart summary - the amount the rule computes
 * @csspart button - a button
 * @csspart error - the live region that announces what went wrong
 *
 * @tagname paybox-unexpected-credit
 */
export class PayBoxUnexpectedCredit extends PayBoxElement {
  protected readonly elementName = 'paybox-unexpected-credit';
  static override properties: PropertyDeclarations = {
    service: {},
    definition: { state: true },
    values: { state: true },
    fieldErrors: { state: true },
    readyAmount: { state: true },
    busy: { state: true },
    returnUrl: { attribute: 'return-url' },
  };

  /** The service's code: `MULTA`, `MERCATO`. */
  declare service: string;

  private declare definition: Service | null;
  private declare values: FieldValues;
  private declare fieldErrors: Record<string, string>;
  private declare readyAmount: number | null;
  private declare busy: boolean;
  /** Where the card page sends the citizen back: this page by default. */
  declare returnUrl: string | undefined;

  constructor() {
    super();
    this.service = '';
    this.definition = null;
    this.values = {};
    this.fieldErrors = {};
    this.readyAmount = null;
    this.busy = false;
  }

  protected override firstUpdated(): void {
    void this.loadService();
  }

  private async loadService(): Promise<void> {
    try {
      const { data } = await this.payBox.services.list();
      // A range rule lets the payer choose the amount: that is for the shop's counter, not this form.
      const found = data.find((service) => service.code === this.service && service.acceptsUnexpectedCredits && service.amountRule?.type !== 'range');
      if (!found) {
        this.errorMessage = msg('Questo servizio non accetta pagamenti di importi non ancora emessi.', { id: 'unexpected.noService' });
        return;
      }
      this.definition = found;
      this.ready();
    } catch (error) {
      this.fail(error);
    }
  }

  /** The values of the given fields only: the service's, or the payer's. */
  private valuesOf(fields: FieldDefinition[]): FieldValues {
    return Object.fromEntries(fields.filter((field) => this.values[field.name] !== undefined).map((field) => [field.name, this.values[field.name]!]));
  }

  /** The amount the rule sets for the values as they stand, or null while they are not valid yet. */
  private get amount(): number | null {
    const service = this.definition;
    if (!service?.fields || !service.amountRule) return null;
    const { values, issues } = validateFields(service.fields, this.valuesOf(service.fields));
    return issues.length ? null : expectedAmount(service.amountRule, values);
  }

  override render() {
    const service = this.definition;
    const amount = this.amount;
    return html`
      ${service
        ? html`<form part="form" novalidate @submit=${this.submit} @input=${this.edit} @change=${this.edit}>
            <h2>${service.name}</h2>
            <p class="hint">${service.description}</p>
            ${(service.fields ?? []).map((field) => this.field(field))} ${debtorFields.map((field) => this.field(field))}
            <p part="summary" class="card total" aria-live="polite">
              ${amount === null
                ? msg('L’importo appare quando i dati sono completi.', { id: 'unexpected.amountPending' })
                : msg(str`Importo da pagare: ${formatAmount(amount, this.language)}`, { id: 'unexpected.amount' })}
            </p>
            <div class="actions"><button part="button" type="submit">${msg('Continua', { id: 'unexpected.continue' })}</button></div>
          </form>`
        : nothing}
      <p part="error" class="error" role="alert">${this.errorMessage}</p>
      ${this.readyAmount === null
        ? nothing
        : html`<div part="summary" class="card">
            <p role="status">
              ${msg(str`Dati completi: importo ${formatAmount(this.readyAmount, this.language)}, più la commissione del pagamento con carta.`, { id: 'unexpected.ready' })}
            </p>
            <div class="actions">
              <button part="button" type="button" ?disabled=${this.busy} @click=${this.payByCard}>${msg('Paga con carta', { id: 'payment.card' })}</button>
            </div>
            <p class="hint">${msg('Puoi pagarlo anche in contanti in un punto Pay-Box, con gli stessi dati.', { id: 'unexpected.cash' })}</p>
          </div>`}
    `;
  }

  private field(field: FieldDefinition) {
    const id = `field-${field.name}`;
    const error = this.fieldErrors[field.name];
    const describedBy = [field.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
    const value = String(this.values[field.name] ?? '');
    const common = { id, name: field.name, invalid: error ? 'true' : 'false' };
    return html`<div part="field" class="field">
      <label part="label" for=${id}>${localized(field.label, this.language)}${field.required ? '' : html` <span class="hint">(${msg('facoltativo', { id: 'field.optional' })})</span>`}</label>
      ${field.hint ? html`<p part="hint" class="hint" id="${id}-hint">${localized(field.hint, this.language)}</p>` : nothing}
      ${field.type === 'select'
        ? html`<select part="input" id=${common.id} name=${common.name} ?required=${field.required} aria-invalid=${common.invalid} aria-describedby=${describedBy}>
            <option value="" ?selected=${value === ''}>${msg('Scegli…', { id: 'field.choose' })}</option>
            ${(field.options ?? []).map((option) => html`<option value=${option.value} ?selected=${value === option.value}>${localized(option.label, this.language)}</option>`)}
          </select>`
        : html`<input
            part="input"
            id=${common.id}
            name=${common.name}
            type=${field.type === 'date' ? 'date' : 'text'}
            inputmode=${field.type === 'integer' ? 'numeric' : field.type === 'decimal' ? 'decimal' : nothing}
            max=${field.type === 'date' && field.notAfterToday ? todayInRome() : nothing}
            maxlength=${field.maxLength ?? nothing}
            autocomplete="off"
            ?required=${field.required}
            aria-invalid=${common.invalid}
            aria-describedby=${describedBy}
            .value=${value}
          />`}
      <p part="field-error" class="error" id="${id}-error">${error ?? ''}</p>
    </div>`;
  }

  private edit(event: Event): void {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    if (!target.name) return;
    this.values = { ...this.values, [target.name]: target.value };
    this.readyAmount = null;
    if (this.fieldErrors[target.name]) this.fieldErrors = Object.fromEntries(Object.entries(this.fieldErrors).filter(([name]) => name !== target.name));
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const service = this.definition;
    if (!service?.fields || !service.amountRule) return;
    const checked = validateFields(service.fields, this.valuesOf(service.fields));
    const payer = validateFields(debtorFields, this.valuesOf(debtorFields));
    const wrong = new Set([...checked.issues, ...payer.issues].map((issue) => issue.path.replace(/^fields\./, '')));
    const amount = wrong.size ? null : expectedAmount(service.amountRule, checked.values);
    if (amount === null) return this.markWrong(wrong);
    this.errorMessage = '';
    this.readyAmount = amount;
    this.emit('paybox-unexpected-credit-ready', { serviceCode: service.code, fields: checked.values, amount });
  }

  /** Marks the fields named wrong, says how many, and takes the focus to the first. */
  private async markWrong(wrong: Set<string>): Promise<void> {
    const fields = [...(this.definition?.fields ?? []), ...debtorFields];
    this.fieldErrors = Object.fromEntries(fields.filter((field) => wrong.has(field.name)).map((field) => [field.name, fieldProblemMessage(field, String(this.values[field.name] ?? '').trim() === '')]));
    this.errorMessage = wrong.size === 1 ? msg('Correggi il campo segnalato.', { id: 'unexpected.fixOne' }) : msg(str`Correggi i ${wrong.size} campi segnalati.`, { id: 'unexpected.fixMany' });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  /** A checkout session for the credit as entered, then the acquirer's page: a full-page redirect, never an iframe. */
  private async payByCard(): Promise<void> {
    const service = this.definition;
    if (!service?.fields || this.readyAmount === null) return;
    this.busy = true;
    this.errorMessage = '';
    try {
      const payer = this.valuesOf(debtorFields);
      const session = await this.payBox.checkoutSessions.create({
        unexpectedCredit: {
          serviceCode: service.code,
          debtor: { taxCode: String(payer.debtorTaxCode).trim().toUpperCase(), name: String(payer.debtorName).trim() },
          fields: validateFields(service.fields, this.valuesOf(service.fields)).values,
        },
        amount: this.readyAmount,
        returnUrl: this.returnUrl ?? pageWithoutReturnParameter(),
        locale: this.language,
      });
      location.assign(session.url);
    } catch (error) {
      this.busy = false;
      // The server checks again (a tax code's check digits, today's date): what it refuses is marked like the form's own checks.
      if (isPayBoxError(error) && error.code === 'validation_failed' && Array.isArray(error.details) && error.details.length > 0) {
        this.readyAmount = null;
        return this.markWrong(new Set(error.details.map((issue) => fieldOfPath(issue.path))));
      }
      this.fail(error);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'paybox-unexpected-credit': PayBoxUnexpectedCredit;
  }
}
