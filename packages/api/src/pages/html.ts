/** What the server's HTML pages share: their two languages, and text made safe for HTML. */

export type PageLocale = 'it' | 'en';

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** `?lang=` wins, then the browser's first language that is English or Italian; `fallback` otherwise. */
export function pageLocale(lang: string | undefined, acceptLanguage: string | undefined, fallback: PageLocale = 'it'): PageLocale {
  if (lang === 'it' || lang === 'en') return lang;
  for (const range of (acceptLanguage ?? '').split(',')) {
    const tag = range.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('it')) return 'it';
    if (tag.startsWith('en')) return 'en';
  }
  return fallback;
}

/** Euro amounts as people of each language read them. */
export const moneyFormats: Record<PageLocale, Intl.NumberFormat> = {
  it: new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
};
