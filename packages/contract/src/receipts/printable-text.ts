/** Non-ASCII characters every receipt output can print: thermal printers' code pages and PDF WinAnsi both have them. */
const PRINTABLE_NON_ASCII = '€àèéìíîòóùúÀÈÉÌÍÎÒÓÙÚ';

const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
};

/**
 * Makes text safe for a POS printer and for Helvetica/WinAnsi: ASCII, € and accented Italian
 * letters. Any whitespace (formatEuro's no-break space, line breaks) becomes a plain space,
 * other accents are dropped (`ñ` -> `n`), and what is left unprintable becomes `?`.
 */
export function toPrintable(text: string): string {
  return Array.from(text.normalize('NFC'), (char) => {
    if (/\s/u.test(char)) return ' ';
    if (/[\x20-\x7E]/.test(char) || PRINTABLE_NON_ASCII.includes(char)) return char;
    const lookalike = LOOKALIKES[char];
    if (lookalike !== undefined) return lookalike;
    const withoutAccents = char.normalize('NFD').replace(/\p{M}/gu, '');
    return /^[\x20-\x7E]+$/.test(withoutAccents) ? withoutAccents : '?';
  }).join('');
}
