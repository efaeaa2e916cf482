import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { renderReceiptText, type ReceiptColumns } from '../../src/receipts/index.js';
import { receiptFixture } from './receipt-fixture.js';

const QR_BLOCKS = /[▀▄█]/;
const lines = (text: string) => text.slice(0, -1).split('\n');
/** The printed words on one line each, so wrapped values read as in the data. */
const asProse = (text: string) => lines(text).map((line) => line.trim()).join(' ').replace(/ +/g, ' ');
const labelThenValue = (text: string, label: string) => {
  const all = lines(text).map((line) => line.trim());
  return all[all.indexOf(label) + 1];
};

describe.each<ReceiptColumns>([32, 48])('renderReceiptText at %i columns', (columns) => {
  const receipt = receiptFixture();
  const text = renderReceiptText(receipt, columns);

  it('keeps every line within the paper width and ends with a line feed', () => {
    expect(text.endsWith('\n')).toBe(true);
    for (const line of lines(text)) expect([...line].length).toBeLessThanOrEqual(columns);
  });

  it('prints every datum the citizen and the comune need', () => {
    const prose = asProse(text);
    for (const datum of [
      'Ricevuta n.: 2026-000123',
      'Data e ora: 26/11/2026 10:42',
      "Comune di Sant'Ambrogio di Torino",
      '83000390019',
      'Tassa sui rifiuti (TARI)',
      '301000000000000144',
      '01000000000000144',
      'Importo: 12,50 €',
      'Commissione: 1,50 €',
      'TOTALE: 14,00 €',
      'Tabaccheria Rossi di Mario Rossi',
      'Via Garibaldi 15, 10139 Torino (TO)',
      "L'esercente incassa in qualità di agente dell'istituto di pagamento Pay-Box Istituto di Pagamento S.p.A.",
      'pay_01JDX4Q7Z8K2M3N4P5',
      'CRO/TRN: BPPIITRRXXX20261126094200123IT',
      'Codice di verifica: 7K4M-9XQ2-HT3P',
    ]) {
      expect(prose).toContain(datum);
    }
    expect(text.replace(/\s/g, '')).toContain(receipt.verifyUrl);
  });

  it('uses only ASCII, €, accented Italian letters and the QR blocks', () => {
    expect(text).toMatch(/^[\x20-\x7E\n€àèéìíîòóùúÀÈÉÌÍÎÒÓÙÚ▀▄█]*$/);
  });

  it('says "in attesa" while the bank has not given its reference', () => {
    const pending = renderReceiptText(receiptFixture({ transfer: { status: 'pending', bankReference: null } }), columns);
    expect(asProse(pending)).toContain('CRO/TRN: in attesa');
  });

  it('wraps a long description on word boundaries without losing a word', () => {
    const description =
      'Canone mercatale giornaliero per spunta al mercato di piazza Vittorio Emanuele II, posteggio 42, ' +
      'settore non alimentare, 12 metri quadrati per 6 ore, tariffa ridotta del trenta per cento';
    const wrapped = renderReceiptText(receiptFixture({ description }), columns);
    for (const line of lines(wrapped)) expect(line.length).toBeLessThanOrEqual(columns);
    expect(asProse(wrapped)).toContain(`Causale: ${description}`);
  });

  it('splits a word longer than the line instead of cutting it', () => {
    const description = `Rif. ${'PROTOCOLLO-2026-'.repeat(4)}FINE`;
    const wrapped = renderReceiptText(receiptFixture({ description }), columns);
    for (const line of lines(wrapped)) expect(line.length).toBeLessThanOrEqual(columns);
    expect(wrapped.replace(/\s/g, '')).toContain(description.replace(/\s/g, ''));
  });
});

describe('renderReceiptText, codes and QR code', () => {
  const receipt = receiptFixture();

  it('on 58 mm paper puts long codes whole on the line under their label', () => {
    const text = renderReceiptText(receipt, 32);
    expect(labelThenValue(text, 'Codice avviso:')).toBe('301000000000000144');
    expect(labelThenValue(text, 'CRO/TRN:')).toBe('BPPIITRRXXX20261126094200123IT');
  });

  it('breaks a verify URL too long for the line after a slash', () => {
    const text = renderReceiptText(receipt, 48);
    expect(labelThenValue(text, 'Verifica su:')).toBe('https://paybox.example.it/verifica/');
  });

  it('leaves the QR code out on 58 mm paper, where it does not fit', () => {
    expect(renderReceiptText(receipt, 32)).not.toMatch(QR_BLOCKS);
  });

  it('draws on 80 mm paper a QR code with exactly the modules of the verify URL', () => {
    const expected = QRCode.create(receipt.verifyUrl, { errorCorrectionLevel: 'L' }).modules;
    const qrLines = lines(renderReceiptText(receipt, 48)).filter((line) => QR_BLOCKS.test(line));
    expect(qrLines).toHaveLength(Math.ceil(expected.size / 2));

    // Read the half blocks back into module rows and compare them with the symbol.
    const rows = qrLines.flatMap((line) => [
      [...line].map((char) => char === '▀' || char === '█'),
      [...line].map((char) => char === '▄' || char === '█'),
    ]);
    const firstColumn = Math.min(...rows.map((row) => row.indexOf(true)).filter((index) => index >= 0));
    for (let row = 0; row < expected.size; row++) {
      for (let column = 0; column < expected.size; column++) {
        expect(rows[row]?.[firstColumn + column] ?? false, `module ${row},${column}`).toBe(expected.get(row, column) === 1);
      }
    }
  });
});
