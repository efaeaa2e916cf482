import { configureLocalization } from '@lit/localize';

/** The cruscotto's languages: Italian, the source, and English. */
export type Locale = 'it' | 'en';

// Runtime mode: the Italian strings live in the pages, English is loaded when chosen.
const localization = configureLocalization({
  sourceLocale: 'it',
  targetLocales: ['en'],
  loadLocale: () => import('../locales/en.js'),
});

const STORAGE_KEY = 'paybox-cruscotto-locale';

export const currentLocale = (): Locale => (localization.getLocale() === 'en' ? 'en' : 'it');

/** Switches the whole app, remembers the choice on this browser, and tells assistive technology the page's language. */
export async function useLocale(locale: Locale): Promise<void> {
  await localization.setLocale(locale);
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

/** The language chosen before on this browser, else the browser's own if English, else Italian. */
export function preferredLocale(): Locale {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  if (stored === 'it' || stored === 'en') return stored;
  return 'it';
}

const intlLocale = () => (currentLocale() === 'en' ? 'en-GB' : 'it-IT');

/** Integer cents as euro: `1250` -> `12,50 €` (it), `€12.50` (en). */
export function formatAmount(cents: number): string {
  return new Intl.NumberFormat(intlLocale(), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** Signed cents, with a plus for a surplus. */
export function formatDifference(cents: number): string {
  return `${cents > 0 ? '+' : ''}${formatAmount(cents)}`;
}

export function formatCount(count: number): string {
  return new Intl.NumberFormat(intlLocale()).format(count);
}

/** A Rome day (`YYYY-MM-DD`) as `30/11/2026`. */
export function formatDay(day: string, style: 'short' | 'medium' = 'short'): string {
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: style, timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** An instant as Rome's date and time: `30/11/2026, 14:05:09`. */
export function formatInstant(instant: string | null | undefined): string {
  if (!instant) return '—';
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Rome' }).format(new Date(instant));
}

/** Today in Rome, `YYYY-MM-DD`. */
export function romeToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
}

/** What staff type as euro (`12,50`, `12.50`, `12`) as integer cents; undefined when it is not an amount. */
export function parseEuro(text: string): number | undefined {
  const trimmed = text.trim().replace(/\s|€/g, '');
  if (!/^\d{1,9}([.,]\d{1,2})?$/.test(trimmed)) return undefined;
  const [units, decimals = ''] = trimmed.split(/[.,]/);
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'));
}

/** Cents as the value of an amount input: `1250` -> `12,50` (it) or `12.50` (en). */
export function euroInput(cents: number): string {
  const text = (cents / 100).toFixed(2);
  return currentLocale() === 'it' ? text.replace('.', ',') : text;
}
