import { wrapWords } from '@pay-box/contract/receipts';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export const ACCENT = rgb(0, 0.4, 0.8); // Bootstrap Italia primary, familiar from comune sites
export const LABEL_GREY = rgb(0.35, 0.35, 0.35);
export const BLACK = rgb(0, 0, 0);

export interface PdfLayout {
  /** Width and height in points, e.g. pdf-lib's PageSizes.A5. */
  pageSize: [number, number];
  margin: number;
  fontSize: number;
  lineHeight: number;
}

export interface PdfMetadata {
  title: string;
  creator: string;
  /** The document's own date: the same input gives the same bytes. */
  date: Date;
}

/**
 * Writes lines of text down pages of one size, starting a page when the next line would not fit:
 * the part of a Pay-Box PDF (a receipt, a daily closing) that is not about what it says.
 */
export class PdfWriter {
  page: PDFPage;
  /** The baseline of the last line written; lines go down from the top margin. */
  y: number;

  private constructor(
    readonly pdf: PDFDocument,
    readonly layout: PdfLayout,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.page = pdf.addPage(layout.pageSize);
    this.y = this.top;
  }

  static async create(layout: PdfLayout, metadata: PdfMetadata): Promise<PdfWriter> {
    // updateMetadata: false keeps pdf-lib from stamping the current time; the dates are the document's own.
    const pdf = await PDFDocument.create({ updateMetadata: false });
    pdf.setTitle(metadata.title);
    pdf.setCreator(metadata.creator);
    pdf.setLanguage('it-IT');
    pdf.setCreationDate(metadata.date);
    pdf.setModificationDate(metadata.date);
    return new PdfWriter(pdf, layout, await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold));
  }

  get top(): number {
    return this.layout.pageSize[1] - this.layout.margin;
  }

  get width(): number {
    return this.layout.pageSize[0] - 2 * this.layout.margin;
  }

  /** Moves down one line, to a new page when it would cross the bottom margin: long data continues rather than being cut off. */
  nextLine(): void {
    if (this.y - this.layout.lineHeight < this.layout.margin) {
      this.page = this.pdf.addPage(this.layout.pageSize);
      this.y = this.top;
    }
    this.y -= this.layout.lineHeight;
  }

  /** Text on the current line at `x` (from the left edge of the page). */
  write(text: string, x: number, font: PDFFont = this.regular, color = BLACK, size = this.layout.fontSize): void {
    this.page.drawText(text, { x, y: this.y, size, font, color });
  }

  /** A section heading in capitals with a rule under it. */
  heading(text: string): void {
    this.nextLine();
    this.write(text.toUpperCase(), this.layout.margin, this.bold, ACCENT);
    this.page.drawLine({ start: { x: this.layout.margin, y: this.y - 3 }, end: { x: this.layout.pageSize[0] - this.layout.margin, y: this.y - 3 }, thickness: 0.5, color: ACCENT });
    this.y -= 3;
  }

  /** `text` broken into lines no wider than `width` in `font`. */
  wrap(text: string, width: number, font: PDFFont): string[] {
    return wrapWords(text, (line) => font.widthOfTextAtSize(line, this.layout.fontSize) <= width);
  }

  save(): Promise<Uint8Array> {
    return this.pdf.save();
  }
}
