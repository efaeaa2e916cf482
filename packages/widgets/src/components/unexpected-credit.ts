import { msg, str } from '@lit/localize';
import { expectedAmount, validateFields, type FieldDefinition, type FieldValues, type Service } from '@pay-box/sdk';
import { html, nothing, type PropertyDeclarations } from 'lit';
import { formatAmount, localized } from '../support/locale.js';
import { PayBoxElement } from '../support/paybox-element.js';
import { fieldProblemMessage } from './field-messages.js';

/** Today in Rome as YYYY-MM-DD: the `max` of date fields that may not be in the future. */
const todayInRome = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

/**
 * The form for a credit the comune does not know yet (a fine paid from its pre-notice, a market
 * stall fee), built from the service's field definitions, checked with the server's own rules
 * (`validateFields`) and priced by the service's amount rule (`expectedAmount`).
 *
 * Paying it on the web needs a server endpoint that does not exist yet: the element stops at a valid
 * form and its amount, and says so; the page receives both in `paybox-unexpected-credit-ready`.
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
  };

  /** The service's code: `MULTA`, `MERCATO`. */
  declare service: string;

  private declare definition: Service | null;
  private declare values: FieldValues;
  private declare fieldErrors: Record<string, string>;
  private declare readyAmount: number | null;

  constructor() {
    super();
    this.service = '';
    this.definition = null;
    this.values = {};
    this.fieldErrors = {};
    this.readyAmount = null;
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

  /** The amount the rule sets for the values as they stand, or null while they are not valid yet. */
  private get amount(): number | null {
    const service = this.definition;
    if (!service?.fields || !service.amountRule) return null;
    const { values, issues } = validateFields(service.fields, this.values);
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
            ${(service.fields ?? []).map((field) => this.field(field))}
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
        : html`<p class="card" role="status">
            ${msg(
              str`Dati completi: importo ${formatAmount(this.readyAmount, this.language)}. Il pagamento online di questo importo non è ancora disponibile: puoi pagarlo in un punto Pay-Box.`,
              { id: 'unexpected.payPending' },
            )}
          </p>`}
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
    const { values, issues } = validateFields(service.fields, this.values);
    const wrong = new Set(issues.map((issue) => issue.path.replace(/^fields\./, '')));
    this.fieldErrors = Object.fromEntries(
      service.fields.filter((field) => wrong.has(field.name)).map((field) => [field.name, fieldProblemMessage(field, String(this.values[field.name] ?? '').trim() === '')]),
    );
    const amount = wrong.size ? null : expectedAmount(service.amountRule, values);
    if (amount === null) {
      this.errorMessage =
        wrong.size === 1 ? msg('Correggi il campo segnalato.', { id: 'unexpected.fixOne' }) : msg(str`Correggi i ${wrong.size} campi segnalati.`, { id: 'unexpected.fixMany' });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.errorMessage = '';
    this.readyAmount = amount;
    this.emit('paybox-unexpected-credit-ready', { serviceCode: service.code, fields: values, amount });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'paybox-unexpected-credit': PayBoxUnexpectedCredit;
  }
}
