import { msg, str } from '@lit/localize';
import { lookupQueryFromScan, type Credit, type CreditLookupQuery, type Service } from '@pay-box/sdk';
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { formatAmount, formatDate } from '../support/locale.js';
import { PayBoxElement } from '../support/paybox-element.js';
import { canScanWithCamera, scanQrCode } from './camera-scan.js';
import { noticeProblemMessage } from './notice-problems.js';

type SearchBy = 'notice' | 'debtor';

/**
 * Finds what a citizen owes: by notice number (typed, pasted QR text, or the camera where the
 * browser reads QR codes), or by tax code and service. Shows the credits found, with personal data
 * masked as the API returns it, and lets the citizen pick one.
 *
 * @fires paybox-credit-selected - `{ credit }`: the citizen chose a credit to pay.
 * @fires paybox-ready - the services are loaded.
 * @fires paybox-error - a lookup failed; the message is shown too.
 * @csspart form - the search form
 * @csspart field - a label, its hint and its input
 * @csspart label - a field's label
 * @csspart hint - a field's hint
 * @csspart input - a text input or select
 * @csspart button - a button
 * @csspart error - the live region that announces what went wrong
 * @csspart status - the live region that announces what was found
 * @csspart results - the list of credits found
 * @csspart credit - one credit found
 * @csspart camera - the camera preview while scanning
 *
 * @tagname paybox-credit-lookup
 */
export class PayBoxCreditLookup extends PayBoxElement {
  protected readonly elementName = 'paybox-credit-lookup';
  static override properties: PropertyDeclarations = {
    service: {},
    searchBy: { state: true },
    services: { state: true },
    credits: { state: true },
    busy: { state: true },
    scanning: { state: true },
    invalidField: { state: true },
  };

  /** Only credits of this service (a service code, `TARI`). */
  declare service: string | undefined;

  private declare searchBy: SearchBy;
  private declare services: Service[];
  private declare credits: Credit[] | null;
  private declare busy: boolean;
  private declare scanning: AbortController | null;
  private declare invalidField: 'notice' | 'taxCode' | null;

  constructor() {
    super();
    this.searchBy = 'notice';
    this.services = [];
    this.credits = null;
    this.busy = false;
    this.scanning = null;
    this.invalidField = null;
  }

  private get noticeInput(): HTMLInputElement {
    return this.renderRoot.querySelector<HTMLInputElement>('#notice')!;
  }

  private get video(): HTMLVideoElement {
    return this.renderRoot.querySelector('video')!;
  }

  protected override firstUpdated(): void {
    void this.loadServices();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('credits') && this.credits?.length) this.renderRoot.querySelector<HTMLElement>('[part~="credit"] button')?.focus();
  }

  private async loadServices(): Promise<void> {
    try {
      const { data } = await this.payBox.services.list();
      this.services = this.service ? data.filter((service) => service.code === this.service) : data;
      this.ready();
    } catch (error) {
      this.fail(error);
    }
  }

  override render() {
    return html`
      <form part="form" novalidate @submit=${this.search}>
        <fieldset>
          <legend>${msg('Cerca per', { id: 'lookup.searchBy' })}</legend>
          <div class="choices">
            ${this.choice('notice', msg('Codice avviso', { id: 'lookup.byNotice' }))}
            ${this.choice('debtor', msg('Codice fiscale e servizio', { id: 'lookup.byDebtor' }))}
          </div>
        </fieldset>
        ${this.searchBy === 'notice' ? this.noticeFields() : this.debtorFields()}
        <div class="actions">
          <button part="button" type="submit" ?disabled=${this.busy}>${msg('Cerca', { id: 'lookup.search' })}</button>
          ${this.searchBy === 'notice' && canScanWithCamera()
            ? html`<button part="button" class="secondary" type="button" @click=${this.toggleCamera}>
                ${this.scanning ? msg('Chiudi la fotocamera', { id: 'lookup.cameraStop' }) : msg('Inquadra il QR code', { id: 'lookup.cameraStart' })}
              </button>`
            : nothing}
        </div>
        <video part="camera" ?hidden=${!this.scanning} muted playsinline aria-label=${msg('Anteprima della fotocamera', { id: 'lookup.cameraPreview' })}></video>
      </form>
      <p part="error" class="error" id="error" role="alert">${this.errorMessage}</p>
      <p part="status" class="status" role="status">${this.statusText()}</p>
      ${this.credits?.length ? this.results(this.credits) : nothing}
    `;
  }

  private choice(value: SearchBy, label: string) {
    return html`<label><input type="radio" name="searchBy" .value=${value} .checked=${this.searchBy === value} @change=${() => this.switchTo(value)} />${label}</label>`;
  }

  private noticeFields() {
    return html`<div part="field" class="field">
      <label part="label" for="notice">${msg('Codice avviso o testo del QR code', { id: 'lookup.noticeLabel' })}</label>
      <p part="hint" class="hint" id="notice-hint">${msg('18 cifre, come sull’avviso di pagamento; gli spazi non contano.', { id: 'lookup.noticeHint' })}</p>
      <input
        part="input"
        id="notice"
        name="notice"
        autocomplete="off"
        spellcheck="false"
        required
        aria-describedby="notice-hint error"
        aria-invalid=${this.invalidField === 'notice' ? 'true' : 'false'}
      />
    </div>`;
  }

  private debtorFields() {
    return html`<div part="field" class="field">
        <label part="label" for="taxCode">${msg('Codice fiscale di chi deve pagare', { id: 'lookup.taxCodeLabel' })}</label>
        <input
          part="input"
          id="taxCode"
          name="taxCode"
          autocomplete="off"
          spellcheck="false"
          required
          aria-describedby="error"
          aria-invalid=${this.invalidField === 'taxCode' ? 'true' : 'false'}
        />
      </div>
      <div part="field" class="field">
        <label part="label" for="serviceCode">${msg('Servizio', { id: 'lookup.serviceLabel' })}</label>
        <select part="input" id="serviceCode" name="serviceCode" required>
          ${this.services.map((service) => html`<option value=${service.code}>${service.name}</option>`)}
        </select>
      </div>`;
  }

  private results(credits: Credit[]) {
    return html`<ul part="results" class="plain">
      ${credits.map(
        (credit) => html`<li part="credit" class="card">
          <h3>${credit.description}</h3>
          <dl>
            <dt>${msg('Servizio', { id: 'lookup.serviceLabel' })}</dt>
            <dd>${credit.service.name}</dd>
            <dt>${msg('Ente', { id: 'credit.comune' })}</dt>
            <dd>${credit.comune.name}</dd>
            <dt>${msg('Intestato a', { id: 'credit.debtor' })}</dt>
            <dd>${credit.debtor.name}</dd>
            ${credit.dueDate ? html`<dt>${msg('Scadenza', { id: 'credit.dueDate' })}</dt><dd>${formatDate(credit.dueDate, this.language)}</dd>` : nothing}
            <dt>${msg('Importo', { id: 'credit.amount' })}</dt>
            <dd class="total">${formatAmount(credit.amount, this.language)}</dd>
          </dl>
          ${credit.status === 'open'
            ? html`<div class="actions">
                <button part="button" type="button" @click=${() => this.emit('paybox-credit-selected', { credit })}>
                  ${msg(str`Paga ${formatAmount(credit.amount, this.language)}`, { id: 'lookup.pay' })}
                  <span class="visually-hidden">${credit.description}</span>
                </button>
              </div>`
            : html`<p class="status"><strong>${this.closedText(credit)}</strong></p>`}
        </li>`,
      )}
    </ul>`;
  }

  private closedText(credit: Credit): string {
    if (credit.status === 'paid') return msg('Già pagato: non pagarlo di nuovo.', { id: 'credit.paid' });
    return msg('Non più pagabile: contatta il comune.', { id: 'credit.notPayable' });
  }

  private statusText(): string {
    if (this.busy) return msg('Ricerca in corso…', { id: 'lookup.searching' });
    if (this.credits === null) return '';
    if (this.credits.length === 0) return msg('Nessun importo da pagare trovato.', { id: 'lookup.noneFound' });
    return this.credits.length === 1
      ? msg('Trovato 1 importo.', { id: 'lookup.foundOne' })
      : msg(str`Trovati ${this.credits.length} importi.`, { id: 'lookup.foundMany' });
  }

  private switchTo(searchBy: SearchBy): void {
    this.searchBy = searchBy;
    this.errorMessage = '';
    this.invalidField = null;
    this.scanning?.abort();
  }

  private async search(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const query = this.searchBy === 'notice' ? this.noticeQuery(String(form.get('notice') ?? '')) : this.debtorQuery(form);
    if (query) await this.lookup(query);
  }

  private noticeQuery(text: string): CreditLookupQuery | null {
    const scanned = lookupQueryFromScan(text);
    if (scanned.ok) return scanned.value;
    this.showProblem('notice', text.trim() ? noticeProblemMessage(scanned.reason) : msg('Scrivi il codice avviso.', { id: 'lookup.noticeMissing' }));
    return null;
  }

  private debtorQuery(form: FormData): CreditLookupQuery | null {
    const debtorTaxCode = String(form.get('taxCode') ?? '').replace(/\s+/g, '').toUpperCase();
    if (debtorTaxCode) return { debtorTaxCode, serviceCode: String(form.get('serviceCode') ?? '') };
    this.showProblem('taxCode', msg('Scrivi il codice fiscale.', { id: 'lookup.taxCodeMissing' }));
    return null;
  }

  private showProblem(field: 'notice' | 'taxCode', message: string): void {
    this.credits = null;
    this.invalidField = field;
    this.errorMessage = message;
    this.renderRoot.querySelector<HTMLInputElement>(`#${field}`)?.focus();
  }

  private async lookup(query: CreditLookupQuery): Promise<void> {
    this.busy = true;
    this.errorMessage = '';
    this.invalidField = null;
    this.credits = null;
    try {
      const { data } = await this.payBox.credits.lookup(query);
      const credits = this.service ? data.filter((credit) => credit.service.code === this.service) : data;
      if (data.length > 0 && credits.length === 0) this.errorMessage = msg('Questo avviso riguarda un altro servizio.', { id: 'lookup.otherService' });
      this.credits = credits;
    } catch (error) {
      this.invalidField = this.searchBy === 'notice' ? 'notice' : 'taxCode';
      this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  private async toggleCamera(): Promise<void> {
    if (this.scanning) {
      this.scanning.abort();
      return;
    }
    const scanning = (this.scanning = new AbortController());
    await this.updateComplete;
    try {
      const text = await scanQrCode(this.video, scanning.signal);
      this.noticeInput.value = text;
      const query = this.noticeQuery(text);
      if (query) await this.lookup(query);
    } catch {
      if (!scanning.signal.aborted) this.errorMessage = msg('Non riesco a usare la fotocamera: scrivi il codice avviso.', { id: 'lookup.cameraFailed' });
    } finally {
      this.scanning = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'paybox-credit-lookup': PayBoxCreditLookup;
  }
}
