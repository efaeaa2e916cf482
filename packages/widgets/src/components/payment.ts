import { msg, str } from '@lit/localize';
import type { Credit, Point } from '@pay-box/sdk';
import { html, nothing, type PropertyDeclarations } from 'lit';
import { amountFacts } from '../support/amount-facts.js';
import { formatAmount } from '../support/locale.js';
import { PayBoxElement } from '../support/paybox-element.js';
import { qrCode } from '../support/qr-svg.js';
import { openingHoursLines } from './opening-hours.js';

/** The query parameter the card page adds to the return URL: the checkout session's id. */
export const RETURN_PARAMETER = 'paybox_checkout';

/**
 * How a credit is paid: the amount, the fee and the total, then by card on the acquirer's hosted
 * page (a full-page redirect that comes back to this page; card data never touches it), or in cash
 * at a Pay-Box shop, with the notice's pagoPA QR code to show at the counter and the comune's shops.
 *
 * @fires paybox-error - creating the card payment or loading the shops failed; the message is shown too.
 * @csspart summary - amount, fee and total
 * @csspart button - a button
 * @csspart error - the live region that announces what went wrong
 * @csspart cash - the cash choice: QR code and shops
 * @csspart qr - the notice's QR code
 * @csspart points - the list of shops
 * @csspart point - one shop
 *
 * @tagname paybox-payment
 */
export class PayBoxPayment extends PayBoxElement {
  protected readonly elementName = 'paybox-payment';
  static override properties: PropertyDeclarations = {
    credit: { attribute: false },
    returnUrl: { attribute: 'return-url' },
    method: { state: true },
    points: { state: true },
    busy: { state: true },
  };

  /** The credit to pay, as `paybox-credit-selected` gives it. */
  declare credit: Credit | undefined;

  /** Where the card page sends the citizen back; this page by default. */
  declare returnUrl: string | undefined;

  private declare method: 'card' | 'cash' | null;
  private declare points: Point[] | null;
  private declare busy: boolean;

  constructor() {
    super();
    this.method = null;
    this.points = null;
    this.busy = false;
  }

  /** Nothing to load from the server: ready once drawn. */
  protected override firstUpdated(): void {
    this.ready();
  }

  override render() {
    const credit = this.credit;
    if (!credit) return html`<p part="error" class="error" role="alert">${this.errorMessage}</p>`;
    return html`
      <section aria-labelledby="payment-title">
        <h2 id="payment-title">${credit.description}</h2>
        <dl part="summary">
          ${amountFacts(credit, this.language, msg('Totale', { id: 'payment.total' }))}
        </dl>
        <div class="actions" role="group" aria-label=${msg('Come vuoi pagare?', { id: 'payment.how' })}>
          <button part="button" type="button" ?disabled=${this.busy} @click=${this.payByCard}>${msg('Paga con carta', { id: 'payment.card' })}</button>
          <button part="button" class="secondary" type="button" aria-expanded=${this.method === 'cash' ? 'true' : 'false'} aria-controls="cash" @click=${this.showCash}>
            ${msg('Paga in contanti in un punto Pay-Box', { id: 'payment.cash' })}
          </button>
        </div>
        <p part="error" class="error" role="alert">${this.errorMessage}</p>
        <p class="status" role="status">${this.busy ? msg('Ti portiamo alla pagina sicura per la carta…', { id: 'payment.redirecting' }) : ''}</p>
        <div id="cash" part="cash" ?hidden=${this.method !== 'cash'}>${this.method === 'cash' ? this.cash(credit) : nothing}</div>
      </section>
    `;
  }

  private cash(credit: Credit) {
    const payload = `PAGOPA|002|${credit.noticeNumber}|${credit.comune.fiscalCode}|${credit.amount}`;
    return html`<div class="card">
        <h3>${msg('Paga in contanti', { id: 'payment.cashTitle' })}</h3>
        <p>${msg(str`Mostra questo QR code alla cassa di un punto Pay-Box e paga ${formatAmount(credit.total, this.language)}.`, { id: 'payment.cashHowTo' })}</p>
        ${qrCode(payload, msg(str`QR code dell’avviso ${credit.noticeNumber}`, { id: 'payment.qrLabel' }))}
        <p>${msg('Codice avviso', { id: 'lookup.byNotice' })}: <strong>${credit.noticeNumber}</strong></p>
      </div>
      <h3>${msg('Punti Pay-Box del comune', { id: 'payment.pointsTitle' })}</h3>
      ${this.points === null
        ? html`<p class="status">${msg('Carico i punti Pay-Box…', { id: 'payment.pointsLoading' })}</p>`
        : this.points.length === 0
          ? html`<p>${msg('Il comune non ha ancora punti Pay-Box.', { id: 'payment.pointsNone' })}</p>`
          : html`<ul part="points" class="plain">
              ${this.points.map(
                (point) => html`<li part="point" class="card">
                  <strong>${point.name}</strong>
                  <span>${point.address}</span>
                  <ul>
                    ${openingHoursLines(point.openingHours, this.language).map((line) => html`<li>${line}</li>`)}
                  </ul>
                </li>`,
              )}
            </ul>`}`;
  }

  private async showCash(): Promise<void> {
    this.method = this.method === 'cash' ? null : 'cash';
    if (this.method !== 'cash' || this.points !== null) return;
    try {
      this.points = (await this.payBox.points.list()).data;
    } catch (error) {
      this.points = [];
      this.fail(error);
    }
  }

  private async payByCard(): Promise<void> {
    const credit = this.credit;
    if (!credit) return;
    this.busy = true;
    this.errorMessage = '';
    try {
      const session = await this.payBox.checkoutSessions.create({
        creditId: credit.id,
        amount: credit.amount,
        returnUrl: this.returnUrl ?? pageWithoutReturnParameter(),
        locale: this.language,
      });
      // A full-page redirect to the acquirer's page, never an iframe: it works inside any shadow root or WebView.
      location.assign(session.url);
    } catch (error) {
      this.busy = false;
      this.fail(error);
    }
  }
}

/** This page's address, without a session id left by an earlier return from the card page. */
export function pageWithoutReturnParameter(): string {
  const url = new URL(location.href);
  url.searchParams.delete(RETURN_PARAMETER);
  url.hash = '';
  return url.href;
}

declare global {
  interface HTMLElementTagNameMap {
    'paybox-payment': PayBoxPayment;
  }
}
