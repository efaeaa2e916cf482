/** The QR encoder alone, as its own module: the import() in qr-svg.ts then loads it without the rest of the receipts module. */
export { qrModules } from '@pay-box/sdk/receipts';
