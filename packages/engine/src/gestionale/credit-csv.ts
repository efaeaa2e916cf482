import Papa from 'papaparse';
import { DomainError } from '../errors.js';

/**
 * The CSV layout of credits, the same for import and export (docs/cruscotto.md): a header row, then
 * one credit per row. Export writes `;` between fields (what Italian spreadsheets expect); import
 * reads `;`, `,` or tab, whichever the file uses.
 */
export const CREDIT_CSV_COLUMNS = ['servizio', 'codice_fiscale', 'nominativo', 'descrizione', 'descrizione_pubblica', 'importo', 'scadenza', 'codice_avviso'] as const;
export type CreditCsvColumn = (typeof CREDIT_CSV_COLUMNS)[number];

const REQUIRED: readonly CreditCsvColumn[] = ['servizio', 'codice_fiscale', 'nominativo', 'descrizione', 'importo'];

/** A data row of the file with the 1-based line it starts on, and a problem of its shape if any. */
export interface CreditCsvRow {
  line: number;
  values: Record<CreditCsvColumn, string>;
  shapeProblem: string | null;
}

/**
 * A spreadsheet runs a cell that starts with one of these as a formula: exported text gets a
 * leading apostrophe (OWASP's advice for CSV injection), and import takes it off again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export const spreadsheetSafe = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);
const unescaped = (text: string): string => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);

/** Reads the rows of a credit CSV; a file without the documented header is refused whole. */
export function readCreditCsv(text: string): CreditCsvRow[] {
  const content = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(content, { header: false, skipEmptyLines: false, delimiter: delimiterOf(content) });
  const records = parsed.data;
  const header = (records[0] ?? []).map((name) => name.trim().toLowerCase());
  const unknown = header.filter((name) => !(CREDIT_CSV_COLUMNS as readonly string[]).includes(name));
  const missing = REQUIRED.filter((name) => !header.includes(name));
  const repeated = header.filter((name, index) => header.indexOf(name) !== index);
  if (unknown.length > 0 || missing.length > 0 || repeated.length > 0) {
    throw new DomainError('credit_import_unreadable', { line: 1, expectedColumns: CREDIT_CSV_COLUMNS, unknownColumns: unknown, missingColumns: missing, repeatedColumns: repeated });
  }
  const position = { servizio: 0, codice_fiscale: 0, nominativo: 0, descrizione: 0, descrizione_pubblica: 0, importo: 0, scadenza: 0, codice_avviso: 0 } satisfies Record<CreditCsvColumn, number>;
  for (const column of CREDIT_CSV_COLUMNS) position[column] = header.indexOf(column);
  const quoteProblems = new Map(parsed.errors.filter((error) => error.type === 'Quotes' && error.row !== undefined).map((error) => [error.row!, error.message]));
  const rows: CreditCsvRow[] = [];
  // A quoted field may hold line breaks: the next record starts as many lines further down.
  let line = 1 + newlinesIn(records[0] ?? []) + 1;
  for (let index = 1; index < records.length; index++) {
    const fields = records[index]!;
    const startsOn = line;
    line += 1 + newlinesIn(fields);
    if (fields.every((field) => field.trim() === '')) continue;
    const value = (column: CreditCsvColumn) => {
      const at = position[column];
      return at === -1 ? '' : unescaped((fields[at] ?? '').trim());
    };
    const values = {
      servizio: value('servizio'),
      codice_fiscale: value('codice_fiscale'),
      nominativo: value('nominativo'),
      descrizione: value('descrizione'),
      descrizione_pubblica: value('descrizione_pubblica'),
      importo: value('importo'),
      scadenza: value('scadenza'),
      codice_avviso: value('codice_avviso'),
    };
    const shapeProblem = quoteProblems.get(index) ?? (fields.length === header.length ? null : `the row has ${fields.length} fields; the header has ${header.length}`);
    rows.push({ line: startsOn, values, shapeProblem });
  }
  return rows;
}

/** The separator the header row uses most: the header names no field with one in it. */
function delimiterOf(content: string): string {
  const headerLine = content.slice(0, content.search(/\r?\n|$/));
  const count = (delimiter: string) => headerLine.split(delimiter).length;
  return [';', ',', '\t'].reduce((best, delimiter) => (count(delimiter) > count(best) ? delimiter : best));
}

function newlinesIn(fields: string[]): number {
  let count = 0;
  for (const field of fields) for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) count++;
  return count;
}

/** `12,50`, `12.50`, `12` -> cents; no thousands separators. Null when it is not such an amount. */
export function parseEuroCents(text: string): number | null {
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.replace(/\s*€\s*/, ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/** Cents as the layout writes them: `1250` -> `12,50`. */
export const formatEuroCents = (cents: number): string => `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

/** `YYYY-MM-DD` or `DD/MM/YYYY` -> `YYYY-MM-DD`, when it is a day of the calendar; null otherwise. */
export function parseDay(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const italian = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1]!, iso[2]!, iso[3]!] : italian ? [italian[3]!, italian[2]!, italian[1]!] : [];
  if (year === undefined || month === undefined || day === undefined) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const normalized = date.toISOString().slice(0, 10);
  return normalized === `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` ? normalized : null;
}

/** Writes a CSV with `;` between fields and CRLF line ends (RFC 4180), quoting where needed. */
export function writeCsv(columns: readonly string[], rows: string[][]): string {
  return `${Papa.unparse({ fields: [...columns], data: rows }, { delimiter: ';', newline: '\r\n' })}\r\n`;
}
