import QRCode from 'qrcode';

/**
 * The QR code of `text` as rows of modules, `true` for dark. Error correction level L keeps
 * the symbol small enough to print as text on 80 mm paper.
 */
export function qrModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'L' });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, column) => modules.get(row, column) === 1),
  );
}
