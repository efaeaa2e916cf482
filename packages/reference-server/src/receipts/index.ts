export { renderReceiptText, type ReceiptColumns } from './render-text.js';
export { renderReceiptPdf } from './render-pdf.js';
