import { describe, expect, it } from 'vitest';
import { randomIds } from '../src/ports/ids.js';

describe('randomIds', () => {
  it('makes ids of the documented shape: a prefix and 20 base62 characters, within SEPA’s 35 for an EndToEndId', () => {
    const id = randomIds.id('pay');
    expect(id).toMatch(/^pay_[0-9A-Za-z]{20}$/);
    expect(id.length).toBeLessThanOrEqual(35);
  });

  it('sorts ids made later after earlier ones, in SQL’s text order, so new rows go to the end of an index', async () => {
    const earlier = Array.from({ length: 50 }, () => randomIds.id('pay'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = Array.from({ length: 50 }, () => randomIds.id('pay'));
    // Byte order, as SQLite's BINARY collation and PostgreSQL's "C" compare.
    const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
    for (const a of earlier) for (const b of later) expect(byBytes(a, b)).toBeLessThan(0);
  });

  it('keeps 12 random characters in every id: a thousand made in the same millisecond are all different', () => {
    const ids = Array.from({ length: 1000 }, () => randomIds.id('cks'));
    expect(new Set(ids).size).toBe(1000);
    expect(new Set(ids.map((id) => id.slice(-12))).size).toBe(1000);
  });
});
