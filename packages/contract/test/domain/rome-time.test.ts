import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { romeDate, romeDayBounds } from '../../src/domain/rome-time.js';

const reference = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('romeDate', () => {
  it('names the day in Rome around midnight and on both DST changes', () => {
    expect(romeDate(new Date('2026-11-30T22:59:59.999Z'))).toBe('2026-11-30');
    expect(romeDate(new Date('2026-11-30T23:00:00.000Z'))).toBe('2026-12-01');
    // 29 March 2026: clocks go forward at 02:00, the day lasts 23 hours.
    expect(romeDate(new Date('2026-03-28T22:59:59.999Z'))).toBe('2026-03-28');
    expect(romeDate(new Date('2026-03-29T21:59:59.999Z'))).toBe('2026-03-29');
    expect(romeDate(new Date('2026-03-29T22:00:00.000Z'))).toBe('2026-03-30');
    // 25 October 2026: clocks go back at 03:00, the day lasts 25 hours.
    expect(romeDate(new Date('2026-10-24T21:59:59.999Z'))).toBe('2026-10-24');
    expect(romeDate(new Date('2026-10-25T22:59:59.999Z'))).toBe('2026-10-25');
    expect(romeDate(new Date('2026-10-25T23:00:00.000Z'))).toBe('2026-10-26');
    expect(romeDayBounds('2026-10-25').to.getTime() - romeDayBounds('2026-10-25').from.getTime()).toBe(25 * 3_600_000);
  });

  it('gives what the time zone database says for any sequence of instants (the last hour’s day is remembered)', () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
    // Runs of nearby instants, as requests ask, and jumps between them.
    const run = fc.tuple(instant, fc.array(fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), { maxLength: 20 }));
    fc.assert(
      fc.property(fc.array(run, { minLength: 1, maxLength: 10 }), (runs) => {
        for (const [start, steps] of runs) {
          for (const at of [start, ...steps.map((step) => start + step)]) expect(romeDate(new Date(at))).toBe(reference.format(at));
        }
      }),
    );
  });
});
