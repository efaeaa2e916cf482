/**
 * Greedy word wrap. `fits` says whether a line is short enough (columns for text, points for PDF).
 * A word longer than a whole line (a URL, a code) is split across lines so no character is lost.
 */
export function wrapWords(text: string, fits: (line: string) => boolean): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const joined = current === '' ? word : `${current} ${word}`;
    if (fits(joined)) {
      current = joined;
      continue;
    }
    if (current !== '') lines.push(current);
    let rest = word;
    while (!fits(rest)) {
      const piece = longestFittingPrefix(rest, fits);
      // Break a URL after a slash, or else a code after a hyphen: easier to read back.
      const breakAfter = (piece.includes('/') ? piece.lastIndexOf('/') : piece.lastIndexOf('-')) + 1;
      const length = breakAfter > 0 ? breakAfter : piece.length;
      lines.push(rest.slice(0, length));
      rest = rest.slice(length);
    }
    current = rest;
  }
  if (current !== '') lines.push(current);
  return lines;
}

function longestFittingPrefix(word: string, fits: (line: string) => boolean): string {
  let length = word.length - 1;
  while (length > 1 && !fits(word.slice(0, length))) length--;
  return word.slice(0, Math.max(1, length));
}
