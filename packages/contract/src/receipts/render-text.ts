import type { Receipt } from '../schemas/receipts.js';
import { qrModules } from './qr-modules.js';
import { buildReceiptContent, type ReceiptLine, type ReceiptSection } from './receipt-content.js';
import { wrapWords } from './wrap-words.js';

/** Characters per line: 58 mm paper prints 32, 80 mm prints 48. */
export type ReceiptColumns = 32 | 48;

/** Light modules around the QR symbol; the paper's own margins add the rest of the quiet zone. */
const QR_QUIET_ZONE = 2;

/** Monospaced receipt for thermal POS printers; no line is longer than `columns`. */
export function renderReceiptText(receipt: Receipt, columns: ReceiptColumns): string {
  const content = buildReceiptContent(receipt);
  const lines = [
    '='.repeat(columns),
    center(content.title, columns),
    center(content.subtitle, columns),
    '='.repeat(columns),
    ...content.sections.flatMap((section) => sectionLines(section, columns)),
    ...qrCodeLines(content.qrPayload, columns),
    '='.repeat(columns),
  ];
  return `${lines.join('\n')}\n`;
}

function center(text: string, columns: number): string {
  return ' '.repeat(Math.max(0, Math.floor((columns - text.length) / 2))) + text;
}

function sectionLines(section: ReceiptSection, columns: number): string[] {
  const heading = section.heading === null ? [] : ['-'.repeat(columns), section.heading.toUpperCase()];
  return [...heading, ...section.lines.flatMap((line) => receiptLineLines(line, columns))];
}

/** `Label:      value` on one line when it fits, otherwise the label and then the value, wrapped. */
function receiptLineLines({ label, value, strong }: ReceiptLine, columns: number): string[] {
  const fits = (line: string) => line.length <= columns;
  if (label === null) return wrapWords(value, fits);
  const head = `${strong ? label.toUpperCase() : label}:`;
  if (fits(`${head} ${value}`)) return [head + value.padStart(columns - head.length)];
  return [head, ...wrapWords(value, fits)];
}

/** The QR code in half blocks, two module rows per line; nothing when it is wider than the paper. */
function qrCodeLines(payload: string, columns: number): string[] {
  const modules = qrModules(payload);
  const size = modules.length + 2 * QR_QUIET_ZONE;
  if (size > columns) return [];
  const isDark = (row: number, column: number) => modules[row - QR_QUIET_ZONE]?.[column - QR_QUIET_ZONE] ?? false;
  const margin = ' '.repeat(Math.floor((columns - size) / 2));
  const lines: string[] = [];
  for (let row = 0; row < size; row += 2) {
    let line = margin;
    for (let column = 0; column < size; column++) line += halfBlock(isDark(row, column), isDark(row + 1, column));
    lines.push(line.trimEnd());
  }
  return lines;
}

function halfBlock(top: boolean, bottom: boolean): string {
  if (top && bottom) return '█';
  if (top) return '▀';
  return bottom ? '▄' : ' ';
}
