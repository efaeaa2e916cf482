import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import type { PaymentTransfer, WebhookEventType } from '../api/types.js';

export const channelLabel = (channel: string): string =>
  ({ agent: msg('Negozio', { id: 'channel.agent' }), web: msg('Web', { id: 'channel.web' }), app: msg('App', { id: 'channel.app' }) })[channel] ?? channel;

export const transferStatusLabel = (status: string): string =>
  ({
    pending: msg('In corso', { id: 'transfer.pending' }),
    settled: msg('Accreditato', { id: 'transfer.settled' }),
    rejected: msg('Respinto', { id: 'transfer.rejected' }),
    stale: msg('In ritardo', { id: 'transfer.stale' }),
    resolved: msg('Risolto a mano', { id: 'transfer.resolved' }),
  })[status] ?? status;

export const creditStatusLabel = (status: string): string =>
  ({
    open: msg('Da pagare', { id: 'credit.open' }),
    paid: msg('Pagato', { id: 'credit.paid' }),
    cancelled: msg('Annullato', { id: 'credit.cancelled' }),
    expired: msg('Scaduto', { id: 'credit.expired' }),
  })[status] ?? status;

/** The ledger's accounts as the comune's accountants name them. */
export const accountLabel = (kind: string): string =>
  ({
    agent_float: msg('Fondo del negozio', { id: 'account.agentFloat' }),
    comune_payable: msg('Da versare al comune', { id: 'account.comunePayable' }),
    fee_revenue: msg('Commissioni', { id: 'account.feeRevenue' }),
    institution_bank: msg('Conto dell’istituto di pagamento', { id: 'account.institutionBank' }),
    acquirer_receivable: msg('Da incassare dal circuito carte', { id: 'account.acquirerReceivable' }),
  })[kind] ?? kind;

/** The transfer's state as a badge: pending too long and rejected stand out (text, not colour alone). */
export function transferBadge(transfer: Pick<PaymentTransfer, 'status' | 'stale'>): TemplateResult {
  const kind = transfer.status === 'rejected' ? 'danger' : transfer.stale && transfer.status === 'pending' ? 'warning' : transfer.status === 'settled' || transfer.status === 'resolved' ? 'success' : 'neutral';
  const label = transfer.stale && transfer.status === 'pending' ? transferStatusLabel('stale') : transferStatusLabel(transfer.status);
  return html`<span class="badge badge-${kind}">${kind === 'danger' || kind === 'warning' ? '⚠ ' : ''}${label}</span>`;
}

/** A download the browser saves (CSV, PDF) with its format said in the text. */
export function downloadLink(url: string, label: string): TemplateResult {
  return html`<a class="btn btn-outline" href=${url} download>${label}</a>`;
}

/** Every event a webhook endpoint can subscribe to, as the form lists them (a Record: an event added to the contract is a type error here until it has a label). */
export const webhookEventLabels = (): Record<WebhookEventType, string> => ({
  'payment.succeeded': msg('Pagamento riuscito', { id: 'webhookEvent.paymentSucceeded' }),
  'credit.paid': msg('Credito pagato', { id: 'webhookEvent.creditPaid' }),
  'transfer.settled': msg('Bonifico accreditato alla tesoreria', { id: 'webhookEvent.transferSettled' }),
  'transfer.failed': msg('Bonifico respinto', { id: 'webhookEvent.transferFailed' }),
  'unexpected_credit.created': msg('Credito non atteso aperto', { id: 'webhookEvent.unexpectedCreditCreated' }),
  'reconciliation.completed': msg('Riconciliazione eseguita', { id: 'webhookEvent.reconciliationCompleted' }),
});

export const webhookEventLabel = (type: string): string => {
  const labels: Record<string, string> = webhookEventLabels();
  return labels[type] ?? type;
};

/** Where a delivery stands: dead (the last retry failed too) stands out, in text and not by colour alone. */
export function deliveryBadge(status: string): TemplateResult {
  const [kind, label] =
    {
      pending: ['neutral', msg('In attesa', { id: 'delivery.pending' })],
      delivered: ['success', msg('Consegnata', { id: 'delivery.delivered' })],
      dead: ['danger', msg('Non consegnata', { id: 'delivery.dead' })],
    }[status] ?? ['neutral', status];
  return html`<span class="badge badge-${kind}">${kind === 'danger' ? '⚠ ' : ''}${label}</span>`;
}
