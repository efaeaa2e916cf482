// The app's own words, Italian first; the widgets translate theirs (the `locale` attribute).

export const messages = {
  it: {
    title: 'Paga il Comune · Pay-Box',
    appName: 'Paga il Comune',
    switchLanguage: 'English',
    sections: 'Sezioni dell’app',
    navPay: 'Paga un avviso',
    navReceipts: 'Le mie ricevute',
    receiptCount: (n) => (n === 1 ? '1 ricevuta' : `${n} ricevute`),
    offline: 'Sei offline. Le ricevute salvate restano consultabili; per cercare e pagare un avviso serve la connessione.',
    payTitle: 'Paga un avviso',
    payIntro: 'Inquadra il QR code dell’avviso pagoPA o scrivi il codice avviso (18 cifre). Paga con carta, oppure in contanti in un punto Pay-Box: tabaccherie ed edicole del Comune.',
    saved: 'Ricevuta salvata su questo dispositivo.',
    seeReceipts: 'Vai alle mie ricevute',
    receiptsTitle: 'Le mie ricevute',
    receiptsIntro: 'Restano solo su questo dispositivo e si possono consultare anche senza connessione.',
    receiptsEmpty: 'Non hai ancora ricevute salvate. Dopo un pagamento con carta la ricevuta compare qui.',
    number: 'Numero ricevuta',
    date: 'Data',
    comune: 'Ente',
    notice: 'Codice avviso',
    amount: 'Importo',
    fee: 'Commissione',
    total: 'Totale pagato',
    bankReference: 'CRO/TRN',
    bankReferenceTitle: 'Riferimento del bonifico al comune',
    pending: 'in attesa della banca',
    verificationCode: 'Codice di verifica',
    verify: 'Verifica la ricevuta',
    install: 'Installa l’app',
    footer: 'Pay-Box: pagamenti ai Comuni in negozio, sul web e in app. Software libero.',
  },
  en: {
    title: 'Pay your Comune · Pay-Box',
    appName: 'Pay your Comune',
    switchLanguage: 'Italiano',
    sections: 'App sections',
    navPay: 'Pay a notice',
    navReceipts: 'My receipts',
    receiptCount: (n) => (n === 1 ? '1 receipt' : `${n} receipts`),
    offline: 'You are offline. Your saved receipts are still here; finding and paying a notice needs a connection.',
    payTitle: 'Pay a notice',
    payIntro: 'Scan the QR code of the pagoPA notice or type its notice number (18 digits). Pay by card, or in cash at a Pay-Box shop: the Comune’s tobacconists and newsagents.',
    saved: 'Receipt saved on this device.',
    seeReceipts: 'Go to my receipts',
    receiptsTitle: 'My receipts',
    receiptsIntro: 'They stay on this device only, and you can read them without a connection.',
    receiptsEmpty: 'No saved receipts yet. After you pay by card, the receipt appears here.',
    number: 'Receipt number',
    date: 'Date',
    comune: 'Creditor',
    notice: 'Notice number',
    amount: 'Amount',
    fee: 'Fee',
    total: 'Total paid',
    bankReference: 'CRO/TRN',
    bankReferenceTitle: 'Reference of the bank transfer to the comune',
    pending: 'awaiting the bank',
    verificationCode: 'Verification code',
    verify: 'Verify the receipt',
    install: 'Install the app',
    footer: 'Pay-Box: payments to Comuni at shops, on the web and in apps. Free software.',
  },
};

/** `it` unless the citizen chose English on this device. */
export function savedLanguage(storage) {
  try {
    return storage.getItem('paybox-citizen-app:language') === 'en' ? 'en' : 'it';
  } catch {
    return 'it';
  }
}

export function saveLanguage(storage, language) {
  try {
    storage.setItem('paybox-citizen-app:language', language);
  } catch {
    // Private mode without storage: the choice lasts for this visit.
  }
}

const intlLocale = (language) => (language === 'en' ? 'en-GB' : 'it-IT');

/** Integer cents as euro: `1250` -> `12,50 €` / `€12.50`. */
export function formatAmount(cents, language) {
  return new Intl.NumberFormat(intlLocale(language), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** An instant as Rome's date and time: `30 novembre 2026 alle ore 17:45`. */
export function formatDateTime(iso, language) {
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(new Date(iso));
}
