import type { Receipt } from '../contract/receipts.js';
import { formatEuro } from '../domain/money.js';

type ReceiptLine = [label: string | null, value: string];

/** What a printed receipt says, by section: the same facts, in the same order, as the reference server's receipts. */
function receiptSections(receipt: Receipt): Array<{ heading: string | null; lines: ReceiptLine[] }> {
  const euro = (cents: number) => formatEuro(cents).replace(/\s/g, ' ');
  const { collectedBy } = receipt;
  return [
    { heading: null, lines: [['Ricevuta n.', receipt.number], ['Data e ora', receipt.issuedAtLocal]] },
    { heading: 'Ente creditore', lines: [['Comune', receipt.comune.name], ['Codice fiscale', receipt.comune.fiscalCode]] },
    {
      heading: 'Pagamento',
      lines: [
        ['Servizio', receipt.service.name],
        ['Causale', receipt.description],
        ['Codice avviso', receipt.noticeNumber],
        ['IUV', receipt.iuv],
        ['Importo', euro(receipt.amount)],
        ['Commissione', euro(receipt.fee)],
        ['TOTALE', euro(receipt.total)],
      ],
    },
    {
      heading: 'Incassato da',
      lines: [
        ['Esercente', collectedBy.agentName ?? '-'],
        ['Indirizzo', collectedBy.agentAddress ?? '-'],
        ['Per conto di', collectedBy.onBehalfOf],
        [null, collectedBy.statement],
      ],
    },
    {
      heading: 'Riferimenti',
      lines: [
        ['ID pagamento', receipt.paymentId],
        ['CRO/TRN', receipt.transfer.bankReference ?? 'in attesa'],
        ['Codice di verifica', receipt.verificationCode],
        ['Verifica su', receipt.verifyUrl],
      ],
    },
  ];
}

/** Words on lines of at most `columns` characters; a word longer than a line is cut. */
function wrap(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).flatMap((w) => w.match(new RegExp(`.{1,${columns}}`, 'g')) ?? [])) {
    if (line && `${line} ${word}`.length > columns) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return line ? [...lines, line] : lines;
}

/** Monospaced text for thermal printers: 32 columns on 58 mm paper, 48 on 80 mm. */
export function renderReceiptText(receipt: Receipt, columns: 32 | 48): string {
  const rule = '='.repeat(columns);
  const center = (text: string) => ' '.repeat(Math.max(0, Math.floor((columns - text.length) / 2))) + text;
  const line = ([label, value]: ReceiptLine) => {
    if (label === null) return wrap(value, columns);
    const head = `${label}:`;
    return `${head} ${value}`.length <= columns ? [head + value.padStart(columns - head.length)] : [head, ...wrap(value, columns)];
  };
  const body = receiptSections(receipt).flatMap(({ heading, lines }) => [
    ...(heading === null ? [] : ['-'.repeat(columns), heading.toUpperCase()]),
    ...lines.flatMap(line),
  ]);
  return `${[rule, center('Pay-Box'), center('Ricevuta di pagamento'), rule, ...body, rule].join('\n')}\n`;
}

/** A one-page PDF with the receipt's lines in Helvetica. ASCII only, which is all the fake needs, so a string holds its bytes. */
export function renderReceiptPdf(receipt: Receipt): string {
  const ascii = (text: string) => text.replace(/€/g, 'EUR').normalize('NFD').replace(/[^\x20-\x7E]/g, '').replace(/[\\()]/g, '\\$&');
  const lines = receiptSections(receipt)
    .flatMap((section) => section.lines)
    .map(([label, value]) => ascii(label === null ? value : `${label}: ${value}`));
  const content = ['BT /F1 10 Tf 40 800 Td 14 TL', '(Pay-Box - Ricevuta di pagamento) Tj T*', ...lines.map((line) => `(${line}) Tj T*`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return pdf;
}
