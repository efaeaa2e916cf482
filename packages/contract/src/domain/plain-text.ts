/**
 * Characters a single line of text must not carry to a receipt or into the comune's books (a
 * debtor's name, a causale, a field of an unexpected credit):
 * - C0 and C1 controls, tab and newline included (U+0000-U+001F, U+007F-U+009F), and the line and
 *   paragraph separators U+2028/U+2029: a NUL cuts the text short in C code, a newline forges a line
 *   on a printed receipt or in an export;
 * - bidirectional formatting characters: embeddings and overrides (U+202A-U+202E), isolates
 *   (U+2066-U+2069) and marks (U+200E, U+200F, U+061C), which make a text display otherwise than it
 *   reads: with U+202E, `Mario issoR` shows as `Mario Rossi`.
 * Callers trim first: a line break around the text is not part of it.
 */
const controlOrBidi = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * Half of a surrogate pair without the other: JSON can carry it (`"\ud842"`), Unicode cannot.
 * No lookbehind: the SDK loads this in browsers (Safari before 16.4) that reject one.
 */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;

export const CONTROL_OR_BIDI_MESSAGE = 'must not contain control or bidirectional formatting characters';
export const LONE_SURROGATE_MESSAGE = 'must be valid Unicode: half of a surrogate pair is not';

export function hasForbiddenCharacters(text: string): boolean {
  return controlOrBidi.test(text) || loneSurrogate.test(text);
}

/** What is wrong with a single line of text, or null: the message the API and the SDK both give. */
export function plainTextProblem(text: string): string | null {
  if (controlOrBidi.test(text)) return CONTROL_OR_BIDI_MESSAGE;
  return loneSurrogate.test(text) ? LONE_SURROGATE_MESSAGE : null;
}
