import { formatEuro } from '@pay-box/sdk/contract';
import type { TributiContext } from '../context.js';
import { allCredits, type TributiCredit } from '../credits.js';
import type { Route } from '../http.js';
import { latestPayments, type PaymentRow } from '../payments.js';
import { latestWebhookEvents, type WebhookEventRow } from '../webhook-events.js';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function table(headings: string[], rows: Array<Array<string | number | null>>): string {
  const cells = (row: Array<string | number | null>, tag: 'td' | 'th') => `<tr>${row.map((cell) => `<${tag}>${escapeHtml(String(cell ?? ''))}</${tag}>`).join('')}</tr>`;
  return `<table><thead>${cells(headings, 'th')}</thead><tbody>${rows.map((row) => cells(row, 'td')).join('\n')}</tbody></table>`;
}

const creditRow = (credit: TributiCredit) => [credit.noticeNumber, credit.serviceCode, credit.debtor.name, credit.description, formatEuro(credit.amount), credit.dueDate, credit.status, credit.paidAt];
const paymentRow = (payment: PaymentRow) => [payment.received_at, payment.payment_id, payment.notice_number, formatEuro(payment.amount), payment.channel, payment.receipt_number, payment.problem ?? 'ok', payment.bank_reference];
const webhookRow = (event: WebhookEventRow) => [event.received_at, event.webhook_id, event.type];

/** `GET /`: the office's read-only view, refreshed every 5 seconds so a credit is seen turning paid. */
export function pageRoute({ db }: TributiContext): Route {
  return () => ({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html>
<html lang="it">
<head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Tributi - Comune di Valdimonte</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;margin-bottom:2rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}</style></head>
<body>
<h1>Tributi - Comune di Valdimonte</h1>
<h2>Credits</h2>
${table(['notice', 'service', 'debtor', 'description', 'amount', 'due', 'status', 'paid at'], allCredits(db).map(creditRow))}
<h2>Payments reported by Pay-Box (latest 50)</h2>
${table(['received', 'payment', 'notice', 'amount', 'channel', 'receipt', 'check', 'CRO/TRN'], latestPayments(db, 50).map(paymentRow))}
<h2>Webhooks received (latest 50)</h2>
${table(['received', 'webhook-id', 'type'], latestWebhookEvents(db, 50).map(webhookRow))}
</body>
</html>
`,
  });
}
