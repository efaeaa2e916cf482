/** Dates as the comune and the shop see them: Europe/Rome, whatever the machine's zone. */
const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });
const printFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** The calendar day in Rome of an instant, `YYYY-MM-DD`. */
export function romeDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** As printed on a receipt: `26/11/2026 10:42`. */
export function formatRomeDateTime(instant: Date): string {
  return printFormat.format(instant).replace(',', '');
}
