import { msg, str } from '@lit/localize';
import type { CheckoutSession, Credit, Service } from '@pay-box/sdk';
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { PayBoxEventMap } from '../events.js';
import { formatAmount } from '../support/locale.js';
import { PayBoxElement } from '../support/paybox-element.js';
import { RETURN_PARAMETER } from './payment.js';

type Stage =
  | { name: 'find' }
  | { name: 'pay'; credit: Credit }
  | { name: 'returning' }
  | { name: 'paid'; session: CheckoutSession }
  | { name: 'not-paid'; session: CheckoutSession };

/** How often, and how many times, a receipt still waiting for its bank reference is read again. */
const BANK_REFERENCE_INTERVAL_MS = 2_000;
const BANK_REFERENCE_READS = 30;

/**
 * The whole flow in one element: find the credit, pay it by card or in cash at a shop, and, back
 * from the card page (`?paybox_checkout=cks_...` in the address), the receipt, "already paid", or the
 * decline with a retry.
 *
 * @fires paybox-credit-selected - from the lookup inside.
 * @fires paybox-payment-succeeded - `{ session }`: back from the card page, paid.
 * @fires paybox-payment-failed - `{ session, reason }`: back from the card page, not paid.
 * @fires paybox-ready - the checkout is ready to be used.
 * @fires paybox-error - a request failed; the message is shown too.
 * @csspart stage - the current step
 * @csspart button - a button
 * @csspart error - the live region that announces what went wrong
 * @csspart status - the live region that announces each step
 *
 * @tagname paybox-checkout
 */
export class PayBoxCheckout extends PayBoxElement {
  protected readonly elementName = 'paybox-checkout';
  static override properties: PropertyDeclarations = {
    service: {},
    stage: { state: true },
    unexpectedService: { state: true },
  };

  /** Only this service (a service code): the lookup finds its credits only, and when the service takes credits not issued yet (`MULTA`), its form is offered too. */
  declare service: string | undefined;

  private declare stage: Stage;
  private declare unexpectedService: Service | null;

  constructor() {
    super();
    this.stage = { name: 'find' };
    this.unexpectedService = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const sessionId = new URL(location.href).searchParams.get(RETURN_PARAMETER);
    if (sessionId) void this.comeBack(sessionId);
  }

  protected override firstUpdated(): void {
    if (!this.service) this.ready();
  }

  protected override async updated(changed: PropertyValues): Promise<void> {
    // A page or a framework may set the service after the element is on the page.
    if (changed.has('service') && this.service) void this.loadService();
    // Each new step takes the focus, so a keyboard or screen-reader user goes on from where the step starts.
    if (changed.has('stage') && changed.get('stage')) {
      const step = this.renderRoot.querySelector<HTMLElement>('[part~="stage"] > :first-child');
      await (step as Partial<PayBoxElement> | null)?.updateComplete;
      step?.focus();
    }
  }

  private async loadService(): Promise<void> {
    try {
      const { data } = await this.payBox.services.list();
      this.unexpectedService = data.find((service) => service.code === this.service && service.acceptsUnexpectedCredits) ?? null;
      this.ready();
    } catch (error) {
      this.fail(error);
    }
  }

  private async comeBack(sessionId: string): Promise<void> {
    this.stage = { name: 'returning' };
    try {
      const session = await this.payBox.checkoutSessions.retrieve(sessionId);
      if (session.status === 'succeeded') {
        this.stage = { name: 'paid', session };
        this.emit('paybox-payment-succeeded', { session });
        void this.awaitBankReference(session);
      } else {
        this.stage = { name: 'not-paid', session };
        const reason = session.status === 'open' ? (session.lastDecline?.reason ?? 'card_declined') : session.status;
        this.emit('paybox-payment-failed', { session, reason });
      }
    } catch (error) {
      this.stage = { name: 'find' };
      this.fail(error);
    }
  }

  /**
   * The bank may answer after the citizen is back: the receipt shows "in attesa" and is read again
   * every few seconds, for a minute, until it carries the CRO/TRN.
   */
  private async awaitBankReference(paid: CheckoutSession): Promise<void> {
    let session = paid;
    for (let attempt = 0; attempt < BANK_REFERENCE_READS && session.payment?.transfer.bankReference === null && this.isConnected; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, BANK_REFERENCE_INTERVAL_MS));
      session = await this.payBox.checkoutSessions.retrieve(session.id).catch(() => session);
      if (this.stage.name === 'paid' && this.stage.session.id === session.id) this.stage = { name: 'paid', session };
    }
  }

  override render() {
    const shared = { locale: this.locale, client: this.payBox };
    return html`
      <p part="status" class="visually-hidden" role="status">${this.stageAnnouncement()}</p>
      <div part="stage">${this.stageContent(shared)}</div>
      <p part="error" class="error" role="alert">${this.errorMessage}</p>
    `;
  }

  private stageContent(shared: { locale: string | undefined; client: PayBoxElement['client'] }) {
    const stage = this.stage;
    switch (stage.name) {
      case 'find':
        return html`<paybox-credit-lookup .locale=${shared.locale} .client=${shared.client} .service=${this.service} @paybox-credit-selected=${this.select}></paybox-credit-lookup>
          ${this.unexpectedService
            ? html`<h2>${msg('Non hai un avviso?', { id: 'checkout.noNotice' })}</h2>
                <paybox-unexpected-credit .locale=${shared.locale} .client=${shared.client} .service=${this.unexpectedService.code}></paybox-unexpected-credit>`
            : nothing}`;
      case 'pay':
        return html`<paybox-payment .locale=${shared.locale} .client=${shared.client} .credit=${stage.credit}></paybox-payment>
          <div class="actions"><button part="button" class="secondary" type="button" @click=${this.startOver}>${msg('Cerca un altro avviso', { id: 'checkout.another' })}</button></div>`;
      case 'returning':
        return html`<p class="status">${msg('Controllo il pagamento…', { id: 'checkout.checking' })}</p>`;
      case 'paid':
        return html`<paybox-receipt .locale=${shared.locale} .client=${shared.client} .baseUrl=${this.baseUrl} .session=${stage.session}></paybox-receipt>
          <div class="actions"><button part="button" class="secondary" type="button" @click=${this.startOver}>${msg('Paga un altro avviso', { id: 'checkout.payAnother' })}</button></div>`;
      case 'not-paid':
        return this.notPaid(stage.session);
    }
  }

  private notPaid(session: CheckoutSession) {
    const retry = session.status === 'open';
    return html`<section class="card" tabindex="-1" aria-labelledby="not-paid-title">
      <h2 id="not-paid-title">${this.notPaidTitle(session)}</h2>
      <p>${session.description}: ${formatAmount(session.total, this.language)}</p>
      <p>${this.notPaidAdvice(session)}</p>
      <div class="actions">
        ${retry ? html`<button part="button" type="button" @click=${() => location.assign(session.url)}>${msg('Riprova con una carta', { id: 'checkout.retry' })}</button>` : nothing}
        <button part="button" class="secondary" type="button" @click=${this.startOver}>${msg('Torna alla ricerca', { id: 'checkout.back' })}</button>
      </div>
    </section>`;
  }

  private notPaidTitle(session: CheckoutSession): string {
    if (session.status === 'already_paid') return msg('Questo avviso è già stato pagato', { id: 'checkout.alreadyPaid' });
    if (session.status === 'expired') return msg('Il tempo per pagare è scaduto', { id: 'checkout.expired' });
    return msg('Pagamento non riuscito', { id: 'checkout.declined' });
  }

  private notPaidAdvice(session: CheckoutSession): string {
    if (session.status === 'already_paid') return msg('È stato pagato altrove nel frattempo: la tua carta non è stata addebitata.', { id: 'checkout.alreadyPaidAdvice' });
    if (session.status === 'expired') return msg('Nulla è stato addebitato. Cerca di nuovo l’avviso per pagarlo.', { id: 'checkout.expiredAdvice' });
    switch (session.lastDecline?.reason) {
      case 'insufficient_funds':
        return msg('La carta non ha fondi sufficienti. Nulla è stato addebitato: puoi riprovare con un’altra carta.', { id: 'checkout.insufficientFunds' });
      case 'authentication_failed':
        return msg('La verifica della banca non è riuscita. Nulla è stato addebitato: puoi riprovare.', { id: 'checkout.authenticationFailed' });
      case 'card_declined':
        return msg('La carta è stata rifiutata. Nulla è stato addebitato: puoi riprovare con un’altra carta.', { id: 'checkout.cardDeclined' });
      default:
        return msg('Il pagamento non è stato completato e nulla è stato addebitato: puoi riprovare.', { id: 'checkout.notCompleted' });
    }
  }

  private stageAnnouncement(): string {
    const stage = this.stage;
    switch (stage.name) {
      case 'pay':
        return msg(str`Scegli come pagare ${formatAmount(stage.credit.total, this.language)}.`, { id: 'checkout.choose' });
      case 'paid':
        return msg('Pagamento riuscito: ecco la ricevuta.', { id: 'checkout.paid' });
      case 'not-paid':
        return this.notPaidTitle(stage.session);
      default:
        return '';
    }
  }

  private select(event: PayBoxEventMap['paybox-credit-selected']): void {
    this.errorMessage = '';
    this.stage = { name: 'pay', credit: event.detail.credit };
  }

  private startOver(): void {
    const url = new URL(location.href);
    if (url.searchParams.has(RETURN_PARAMETER)) {
      url.searchParams.delete(RETURN_PARAMETER);
      history.replaceState(history.state, '', url);
    }
    this.errorMessage = '';
    this.stage = { name: 'find' };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'paybox-checkout': PayBoxCheckout;
  }
}
