import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderReceiptPdf } from '../../src/receipts/render-pdf.js';
import { receiptFixture } from '../../../contract/test/receipts/receipt-fixture.js';

describe('renderReceiptPdf', () => {
  it('makes a one-page PDF titled with the receipt number', async () => {
    const bytes = await renderReceiptPdf(receiptFixture());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe('Ricevuta di pagamento 2026-000123');
  });

  it('gives the same bytes for the same receipt, whenever it is printed', async () => {
    const receipt = receiptFixture();
    expect(await renderReceiptPdf(receipt)).toEqual(await renderReceiptPdf(receipt));
  });

  it('prints text that Helvetica cannot encode, such as curly quotes and foreign letters', async () => {
    const receipt = receiptFixture({
      description: 'Canone “mercatale” – Łódź 🍋',
      transfer: { status: 'pending', bankReference: null },
    });
    const pdf = await PDFDocument.load(await renderReceiptPdf(receipt));
    expect(pdf.getPageCount()).toBe(1);
  });
});
