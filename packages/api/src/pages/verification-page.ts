import { formatRomeDateTime, type ReceiptVerification } from '@pay-box/contract';
import { escapeHtml, htmlDocument, moneyFormats, type PageLocale } from './html.js';

/**
 * The page a receipt's QR code and printed URL lead to: for a person, not a program. It says in
 * words whether the receipt is genuine and shows what the receipt says, nothing personal. Plain
 * HTML with no script, one stylesheet of its own, in Italian or English.
 */

export type VerificationOutcome =
  | { kind: 'genuine'; verification: ReceiptVerification }
  | { kind: 'unknown'; code: string }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

const strings = {
  it: {
    title: 'Verifica della ricevuta',
    genuine: 'Ricevuta autentica.',
    genuineDetail: 'Pay-Box ha emesso questa ricevuta. Controlla che i dati qui sotto siano quelli stampati sulla tua.',
    unknown: 'Nessuna ricevuta con questo codice.',
    unknownDetail: (code: string) => `Il codice «${code}» non corrisponde a nessuna ricevuta emessa da Pay-Box. Controlla di averlo scritto come è stampato sulla ricevuta: quattro gruppi di quattro caratteri separati da trattini.`,
    rateLimited: 'Troppe verifiche in poco tempo.',
    rateLimitedDetail: (seconds: number) => `Riprova tra ${seconds} secondi.`,
    number: 'Numero della ricevuta',
    issuedAt: 'Emessa il',
    comune: 'Ente creditore',
    noticeNumber: 'Codice avviso',
    total: 'Totale pagato',
    bankReference: 'Riferimento del bonifico al Comune (CRO/TRN)',
    pending: 'in attesa della conferma della banca',
    switchTo: 'English',
    money: moneyFormats.it,
  },
  en: {
    title: 'Receipt check',
    genuine: 'Genuine receipt.',
    genuineDetail: 'Pay-Box issued this receipt. Check that the details below are the ones printed on yours.',
    unknown: 'No receipt has this code.',
    unknownDetail: (code: string) => `The code “${code}” matches no receipt Pay-Box issued. Check that you typed it as printed on the receipt: four groups of four characters separated by hyphens.`,
    rateLimited: 'Too many checks in a short time.',
    rateLimitedDetail: (seconds: number) => `Try again in ${seconds} seconds.`,
    number: 'Receipt number',
    issuedAt: 'Issued on',
    comune: 'Creditor',
    noticeNumber: 'Notice number',
    total: 'Total paid',
    bankReference: 'Reference of the transfer to the comune (CRO/TRN)',
    pending: 'awaiting the bank’s confirmation',
    switchTo: 'Italiano',
    money: moneyFormats.en,
  },
};

/** The notice number in groups of four, as on a pagoPA notice. */
const grouped = (noticeNumber: string) => noticeNumber.replace(/(\d{4})(?=\d)/g, '$1 ');

function facts(verification: ReceiptVerification, t: (typeof strings)[PageLocale]): string {
  const { receipt } = verification;
  const rows: Array<[string, string]> = [
    [t.number, receipt.number],
    [t.issuedAt, formatRomeDateTime(new Date(receipt.issuedAt))],
    [t.comune, receipt.comune],
    [t.noticeNumber, grouped(receipt.noticeNumber)],
    [t.total, t.money.format(receipt.total / 100)],
    [t.bankReference, receipt.bankReference ?? t.pending],
  ];
  return `<dl>${rows.map(([term, value]) => `<div><dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>`;
}

export function renderVerificationPage(outcome: VerificationOutcome, locale: PageLocale): string {
  const t = strings[locale];
  let body: string;
  switch (outcome.kind) {
    case 'genuine':
      body = `<p class="outcome genuine"><strong>${t.genuine}</strong> ${t.genuineDetail}</p>${facts(outcome.verification, t)}`;
      break;
    case 'unknown':
      body = `<p class="outcome unknown"><strong>${t.unknown}</strong> ${escapeHtml(t.unknownDetail(outcome.code))}</p>`;
      break;
    case 'rate_limited':
      body = `<p class="outcome unknown"><strong>${t.rateLimited}</strong> ${t.rateLimitedDetail(outcome.retryAfterSeconds)}</p>`;
      break;
  }
  const other: PageLocale = locale === 'it' ? 'en' : 'it';
  return htmlDocument({
    locale,
    title: `${t.title} · Pay-Box`,
    stylesheet: '/verifica/style.css',
    body: `<main>
<h1>${t.title}</h1>
${body}
<p class="language"><a href="?lang=${other}" hreflang="${other}" lang="${other}">${t.switchTo}</a></p>
</main>`,
  });
}

/**
 * Readable at 360 px and at 200% zoom, with contrast above WCAG AA; the outcome is said in words,
 * the border colour only repeats it.
 */
export const verificationPageStyle = `
:root { color-scheme: light dark; font-family: "Titillium Web", system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; padding: 1rem; background: Canvas; color: CanvasText; }
main { max-width: 40rem; margin: 0 auto; }
h1 { font-size: 1.5rem; }
.outcome { padding: 0.75rem 1rem; border-left: 0.375rem solid; }
.genuine { border-color: #008055; }
.unknown { border-color: #cc334d; }
dl { display: grid; gap: 0.5rem; margin: 1.5rem 0; }
dl div { display: grid; grid-template-columns: minmax(8rem, 1fr) 2fr; gap: 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
@media (max-width: 30rem) { dl div { grid-template-columns: 1fr; gap: 0; } }
a { color: LinkText; }
a:focus-visible { outline: 0.1875rem solid; outline-offset: 0.125rem; }
`;
