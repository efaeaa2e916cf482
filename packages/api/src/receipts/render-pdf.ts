import type { Receipt } from '@pay-box/contract';
import { PageSizes, type PDFPage } from 'pdf-lib';
import { buildReceiptContent, qrModules } from '@pay-box/contract/receipts';
import { ACCENT, BLACK, LABEL_GREY, PdfWriter } from '../pdf/pdf-writer.js';

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A5;
const MARGIN = 36;
const LABEL_WIDTH = 100;
const QR_SIZE = 96;

/** The receipt as an A5 portrait PDF with its verification QR code. Same input, same bytes. */
export async function renderReceiptPdf(receipt: Receipt): Promise<Uint8Array> {
  const content = buildReceiptContent(receipt);
  const writer = await PdfWriter.create(
    { pageSize: PageSizes.A5, margin: MARGIN, fontSize: 9, lineHeight: 12 },
    { title: `${content.subtitle} ${receipt.number}`, creator: content.title, date: new Date(receipt.issuedAt) },
  );
  const { regular, bold } = writer;
  writer.page.drawText(content.title, { x: MARGIN, y: PAGE_HEIGHT - MARGIN - 22, size: 22, font: bold, color: ACCENT });
  writer.page.drawText(content.subtitle, { x: MARGIN, y: PAGE_HEIGHT - MARGIN - 42, size: 12, font: regular, color: BLACK });
  drawQrCode(writer.page, qrModules(content.qrPayload), PAGE_WIDTH - MARGIN - QR_SIZE, PAGE_HEIGHT - MARGIN);

  writer.y = PAGE_HEIGHT - MARGIN - QR_SIZE;
  for (const section of content.sections) {
    writer.y -= writer.layout.lineHeight / 2;
    if (section.heading !== null) writer.heading(section.heading);
    for (const { label, value, strong } of section.lines) {
      const font = strong ? bold : regular;
      if (label === null) {
        for (const text of writer.wrap(value, writer.width, font)) {
          writer.nextLine();
          writer.write(text, MARGIN, font);
        }
        continue;
      }
      writer.nextLine();
      writer.write(label, MARGIN, font, strong ? BLACK : LABEL_GREY);
      writer.wrap(value, writer.width - LABEL_WIDTH, font).forEach((text, index) => {
        if (index > 0) writer.nextLine();
        writer.write(text, MARGIN + LABEL_WIDTH, font);
      });
    }
  }
  return writer.save();
}

/** Each run of dark modules in a row is one black rectangle; `top` is the symbol's upper edge (PDF y grows upwards). */
function drawQrCode(page: PDFPage, modules: boolean[][], x: number, top: number): void {
  const moduleSize = QR_SIZE / modules.length;
  modules.forEach((row, rowIndex) =>
    row.forEach((dark, column) => {
      if (!dark || row[column - 1]) return;
      let runEnd = column + 1;
      while (row[runEnd]) runEnd++;
      page.drawRectangle({
        x: x + column * moduleSize,
        y: top - (rowIndex + 1) * moduleSize,
        width: (runEnd - column) * moduleSize,
        height: moduleSize,
        color: BLACK,
      });
    }),
  );
}
