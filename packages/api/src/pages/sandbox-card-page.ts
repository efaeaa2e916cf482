import type { CardDeclineReason } from '@pay-box/contract';
import { sandboxTestCards, type CardAttemptResult, type CardField, type HostedPaymentOrder } from '@pay-box/engine';
import { escapeHtml, htmlDocument, moneyFormats, type PageLocale } from './html.js';

/**
 * The sandbox acquirer's hosted card page: what a real acquirer shows on its own domain. Plain HTML
 * forms, no script, its own stylesheet; it lists the test cards and says at the top that it charges
 * nothing. Italian or English, as the comune's page asked.
 */

export type CardPageState =
  | { kind: 'form'; problems?: Extract<CardAttemptResult, { kind: 'invalid' }>['problems']; declined?: CardDeclineReason; entered?: { holder: string; expiry: string } }
  | { kind: 'authentication'; challenge: string }
  | { kind: 'unavailable' };

const strings = {
  it: {
    title: 'Pagamento con carta',
    sandbox: 'Ambiente di prova: nessuna carta viene addebitata. Usa una delle carte di prova.',
    payee: 'Beneficiario',
    description: 'Causale',
    total: 'Importo da pagare',
    number: 'Numero della carta',
    expiry: 'Scadenza (MM/AA)',
    cvc: 'Codice di sicurezza (CVC)',
    holder: 'Intestatario',
    pay: (total: string) => `Paga ${total}`,
    back: 'Torna al sito del Comune senza pagare',
    testCards: 'Carte di prova (qualsiasi scadenza futura e CVC)',
    behaviours: { authorized: 'pagamento autorizzato', card_declined: 'carta rifiutata', insufficient_funds: 'fondi insufficienti', authentication: 'chiede la conferma della banca (3-D Secure)' },
    problems: { missing: 'Campo obbligatorio.', invalid: 'Valore non valido.', expired: 'La carta è scaduta.', not_a_test_card: 'Questa pagina accetta solo le carte di prova elencate sotto.' },
    errorsIntro: 'Correggi i campi indicati.',
    declined: { card_declined: 'La banca ha rifiutato la carta. Nessun addebito: prova con un’altra carta.', insufficient_funds: 'Fondi insufficienti sulla carta. Nessun addebito: prova con un’altra carta.', authentication_failed: 'La conferma della banca non è riuscita. Nessun addebito: riprova.' },
    authTitle: 'Conferma della banca',
    authText: 'La tua banca chiede di confermare questo pagamento (3-D Secure). In una banca vera lo faresti nella sua app.',
    approve: 'Confermo il pagamento',
    refuse: 'Non confermo',
    unavailable: 'Questa pagina di pagamento non è più valida: è scaduta o il collegamento è incompleto. Torna al sito del Comune e ricomincia il pagamento.',
  },
  en: {
    title: 'Card payment',
    sandbox: 'Test environment: no card is charged. Use one of the test cards.',
    payee: 'Payee',
    description: 'Payment for',
    total: 'Amount to pay',
    number: 'Card number',
    expiry: 'Expiry (MM/YY)',
    cvc: 'Security code (CVC)',
    holder: 'Cardholder',
    pay: (total: string) => `Pay ${total}`,
    back: 'Back to the comune’s site without paying',
    testCards: 'Test cards (any future expiry and CVC)',
    behaviours: { authorized: 'payment authorised', card_declined: 'card declined', insufficient_funds: 'insufficient funds', authentication: 'asks for the bank’s confirmation (3-D Secure)' },
    problems: { missing: 'Required.', invalid: 'Not valid.', expired: 'The card has expired.', not_a_test_card: 'This page takes only the test cards listed below.' },
    errorsIntro: 'Correct the fields marked.',
    declined: { card_declined: 'The bank declined the card. Nothing was charged: try another card.', insufficient_funds: 'Insufficient funds on the card. Nothing was charged: try another card.', authentication_failed: 'The bank’s confirmation failed. Nothing was charged: try again.' },
    authTitle: 'Bank confirmation',
    authText: 'Your bank asks you to confirm this payment (3-D Secure). With a real bank you would do it in its app.',
    approve: 'I confirm the payment',
    refuse: 'I do not confirm',
    unavailable: 'This payment page is no longer valid: it expired or its link is incomplete. Go back to the comune’s site and start the payment again.',
  },
};

type Strings = (typeof strings)[PageLocale];

const fields: Array<{ name: CardField; autocomplete: string; inputmode: string }> = [
  { name: 'number', autocomplete: 'cc-number', inputmode: 'numeric' },
  { name: 'expiry', autocomplete: 'cc-exp', inputmode: 'numeric' },
  { name: 'cvc', autocomplete: 'cc-csc', inputmode: 'numeric' },
  { name: 'holder', autocomplete: 'cc-name', inputmode: 'text' },
];

function cardForm(t: Strings, state: Extract<CardPageState, { kind: 'form' }>, total: string, action: string): string {
  const problems = state.problems ?? {};
  const inputs = fields
    .map(({ name, autocomplete, inputmode }) => {
      const problem = problems[name];
      // The card number and CVC are never written back into the page.
      const value = name === 'holder' || name === 'expiry' ? (state.entered?.[name] ?? '') : '';
      const error = problem ? `<p class="error" id="${name}-error">${escapeHtml(t.problems[problem])}</p>` : '';
      return `<div class="field"><label for="${name}">${t[name]}</label>${error}<input id="${name}" name="${name}" autocomplete="${autocomplete}" inputmode="${inputmode}" required value="${escapeHtml(value)}"${problem ? ` aria-invalid="true" aria-describedby="${name}-error"` : ''}></div>`;
    })
    .join('');
  const summary = Object.keys(problems).length > 0 ? `<p class="alert" role="alert">${t.errorsIntro}</p>` : state.declined ? `<p class="alert" role="alert">${t.declined[state.declined]}</p>` : '';
  return `${summary}<form method="post" action="${escapeHtml(action)}" novalidate>${inputs}<button type="submit">${t.pay(total)}</button></form>`;
}

function testCardList(t: Strings): string {
  const rows = Object.entries(sandboxTestCards)
    .map(([number, behaviour]) => `<li><code>${number.replace(/(\d{4})(?=\d)/g, '$1 ')}</code>: ${t.behaviours[behaviour]}</li>`)
    .join('');
  return `<section aria-labelledby="test-cards"><h2 id="test-cards">${t.testCards}</h2><ul>${rows}</ul></section>`;
}

/** The page's own address, where its forms post: `/sandbox-acquirer/pay/<token>`. */
export function renderCardPage(order: HostedPaymentOrder | undefined, state: CardPageState, locale: PageLocale, pagePath: string): string {
  const t = strings[locale];
  const total = order ? moneyFormats[locale].format(order.amount / 100) : '';
  let body: string;
  if (!order || state.kind === 'unavailable') {
    body = `<p class="alert" role="alert">${t.unavailable}</p>${order ? `<p><a href="${escapeHtml(order.returnUrl)}">${t.back}</a></p>` : ''}`;
  } else {
    const summary = `<dl><div><dt>${t.payee}</dt><dd>${escapeHtml(order.merchantName)}</dd></div><div><dt>${t.description}</dt><dd>${escapeHtml(order.description)}</dd></div><div><dt>${t.total}</dt><dd><strong>${total}</strong></dd></div></dl>`;
    const step =
      state.kind === 'authentication'
        ? `<h2>${t.authTitle}</h2><p>${t.authText}</p><form method="post" action="${escapeHtml(`${pagePath}/authenticate`)}"><input type="hidden" name="challenge" value="${escapeHtml(state.challenge)}"><button type="submit" name="decision" value="approve">${t.approve}</button> <button type="submit" name="decision" value="refuse" class="secondary">${t.refuse}</button></form>`
        : cardForm(t, state, total, pagePath);
    body = `${summary}${step}<p><a href="${escapeHtml(order.returnUrl)}">${t.back}</a></p>${state.kind === 'form' ? testCardList(t) : ''}`;
  }
  return htmlDocument({
    locale,
    title: `${t.title} · Pay-Box sandbox`,
    stylesheet: '/sandbox-acquirer/style.css',
    body: `<p class="sandbox">${t.sandbox}</p>
<main>
<h1>${t.title}</h1>
${body}
</main>`,
  });
}

/** Readable at 320 px and 200% zoom, contrast above WCAG AA in light and dark; errors said in words. */
export const cardPageStyle = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; background: Canvas; color: CanvasText; }
.sandbox { margin: 0; padding: 0.5rem 1rem; background: #5c2d91; color: #fff; font-weight: 600; }
main { max-width: 32rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; }
h2 { font-size: 1.125rem; }
dl { display: grid; gap: 0.25rem; }
dl div { display: flex; flex-wrap: wrap; gap: 0 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
.field { display: grid; gap: 0.25rem; margin-bottom: 1rem; }
label { font-weight: 600; }
input { font: inherit; padding: 0.5rem; border: 1px solid GrayText; border-radius: 0.25rem; max-width: 100%; box-sizing: border-box; }
input[aria-invalid="true"] { border: 0.125rem solid #cc334d; }
.error { margin: 0; color: #a3001e; font-weight: 600; }
.alert { padding: 0.75rem 1rem; border-left: 0.375rem solid #cc334d; }
button { font: inherit; padding: 0.625rem 1.25rem; border: 0.125rem solid #5c2d91; border-radius: 0.25rem; background: #5c2d91; color: #fff; cursor: pointer; }
button.secondary { background: Canvas; color: CanvasText; }
a { color: LinkText; }
:focus-visible { outline: 0.1875rem solid; outline-offset: 0.125rem; }
code { font-size: 1rem; }
@media (prefers-color-scheme: dark) { .error { color: #ff8fa3; } }
`;
