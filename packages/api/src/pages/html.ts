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

/** A page of the server's own: its language, its title, its one stylesheet, and what goes in its body. */
export function htmlDocument({ locale, title, stylesheet, body }: { locale: PageLocale; title: string; stylesheet: string; body: string }): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<link rel="stylesheet" href="${stylesheet}">
</head>
<body>
${body}
</body>
</html>
`;
}
