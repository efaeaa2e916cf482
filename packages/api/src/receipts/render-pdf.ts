import type { Receipt } from '@pay-box/contract';
import { PDFDocument, PageSizes, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { buildReceiptContent, qrModules, wrapWords } from '@pay-box/contract/receipts';

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A5;
const MARGIN = 36;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const FONT_SIZE = 9;
const LINE_HEIGHT = 12;
const LABEL_WIDTH = 100;
const QR_SIZE = 96;
const ACCENT = rgb(0, 0.4, 0.8); // Bootstrap Italia primary, familiar from comune sites
const LABEL_GREY = rgb(0.35, 0.35, 0.35);
const BLACK = rgb(0, 0, 0);

/** The receipt as an A5 portrait PDF with its verification QR code. Same input, same bytes. */
export async function renderReceiptPdf(receipt: Receipt): Promise<Uint8Array> {
  const content = buildReceiptContent(receipt);
  // updateMetadata: false keeps pdf-lib from stamping the current time; the dates are the receipt's own.
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const issuedAt = new Date(receipt.issuedAt);
  pdf.setTitle(`${content.subtitle} ${receipt.number}`);
  pdf.setCreator(content.title);
  pdf.setLanguage('it-IT');
  pdf.setCreationDate(issuedAt);
  pdf.setModificationDate(issuedAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);

  let page = pdf.addPage(PageSizes.A5);
  page.drawText(content.title, { x: MARGIN, y: PAGE_HEIGHT - MARGIN - 22, size: 22, font: bold, color: ACCENT });
  page.drawText(content.subtitle, { x: MARGIN, y: PAGE_HEIGHT - MARGIN - 42, size: 12, font: regular, color: BLACK });
  drawQrCode(page, qrModules(content.qrPayload), PAGE_WIDTH - MARGIN - QR_SIZE, PAGE_HEIGHT - MARGIN);

  let y = PAGE_HEIGHT - MARGIN - QR_SIZE;
  // Long data continues on another page rather than being cut off.
  const nextLine = () => {
    if (y - LINE_HEIGHT < MARGIN) {
      page = pdf.addPage(PageSizes.A5);
      y = PAGE_HEIGHT - MARGIN;
    }
    y -= LINE_HEIGHT;
  };
  const write = (text: string, x: number, font: PDFFont, color = BLACK) =>
    page.drawText(text, { x, y, size: FONT_SIZE, font, color });
  const fitsWithin = (width: number, font: PDFFont) => (text: string) => font.widthOfTextAtSize(text, FONT_SIZE) <= width;

  for (const section of content.sections) {
    y -= LINE_HEIGHT / 2;
    if (section.heading !== null) {
      nextLine();
      write(section.heading.toUpperCase(), MARGIN, bold, ACCENT);
      page.drawLine({ start: { x: MARGIN, y: y - 3 }, end: { x: PAGE_WIDTH - MARGIN, y: y - 3 }, thickness: 0.5, color: ACCENT });
      y -= 3;
    }
    for (const { label, value, strong } of section.lines) {
      const font = strong ? bold : regular;
      if (label === null) {
        for (const text of wrapWords(value, fitsWithin(CONTENT_WIDTH, font))) {
          nextLine();
          write(text, MARGIN, font);
        }
        continue;
      }
      nextLine();
      write(label, MARGIN, font, strong ? BLACK : LABEL_GREY);
      wrapWords(value, fitsWithin(CONTENT_WIDTH - LABEL_WIDTH, font)).forEach((text, index) => {
        if (index > 0) nextLine();
        write(text, MARGIN + LABEL_WIDTH, font);
      });
    }
  }
  return pdf.save();
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
