// The citizen app: the Pay-Box widgets for finding and paying a notice, and the receipts kept on
// this device. Loaded before the widgets' script, so it hears every event they send.
import { formatAmount, formatDateTime, messages, saveLanguage, savedLanguage } from './i18n.js';
import { loadReceipts, receiptFromSession, saveReceipt } from './receipts.js';

const RETURN_PARAMETER = 'paybox_checkout';
const CREDITS_KEY = 'paybox-citizen-app:chosen-credits';

/** What the server wrote into the page: its URL and the comune's publishable key (the placeholders when opened as a file). */
function setting(name, fallback) {
  const value = document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';
  return value && !value.startsWith('%') ? value : fallback;
}
const apiUrl = setting('paybox-api-url', location.origin);
const publishableKey = setting('paybox-publishable-key', '');

const $ = (selector) => document.querySelector(selector);
const checkout = $('paybox-checkout');
let language = savedLanguage(localStorage);
const t = (key, ...args) => {
  const text = messages[language][key];
  return typeof text === 'function' ? text(...args) : text;
};

// ---- Service worker: the shell and the widgets offline ----------------------------------------

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js', { scope: './' }).catch((error) => console.warn('Pay-Box: no offline shell', error));
}

// ---- Language --------------------------------------------------------------------------------

function applyLanguage() {
  document.documentElement.lang = language;
  document.title = t('title');
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of document.querySelectorAll('[data-i18n-label]')) element.setAttribute('aria-label', t(element.dataset.i18nLabel));
  const switcher = $('#language');
  switcher.textContent = t('switchLanguage');
  switcher.lang = language === 'it' ? 'en' : 'it';
  checkout.setAttribute('locale', language);
  renderReceipts();
  renderSaved();
}

$('#language').addEventListener('click', () => {
  language = language === 'it' ? 'en' : 'it';
  saveLanguage(localStorage, language);
  applyLanguage();
});

// ---- Views: pay (#paga) and receipts (#ricevute) ----------------------------------------------

const views = { paga: $('#paga'), ricevute: $('#ricevute') };

function showView(name, { focus = false } = {}) {
  for (const [viewName, section] of Object.entries(views)) section.hidden = viewName !== name;
  for (const link of document.querySelectorAll('nav.tabs a')) {
    if (link.getAttribute('href') === `#${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (focus) views[name].querySelector('h1').focus();
}

function viewFromAddress() {
  const hash = location.hash.slice(1);
  if (hash in views) return hash;
  if (new URL(location.href).searchParams.has(RETURN_PARAMETER)) return 'paga';
  return online ? 'paga' : 'ricevute';
}

window.addEventListener('hashchange', () => {
  citizenMoved = true;
  showView(viewFromAddress(), { focus: true });
});

// ---- Online / offline -------------------------------------------------------------------------

// navigator.onLine only knows about the device's network, not whether the server answers: ask it.
let online = navigator.onLine;
/** Whether the citizen moved on their own (a tab, a click): the app then never switches view by itself. */
let citizenMoved = false;

function setOnline(value) {
  const cameBack = value && !online;
  online = value;
  $('#offline').hidden = online;
  if (!online && !citizenMoved && !location.hash && !new URL(location.href).searchParams.has(RETURN_PARAMETER)) showView('ricevute');
  if (cameBack) void completePendingReceipts();
}

async function checkConnection() {
  if (!navigator.onLine) return setOnline(false);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), 5000);
  try {
    await fetch(new URL('/healthz', apiUrl), { cache: 'no-store', signal: timeout.signal });
    setOnline(true);
  } catch {
    setOnline(false);
  } finally {
    clearTimeout(timer);
  }
}

window.addEventListener('online', () => void checkConnection());
window.addEventListener('offline', () => setOnline(false));
document.addEventListener('paybox-error', (event) => {
  if (event.detail.code === 'network_error' || event.detail.code === 'timeout') void checkConnection();
});
for (const type of ['click', 'keydown']) document.addEventListener(type, () => (citizenMoved = true), { once: true, capture: true });

// ---- Receipts ---------------------------------------------------------------------------------

let lastSaved = null;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function fact(label, value, { labelTitle } = {}) {
  const term = labelTitle ? element('dt', {}, element('abbr', { title: labelTitle }, label)) : element('dt', {}, label);
  return element('div', {}, term, element('dd', {}, value));
}

function renderReceipts() {
  const receipts = loadReceipts();
  const list = $('#receipts');
  list.replaceChildren(
    ...receipts.map((receipt, index) => {
      const titleId = `receipt-${index}-title`;
      const bankReference = receipt.bankReference ?? t('pending');
      return element(
        'li',
        {},
        element(
          'article',
          { class: 'receipt', 'aria-labelledby': titleId },
          element('h2', { id: titleId }, receipt.description),
          element(
            'dl',
            {},
            fact(t('bankReference'), bankReference, { labelTitle: t('bankReferenceTitle') }),
            fact(t('total'), formatAmount(receipt.total, language)),
            fact(t('amount'), formatAmount(receipt.amount, language)),
            fact(t('fee'), formatAmount(receipt.fee, language)),
            fact(t('date'), formatDateTime(receipt.paidAt, language)),
            receipt.comune ? fact(t('comune'), receipt.comune) : null,
            fact(t('notice'), receipt.noticeNumber),
            fact(t('number'), receipt.number),
            fact(t('verificationCode'), receipt.verificationCode),
          ),
          element('a', { href: receipt.verifyUrl }, t('verify'), element('span', { class: 'visually-hidden' }, ` ${receipt.number}`)),
        ),
      );
    }),
  );
  list.hidden = receipts.length === 0;
  $('#receipts-empty').hidden = receipts.length > 0;
  $('#receipt-count').textContent = receipts.length ? ` (${receipts.length})` : '';
}

function renderSaved() {
  const status = $('#saved');
  if (!lastSaved) {
    status.replaceChildren();
    return;
  }
  status.replaceChildren(t('saved'), ' ', element('a', { href: '#ricevute' }, t('seeReceipts')));
}

/** The credits chosen in this tab, by id: the comune's name survives the trip to the card page. */
function rememberCredit(credit) {
  try {
    const chosen = JSON.parse(sessionStorage.getItem(CREDITS_KEY) ?? '{}');
    chosen[credit.id] = { comune: credit.comune?.name ?? null };
    sessionStorage.setItem(CREDITS_KEY, JSON.stringify(chosen));
  } catch {
    // Without session storage the receipt is kept without the comune's name.
  }
}

function rememberedComune(creditId) {
  try {
    return JSON.parse(sessionStorage.getItem(CREDITS_KEY) ?? '{}')[creditId]?.comune ?? null;
  } catch {
    return null;
  }
}

async function api(path) {
  const response = await fetch(new URL(`/v1${path}`, apiUrl), { headers: { Authorization: `Bearer ${publishableKey}`, Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const polling = new Set();

/** Reads the session again until the bank has given the transfer's CRO/TRN (the receipt says "awaiting the bank" meanwhile). */
async function pollBankReference(sessionId) {
  if (polling.has(sessionId)) return;
  polling.add(sessionId);
  try {
    for (const delay of [500, 1000, 2000, 3000, 5000, 8000, 13000, 20000]) {
      await sleep(delay);
      if (!online) return;
      let session;
      try {
        session = await api(`/checkout-sessions/${encodeURIComponent(sessionId)}`);
      } catch {
        continue;
      }
      const transfer = session.payment?.transfer;
      if (!transfer) return;
      if (transfer.bankReference || transfer.status !== 'pending') {
        const stored = loadReceipts().find((receipt) => receipt.sessionId === sessionId);
        saveReceipt({ ...stored, ...receiptFromSession(session, { apiUrl, comune: stored?.comune ?? null }) });
        renderReceipts();
        return;
      }
    }
  } finally {
    polling.delete(sessionId);
  }
}

/** Receipts saved before their CRO/TRN arrived: ask again when there is a connection. */
async function completePendingReceipts() {
  if (!online || !publishableKey) return;
  await Promise.all(loadReceipts().filter((receipt) => !receipt.bankReference && receipt.transferStatus === 'pending').map((receipt) => pollBankReference(receipt.sessionId)));
}

async function comuneOf(session) {
  const remembered = rememberedComune(session.creditId);
  if (remembered) return remembered;
  try {
    const check = await fetch(new URL(`/v1/receipts/verify/${encodeURIComponent(session.payment.receipt.verificationCode)}`, apiUrl)).then((response) => response.json());
    return check?.receipt?.comune ?? null;
  } catch {
    return null;
  }
}

document.addEventListener('paybox-credit-selected', (event) => {
  rememberCredit(event.detail.credit);
  lastSaved = null;
  renderSaved();
});

document.addEventListener('paybox-payment-succeeded', async (event) => {
  const session = event.detail.session;
  if (!session?.payment) return;
  // Kept at once, then completed with the comune's name.
  lastSaved = saveReceipt(receiptFromSession(session, { apiUrl, comune: rememberedComune(session.creditId) }))[0];
  renderReceipts();
  renderSaved();
  // A reload now shows the app, not this payment again; the receipt is in the list.
  const url = new URL(location.href);
  url.searchParams.delete(RETURN_PARAMETER);
  history.replaceState(history.state, '', url);
  const comune = await comuneOf(session);
  const stored = loadReceipts().find((receipt) => receipt.sessionId === session.id);
  if (stored && comune && !stored.comune) {
    saveReceipt({ ...stored, comune });
    renderReceipts();
  }
  if (!session.payment.transfer.bankReference) void pollBankReference(session.id);
});

// ---- Installing -------------------------------------------------------------------------------

let installPrompt = null;
window.addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  installPrompt = event;
  $('#install').hidden = false;
});
$('#install').addEventListener('click', async () => {
  if (!installPrompt) return;
  $('#install').hidden = true;
  await installPrompt.prompt();
  installPrompt = null;
});
window.addEventListener('appinstalled', () => {
  $('#install').hidden = true;
});

// ---- Start ------------------------------------------------------------------------------------

applyLanguage();
showView(viewFromAddress());
$('#offline').hidden = online;
void checkConnection().then(() => completePendingReceipts());
