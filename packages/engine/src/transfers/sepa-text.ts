/** The SEPA basic Latin character set (EPC guidelines): what every bank on the scheme must accept. */
const sepaCharacters = "A-Za-z0-9/\\-?:().,'+ ";
const onlySepaCharacters = new RegExp(`^[${sepaCharacters}]*$`);
const otherCharacters = new RegExp(`[^${sepaCharacters}]`, 'g');

/** Letters that Unicode decomposition does not reduce to a base letter, and typographic apostrophes. */
const transliterations: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', '’': "'", '‘': "'",
};
const transliterated = new RegExp(`[${Object.keys(transliterations).join('')}]`, 'g');

export function isSepaText(text: string): boolean {
  return onlySepaCharacters.test(text);
}

/** `Forlì – l’Ufficio` -> `Forli l'Ufficio`: accents dropped, anything else outside the set becomes a space. */
export function toSepaText(text: string): string {
  return text
    .replace(transliterated, (letter) => transliterations[letter] ?? ' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(otherCharacters, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}
