// The page's own choices, from its address: ?lang=en, ?theme=dark, ?service=MULTA. A comune's site
// sets them once in its HTML; here they switch so the same page shows Italian and English, light and
// dark, and the page of one service (the traffic fines: pay a fine from its paper pre-notice).
const params = new URLSearchParams(location.search);
const english = params.get('lang') === 'en';
const dark = params.get('theme') === 'dark';

const texts = {
  it: {
    title: 'Paga quanto dovuto al Comune',
    lede: 'Cerca l’avviso con il codice avviso o il codice fiscale. Puoi pagare subito con carta, oppure in contanti in un punto Pay-Box vicino a te: tabaccherie ed edicole del Comune. In entrambi i casi il Comune riceve un bonifico e la tua ricevuta riporta il suo CRO/TRN.',
    help: 'Hai bisogno di aiuto?',
    helpText: 'Ufficio Tributi, Piazza del Municipio 1. Dal lunedì al venerdì, 9:00-12:30. Telefono 0123 456789.',
    language: 'English',
    theme: dark ? 'Tema chiaro' : 'Tema scuro',
  },
  en: {
    title: 'Pay what you owe the comune',
    lede: 'Find your notice by its notice number or your tax code. Pay now by card, or in cash at a Pay-Box point near you: the comune’s tobacconists and newsagents. Either way the comune receives a bank transfer, and your receipt shows its CRO/TRN.',
    help: 'Need help?',
    helpText: 'Tax office, Piazza del Municipio 1. Monday to Friday, 9:00-12:30. Phone 0123 456789.',
    language: 'Italiano',
    theme: dark ? 'Light theme' : 'Dark theme',
  },
};
const t = texts[english ? 'en' : 'it'];

/** The page's address with one option changed, the others kept (the widget's own parameter dropped). */
function withOption(name, value) {
  const next = new URLSearchParams(location.search);
  next.delete('paybox_checkout');
  if (value) next.set(name, value);
  else next.delete(name);
  const query = next.toString();
  return query ? `?${query}` : location.pathname;
}

document.documentElement.lang = english ? 'en' : 'it';
document.documentElement.dataset.theme = dark ? 'dark' : 'light';
document.getElementById('title').textContent = t.title;
document.getElementById('lede').textContent = t.lede;
document.getElementById('help-title').textContent = t.help;
document.getElementById('help-text').textContent = t.helpText;

const language = document.getElementById('switch-language');
language.textContent = t.language;
language.lang = english ? 'it' : 'en';
language.hreflang = language.lang;
language.href = withOption('lang', english ? '' : 'en');
const theme = document.getElementById('switch-theme');
theme.textContent = t.theme;
theme.href = withOption('theme', dark ? '' : 'dark');

const checkout = document.querySelector('paybox-checkout');
checkout.setAttribute('locale', english ? 'en' : 'it');
checkout.setAttribute('theme', dark ? 'dark' : 'bootstrap-italia');
const service = params.get('service');
if (service && /^[A-Z0-9_-]{1,20}$/.test(service)) checkout.setAttribute('service', service);
