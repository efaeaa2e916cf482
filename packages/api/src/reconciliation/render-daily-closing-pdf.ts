import { centsToDecimal, formatRomeDateTime, type DailyClosing } from '@pay-box/contract';
import { PageSizes } from 'pdf-lib';
import { LABEL_GREY, PdfWriter } from '../pdf/pdf-writer.js';

const MARGIN = 28;
const euros = (cents: number | null) => (cents === null ? '' : cents < 0 ? `-${centsToDecimal(-cents)}` : centsToDecimal(cents));

/** The columns of a line, left to right: heading, x offset from the margin, and the cell's text. */
const columns: Array<[string, number, (line: DailyClosing['lines'][number]) => string]> = [
  ['Pagato il', 0, (line) => (line.paidAt ? formatRomeDateTime(new Date(line.paidAt)) : '')],
  ['Servizio', 78, (line) => line.serviceCode ?? ''],
  ['Avviso', 128, (line) => line.noticeNumber ?? ''],
  ['Importo', 228, (line) => euros(line.paymentAmount)],
  ['Bonifico', 278, (line) => line.transferStatus ?? ''],
  ['CRO/TRN', 328, (line) => line.bankReference ?? ''],
  ['Bonificato', 488, (line) => euros(line.transferAmount)],
  ['Contabile', 540, (line) => line.entryBookedOn ?? ''],
  ['Accreditato', 600, (line) => euros(line.entryAmount)],
  ['Abbinato per', 655, (line) => line.matchedBy ?? ''],
  ['Differenza', 730, (line) => euros(line.difference)],
];

/** The daily closing as an A4 landscape report: the audit trail of a comune's day. Same input, same bytes. */
export async function renderDailyClosingPdf(closing: DailyClosing): Promise<Uint8Array> {
  const title = `Chiusura giornaliera ${closing.date}`;
  const writer = await PdfWriter.create(
    { pageSize: [PageSizes.A4[1], PageSizes.A4[0]], margin: MARGIN, fontSize: 7.5, lineHeight: 11 },
    { title: `${title} - ${closing.comune.name}`, creator: 'Pay-Box', date: new Date(`${closing.date}T00:00:00Z`) },
  );
  writer.nextLine();
  writer.write(`${closing.comune.name} - ${title}`, MARGIN, writer.bold, undefined, 14);
  writer.y -= 8;

  writer.heading('Pagamenti, bonifici e movimenti del giornale di cassa');
  writer.nextLine();
  for (const [heading, x] of columns) writer.write(heading, MARGIN + x, writer.bold, LABEL_GREY);
  for (const line of closing.lines) {
    writer.nextLine();
    for (const [, x, cell] of columns) writer.write(cell(line), MARGIN + x, writer.regular);
  }

  const { payments, transfers, statementEntries, differences } = closing.totals;
  writer.y -= 6;
  writer.heading('Totali');
  const totals: Array<[string, string]> = [
    ['Pagamenti', `${payments.count} per ${euros(payments.amount)} EUR (commissioni ${euros(payments.fees)} EUR)`],
    ['Bonifici', `${transfers.count} per ${euros(transfers.amount)} EUR: eseguiti ${euros(transfers.settled)}, in attesa ${euros(transfers.pending)}, respinti ${euros(transfers.rejected)}`],
    ['Giornale di cassa', `${statementEntries.count} movimenti per ${euros(statementEntries.amount)} EUR: abbinati ${euros(statementEntries.matched)}, sconosciuti ${euros(statementEntries.unknown)}`],
    ['Bonifici - pagamenti', `${euros(differences.transfersMinusPayments)} EUR`],
    ['Tesoreria - bonifici', `${euros(differences.statementMinusTransfers)} EUR`],
    ['Bonifici non riconciliati', String(differences.notReconciled)],
  ];
  for (const [label, value] of totals) {
    writer.nextLine();
    writer.write(label, MARGIN, writer.regular, LABEL_GREY);
    writer.write(value, MARGIN + 120, writer.bold);
  }
  return writer.save();
}
