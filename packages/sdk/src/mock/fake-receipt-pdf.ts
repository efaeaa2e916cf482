import type { Receipt } from '../contract/receipts.js';
import { buildReceiptContent } from '../receipts/receipt-content.js';

/** A one-page PDF with the receipt's lines in Helvetica. ASCII only, which is all the fake needs, so a string holds its bytes. */
export function renderReceiptPdf(receipt: Receipt): string {
  const ascii = (text: string) => text.replace(/€/g, 'EUR').normalize('NFD').replace(/[^\x20-\x7E]/g, '').replace(/[\\()]/g, '\\$&');
  const lines = buildReceiptContent(receipt)
    .sections.flatMap((section) => section.lines)
    .map(({ label, value }) => ascii(label === null ? value : `${label}: ${value}`));
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
