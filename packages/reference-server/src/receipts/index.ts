export { renderReceiptPdf } from './render-pdf.js';
