import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/index.js';
import { parseStatement } from '../../src/reconciliation/statements/parse-statement.js';
import { camt053, csvStatement, giornaleDiCassa, type FixtureEntry } from '../../../../test-support/statements/index.js';
import { validateGiornaleDiCassa } from '../../../../test-support/statements/validate-opi.js';

const comune = { fiscalCode: '82000123453', name: 'Comune di Valdimonte' };
const iban = 'IT41S0100003245000000001234';
const day = '2026-11-30';
const known: FixtureEntry = { amount: 1250, bookedOn: day, endToEndId: 'pay_4fJk9LmN2pQr7sTv0AbC', bankReference: 'TRN0000000000000000000000001', remittance: '/RFB/470000000000012/12.50/TXT/TARI 2025' };
const stranger: FixtureEntry = { amount: 99_999_999, bookedOn: day, remittance: 'BONIFICO DA PRIVATO & SOCI' };

/** The error a refused statement throws: its code and details. */
function refusal(content: string): { code: string; details: unknown } {
  try {
    parseStatement(content);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('the statement was accepted');
}

describe('the OPI giornale di cassa', () => {
  const xml = giornaleDiCassa({ comune, date: day, entries: [known, stranger], exits: [{ ...stranger, amount: 500 }] });

  it('the generated giornale is valid against the OPI schema, and a broken one is not', async () => {
    expect(await validateGiornaleDiCassa(xml)).toEqual({ valid: true, output: '' });
    const broken = await validateGiornaleDiCassa(xml.replace(/<assoggettamento_bollo>ESENTE BOLLO<\/assoggettamento_bollo>/, ''));
    expect(broken.valid).toBe(false);
    expect(broken.output).toContain('cliente');
  });

  it('reads the credits with their keys, cents exact, and leaves the exits out', () => {
    const statement = parseStatement(xml);
    expect(statement.format).toBe('opi_giornale_di_cassa');
    expect(statement.holder).toEqual({ kind: 'fiscal_code', value: comune.fiscalCode });
    expect(statement.period).toEqual({ from: day, to: day });
    expect(statement.entries.map(({ line: _line, ...entry }) => entry)).toEqual([
      { amount: 1250, bookedOn: day, endToEndId: known.endToEndId, bankReference: known.bankReference, remittance: known.remittance },
      { amount: 99_999_999, bookedOn: day, endToEndId: null, bankReference: null, remittance: stranger.remittance },
    ]);
    const lines = xml.split('\n');
    for (const entry of statement.entries) expect(lines[entry.line - 1]).toContain('<movimento_conto_evidenza>');
  });

  it('reports every bad movement with its line and reasons, and reads nothing', () => {
    const bad = xml.replace('<importo>12.50</importo>', '<importo>12.505</importo>').replace(`<data_movimento>${day}</data_movimento>`, '<data_movimento>2026-02-30</data_movimento>');
    const { code, details } = refusal(bad);
    expect(code).toBe('statement_entries_invalid');
    const line = bad.split('\n').findIndex((text) => text.includes('<movimento_conto_evidenza>')) + 1;
    expect(details).toEqual({
      rejected: [{ line, reasons: ['importo "12.505" is not an amount in euro with a dot and at most two decimals', 'data_movimento "2026-02-30" is not a calendar date'] }],
    });
  });
});

describe('camt.053', () => {
  it('reads booked credits with EndToEndId, AcctSvcrRef and the unstructured remittance; debits are left out', () => {
    const statement = parseStatement(camt053({ iban, date: day, entries: [known, stranger], debits: [known] }));
    expect(statement).toMatchObject({ format: 'camt053', holder: { kind: 'iban', value: iban }, period: { from: day, to: day } });
    expect(statement.entries.map(({ amount, endToEndId, bankReference, remittance }) => ({ amount, endToEndId, bankReference, remittance }))).toEqual([
      { amount: 1250, endToEndId: known.endToEndId, bankReference: known.bankReference, remittance: known.remittance },
      { amount: 99_999_999, endToEndId: null, bankReference: null, remittance: stranger.remittance },
    ]);
  });

  it('a batched entry gives one entry per transaction, each with its own amount', () => {
    const batch = `<Document><BkToCstmrStmt><Stmt><Acct><Id><IBAN>${iban}</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">0.30</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>${day}</Dt></BookgDt><NtryDtls>
<TxDtls><Amt Ccy="EUR">0.10</Amt><Refs><EndToEndId>pay_a</EndToEndId></Refs></TxDtls>
<TxDtls><Amt Ccy="EUR">0.20</Amt><Refs><EndToEndId>pay_b</EndToEndId></Refs></TxDtls>
</NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>`;
    expect(parseStatement(batch).entries.map(({ line, amount, endToEndId }) => ({ line, amount, endToEndId }))).toEqual([
      { line: 3, amount: 10, endToEndId: 'pay_a' },
      { line: 4, amount: 20, endToEndId: 'pay_b' },
    ]);
  });

  it('an entry and its transaction wrong at once are one line with every reason', () => {
    const bad = camt053({ iban, date: day, entries: [{ ...known, endToEndId: 'x'.repeat(36) }] }).replace('<Amt Ccy="EUR">12.50</Amt>', '<Amt Ccy="EUR">12,50</Amt>');
    expect(refusal(bad).details).toEqual({
      rejected: [{ line: bad.split('\n').findIndex((text) => text.includes('<Ntry>')) + 1, reasons: ['Amt "12,50" is not an amount in euro with a dot and at most two decimals', 'EndToEndId is longer than 35 characters'] }],
    });
  });

  it('refuses another currency and a missing booking date, with the line', () => {
    const bad = camt053({ iban, date: day, entries: [known] }).replace('Ccy="EUR"', 'Ccy="USD"').replace(`<BookgDt><Dt>${day}</Dt></BookgDt>`, '');
    const { code, details } = refusal(bad);
    expect(code).toBe('statement_entries_invalid');
    expect(details).toEqual({ rejected: [{ line: bad.split('\n').findIndex((text) => text.includes('<Ntry>')) + 1, reasons: ['the amount is in USD, not EUR', 'BookgDt is missing'] }] });
  });
});

describe('the CSV layout', () => {
  it('reads amounts as exact cents, quoted remittances with commas, and skips blank lines', () => {
    const csv = `${csvStatement([known, { ...stranger, amount: 1, remittance: 'a, "quoted" remittance' }])}\n`;
    const { entries } = parseStatement(csv);
    expect(entries.map(({ line, amount, remittance }) => ({ line, amount, remittance }))).toEqual([
      { line: 2, amount: 1250, remittance: known.remittance },
      { line: 3, amount: 1, remittance: 'a, "quoted" remittance' },
    ]);
    // 0.1 + 0.2 in floating point is not 0.3: amounts never pass through a float.
    expect(parseStatement(csvStatement([{ ...known, amount: 30 }]).replace('0.30', '0.3')).entries[0]!.amount).toBe(30);
  });

  it('reports each bad row with its line and every reason', () => {
    const csv = 'booked_on,amount,end_to_end_id,bank_reference,remittance\n2026-11-30,12.50,,,ok\n\n30/11/2026,-1,,,x\n2026-11-30,1,2\n';
    expect(refusal(csv)).toEqual({
      code: 'statement_entries_invalid',
      details: {
        rejected: [
          { line: 4, reasons: ['booked_on "30/11/2026" is not a date YYYY-MM-DD', 'amount "-1" is not an amount in euro with a dot and at most two decimals'] },
          { line: 5, reasons: ['expected 5 columns, found 3'] },
        ],
      },
    });
  });
});

describe('a file that is not a statement', () => {
  it.each([
    ['a CSV of something else', 'notice_number,amount\n301000000000000144,12.50\n'],
    ['an XML document of another kind', '<?xml version="1.0"?><fattura><importo>1.00</importo></fattura>'],
    ['XML that is not well-formed', '<flusso_giornale_di_cassa><testata_messaggio></flusso_giornale_di_cassa>'],
    ['an empty file', ''],
  ])('%s is refused as not a statement', (_name, content) => {
    expect(refusal(content).code).toBe('statement_not_recognized');
  });
});
