/** Dates as the comune and the shop see them: Europe/Rome, whatever the server's zone. */
export const ROME = 'Europe/Rome';

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: ROME, timeZoneName: 'longOffset' });
const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ROME, year: 'numeric', month: '2-digit', day: '2-digit' });
const printFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: ROME,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** Rome's offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function romeOffsetMs(instant: number): number {
  const name = offsetFormat.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === '-' ? -minutes : minutes) * 60_000;
}

/** Midnight of a calendar day in Rome, as an instant. */
function romeMidnight(year: number, month: number, day: number): Date {
  const utcMidnight = Date.UTC(year, month - 1, day);
  const guess = utcMidnight - romeOffsetMs(utcMidnight);
  return new Date(utcMidnight - romeOffsetMs(guess));
}

/** The instants [from, to) of a day in Rome, `YYYY-MM-DD`; 23 or 25 hours on DST days. */
export function romeDayBounds(date: string): { from: Date; to: Date } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { from: romeMidnight(year, month, day), to: romeMidnight(year, month, day + 1) };
}

/**
 * The last UTC hour asked for and its day: Rome's offset is whole hours (since 1893) and changes on the hour, so
 * every instant of one UTC hour is on the same day in Rome, and most calls in a row ask within one.
 */
let last: { hour: number; date: string } | undefined;

/** The calendar day in Rome of an instant, `YYYY-MM-DD`. */
export function romeDate(instant: Date): string {
  const hour = Math.floor(instant.getTime() / 3_600_000);
  if (last?.hour === hour) return last.date;
  const date = dateFormat.format(instant);
  last = { hour, date };
  return date;
}

/** As printed on a receipt: `26/11/2026, 10:42` -> `26/11/2026 10:42`. */
export function formatRomeDateTime(instant: Date): string {
  return printFormat.format(instant).replace(',', '');
}
