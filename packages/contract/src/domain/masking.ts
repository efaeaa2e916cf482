/**
 * Masks personal data for callers that must not see it in full (publishable and terminal keys):
 * every word keeps its first letter (`Mario Rossi` -> `M*** R***`). A letter is a whole grapheme:
 * `𠮷田` keeps `𠮷` (two UTF-16 units, never one half of it) and an `É` written as E + U+0301 keeps its accent.
 */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${graphemes(word)[0]}***`)
    .join(' ');
}

/** Keeps the first three and the last two characters of a tax code: `RSS***********2S`. */
export function maskTaxCode(code: string): string {
  // Codes from a comune's connector are not checked by us: count graphemes, so no surrogate is cut.
  const characters = graphemes(code);
  if (characters.length <= 5) return '*'.repeat(characters.length);
  return characters.slice(0, 3).join('') + '*'.repeat(characters.length - 5) + characters.slice(-2).join('');
}

let segmenter: Intl.Segmenter | undefined;

/** Below U+0300 no character combines with the next and none is half of a pair: each unit is a whole character. */
const oneUnitPerCharacter = /^[\u0000-\u02ff]*$/;

/** The user-perceived characters of a text; code points where a runtime has no Intl.Segmenter. */
function graphemes(text: string): string[] {
  // The common case (tax codes, most names) skips the segmenter, which showed in the lookup's profile.
  if (oneUnitPerCharacter.test(text)) return text.split('');
  if (typeof Intl.Segmenter !== 'function') return Array.from(text);
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), ({ segment }) => segment);
}
