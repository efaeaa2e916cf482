/**
 * @pay-box/contract/receipts: what a Pay-Box receipt says and how it prints on a thermal POS printer.
 * The engine's HTTP API prints with these, so a receipt reads the same everywhere; a POS can reprint
 * a receipt from its JSON without asking the server.
 */
export { renderReceiptText, type ReceiptColumns } from './render-text.js';
export { buildReceiptContent, type ReceiptContent, type ReceiptLine, type ReceiptSection } from './receipt-content.js';
export { qrModules } from './qr-modules.js';
export { wrapWords } from './wrap-words.js';
