import { configureLocalization } from '@lit/localize';

/** The widgets' languages: Italian, the source, and English. */
export type WidgetLocale = 'it' | 'en';

// Runtime mode: Italian strings live in the components, English is loaded once a widget asks for it.
const { setLocale } = configureLocalization({
  sourceLocale: 'it',
  targetLocales: ['en'],
  loadLocale: () => import('../locales/en.js'),
});

/**
 * Switches every Pay-Box widget of the page to one language (@lit/localize keeps one per page).
 * Resolves once the strings are there.
 */
export function useLocale(locale: WidgetLocale): Promise<void> {
  return setLocale(locale);
}

/** `locale` as given by an attribute, else the page's own `<html lang>`, else Italian. */
export function resolveLocale(value: string | null | undefined): WidgetLocale {
  const wanted = value || (typeof document === 'undefined' ? '' : document.documentElement.lang);
  return wanted.toLowerCase().startsWith('en') ? 'en' : 'it';
}

const intlLocale = (locale: WidgetLocale) => (locale === 'en' ? 'en-GB' : 'it-IT');

const euroFormats = new Map<WidgetLocale, Intl.NumberFormat>();

/** Integer cents as euro in the widget's language: `1250` -> `12,50 €` (it-IT), `€12.50` (en-GB). */
export function formatAmount(cents: number, locale: WidgetLocale): string {
  let format = euroFormats.get(locale);
  if (!format) euroFormats.set(locale, (format = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'EUR' })));
  return format.format(cents / 100);
}

/** A calendar day (YYYY-MM-DD) or an instant (ISO), as the citizen reads dates: `26 novembre 2026`. */
export function formatDate(value: string, locale: WidgetLocale, withTime = false): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'long',
    ...(withTime && { timeStyle: 'short' }),
    timeZone: 'Europe/Rome',
  }).format(date);
}

/** The name of an ISO day of the week (Monday = 1): `lunedì`, `Monday`. */
export function weekdayName(isoDay: number, locale: WidgetLocale): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, isoDay)));
}

/** A localized text of the API (`{ it, en }`) in the widget's language. */
export const localized = (text: { it: string; en: string }, locale: WidgetLocale) => text[locale];
