import { msg } from '@lit/localize';
import { css, html, type PropertyDeclarations } from 'lit';
import { amountFacts } from '../support/amount-facts.js';
import { formatDate } from '../support/locale.js';
import { PayBoxElement } from '../support/paybox-element.js';
import type { CheckoutSession } from '@pay-box/sdk';
import { qrCode } from '../support/qr-svg.js';

/**
 * The receipt of a card payment: number, date, amount, fee, total, the CRO/TRN of the transfer to
 * the comune ("in attesa" until the bank answers), the verification code and its QR code, which
 * leads to the server's public check page. Prints on A4 or 80 mm paper; downloads as PDF.
 *
 * @fires paybox-error - the PDF could not be downloaded; the message is shown too.
 * @csspart receipt - the receipt
 * @csspart summary - its facts
 * @csspart qr - the verification QR code
 * @csspart button - a button
 * @csspart error - the live region that announces what went wrong
 *
 * @tagname paybox-receipt
 */
export class PayBoxReceipt extends PayBoxElement {
  protected readonly elementName = 'paybox-receipt';
  static override properties: PropertyDeclarations = {
    session: { attribute: false },
    paper: { reflect: true },
    downloading: { state: true },
  };

  static override styles = [
    ...PayBoxElement.styles,
    css`
      .qr {
        width: 8rem;
        height: 8rem;
      }
      @media print {
        :host {
          color: #000;
          background: #fff;
        }
        .actions,
        .error {
          display: none;
        }
        .card {
          border: 0;
          background: #fff;
          padding: 0;
        }
      }
      @media print {
        :host([paper='80mm']) {
          width: 72mm;
          font-size: 9pt;
        }
        :host([paper='80mm']) dl {
          grid-template-columns: 1fr;
        }
        :host([paper='80mm']) .qr {
          width: 30mm;
          height: 30mm;
        }
        :host(:not([paper='80mm'])) {
          width: 180mm;
          font-size: 11pt;
        }
      }
    `,
  ];

  /** A succeeded checkout session, as `paybox-payment-succeeded` gives it. */
  declare session: CheckoutSession | undefined;

  /** The paper the receipt prints on: `a4` (default) or `80mm` (a receipt printer). */
  declare paper: 'a4' | '80mm';

  private declare downloading: boolean;

  constructor() {
    super();
    this.paper = 'a4';
    this.downloading = false;
  }

  /** Nothing to load from the server: ready once drawn. */
  protected override firstUpdated(): void {
    this.ready();
  }

  override render() {
    const payment = this.session?.payment;
    if (!payment) return html`<p part="error" class="error" role="alert">${this.errorMessage}</p>`;
    const verifyUrl = new URL(`/verifica/${encodeURIComponent(payment.receipt.verificationCode)}`, this.baseUrl || location.href).href;
    const bankReference = payment.transfer.bankReference ?? msg('in attesa', { id: 'receipt.pending' });
    return html`
      <article part="receipt" class="card" aria-labelledby="receipt-title">
        <h2 id="receipt-title">${msg('Ricevuta di pagamento', { id: 'receipt.title' })}</h2>
        <p>${payment.description}</p>
        <dl part="summary">
          <dt>${msg('Numero', { id: 'receipt.number' })}</dt>
          <dd>${payment.receipt.number}</dd>
          <dt>${msg('Data', { id: 'receipt.date' })}</dt>
          <dd>${formatDate(payment.createdAt, this.language, true)}</dd>
          <dt>${msg('Codice avviso', { id: 'lookup.byNotice' })}</dt>
          <dd>${payment.noticeNumber}</dd>
          ${amountFacts(payment, this.language, msg('Totale pagato', { id: 'receipt.total' }))}
          <dt><abbr title=${msg('Riferimento del bonifico al comune', { id: 'receipt.bankReferenceTitle' })}>CRO/TRN</abbr></dt>
          <dd>${bankReference}</dd>
          <dt>${msg('Codice di verifica', { id: 'receipt.verificationCode' })}</dt>
          <dd>${payment.receipt.verificationCode}</dd>
        </dl>
        ${qrCode(verifyUrl, msg('QR code per verificare la ricevuta', { id: 'receipt.qrLabel' }))}
        <p>${msg('Verifica la ricevuta su', { id: 'receipt.verifyAt' })} <a href=${verifyUrl}>${verifyUrl}</a></p>
        <div class="actions">
          <button part="button" type="button" @click=${() => print()}>${msg('Stampa', { id: 'receipt.print' })}</button>
          <button part="button" class="secondary" type="button" ?disabled=${this.downloading} @click=${this.downloadPdf}>
            ${msg('Scarica il PDF', { id: 'receipt.pdf' })}
          </button>
        </div>
      </article>
      <p part="error" class="error" role="alert">${this.errorMessage}</p>
    `;
  }

  private async downloadPdf(): Promise<void> {
    const session = this.session;
    if (!session?.payment) return;
    this.downloading = true;
    this.errorMessage = '';
    try {
      const pdf = await this.payBox.checkoutSessions.receipt(session.id, 'pdf');
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }));
      link.download = `ricevuta-${session.payment.receipt.number}.pdf`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    } catch (error) {
      this.fail(error);
    } finally {
      this.downloading = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'paybox-receipt': PayBoxReceipt;
  }
}
