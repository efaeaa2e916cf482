/**
 * Masks personal data for callers that must not see it in full (publishable and terminal keys):
 * every word keeps its first letter (`Mario Rossi` -> `M*** R***`).
 */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${word[0]}***`)
    .join(' ');
}

/** Keeps the first three and the last two characters of a tax code: `RSS***********2S`. */
export function maskTaxCode(code: string): string {
  if (code.length <= 5) return '*'.repeat(code.length);
  return code.slice(0, 3) + '*'.repeat(code.length - 5) + code.slice(-2);
}
