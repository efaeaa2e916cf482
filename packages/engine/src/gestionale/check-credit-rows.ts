import { MAX_AMOUNT_CENTS, normalizeTaxCode, parseNoticeNumber, taxCodeKind, type TaxCodeKind } from '@pay-box/contract';
import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import type { CreditKey } from '../ports/gestionale.js';
import { parseDay, parseEuroCents, type CreditCsvRow } from './credit-csv.js';

/** A row that passed every check: a credit to write, its notice number given or still to generate. */
export interface CreditDraft {
  line: number;
  serviceId: string;
  debtorType: TaxCodeKind;
  debtorTaxCode: string;
  debtorName: string;
  description: string;
  publicDescription: string;
  amount: number;
  dueDate: string | null;
  noticeNumber: string | null;
}

export interface CheckedRows {
  drafts: CreditDraft[];
  rejected: Array<{ line: number; reasons: string[] }>;
}

/** What makes two credits the same one when the file gives no notice number: who, what, how much, when. */
const sameCredit = (row: Pick<CreditKey, 'serviceId' | 'debtorTaxCode' | 'description' | 'amount' | 'dueDate'>) =>
  `${row.serviceId}\u0000${row.debtorTaxCode}\u0000${row.description}\u0000${row.amount}\u0000${row.dueDate ?? ''}`;

/**
 * Checks each row on its own (service, tax code with its check characters, amount, day, notice
 * number of this comune) and against the others: a row already in the file or among the comune's
 * credits (same notice number, or the same credit not cancelled) is a duplicate, with where.
 */
export function checkCreditRows(rows: CreditCsvRow[], catalogue: ComuneCatalogue, existing: CreditKey[]): CheckedRows {
  const existingNotices = new Set(existing.map((credit) => credit.noticeNumber));
  const existingCredits = new Map(existing.filter((credit) => credit.status !== 'cancelled').map((credit) => [sameCredit(credit), credit.noticeNumber]));
  const noticeLines = new Map<string, number>();
  const creditLines = new Map<string, number>();
  const result: CheckedRows = { drafts: [], rejected: [] };

  for (const row of rows) {
    const reasons: string[] = [];
    const problem = (column: string, message: string) => reasons.push(`${column}: ${message}`);
    const v = row.values;
    if (row.shapeProblem !== null) problem('row', row.shapeProblem);

    const service = catalogue.serviceByCode(v.servizio.toUpperCase());
    if (v.servizio === '') problem('servizio', 'missing');
    else if (!service) problem('servizio', `the comune has no service ${v.servizio}`);

    const taxCode = normalizeTaxCode(v.codice_fiscale);
    const kind = taxCode === '' ? null : taxCodeKind(taxCode);
    if (taxCode === '') problem('codice_fiscale', 'missing');
    else if (kind === null) problem('codice_fiscale', `${v.codice_fiscale} is not a valid codice fiscale or partita IVA (check characters)`);

    if (v.nominativo === '') problem('nominativo', 'missing');
    else if (v.nominativo.length > 200) problem('nominativo', 'longer than 200 characters');
    if (v.descrizione === '') problem('descrizione', 'missing');
    else if (v.descrizione.length > 500) problem('descrizione', 'longer than 500 characters');
    if (v.descrizione_pubblica.length > 140) problem('descrizione_pubblica', 'longer than 140 characters');

    const amount = parseEuroCents(v.importo);
    if (v.importo === '') problem('importo', 'missing');
    else if (amount === null) problem('importo', `${v.importo} is not an amount in euro (like 12,50 or 12.50)`);
    else if (amount <= 0) problem('importo', 'must be more than zero');
    else if (amount > MAX_AMOUNT_CENTS) problem('importo', 'more than 999.999,99 euro');

    const dueDate = v.scadenza === '' ? null : parseDay(v.scadenza);
    if (v.scadenza !== '' && dueDate === null) problem('scadenza', `${v.scadenza} is not a day (YYYY-MM-DD or DD/MM/YYYY)`);

    let noticeNumber: string | null = null;
    if (v.codice_avviso !== '') {
      const notice = parseNoticeNumber(v.codice_avviso);
      if (!notice.ok) problem('codice_avviso', notice.message);
      else if (notice.value.auxDigit !== 3 || notice.value.segregationCode !== catalogue.comune.segregationCode) {
        problem('codice_avviso', `not a notice number of this comune (aux digit 3, segregation code ${catalogue.comune.segregationCode})`);
      } else noticeNumber = notice.value.noticeNumber;
    }

    if (noticeNumber !== null) {
      const earlier = noticeLines.get(noticeNumber);
      if (existingNotices.has(noticeNumber)) problem('codice_avviso', `a credit with notice number ${noticeNumber} exists already`);
      else if (earlier !== undefined) problem('codice_avviso', `the same notice number is on line ${earlier}`);
      else noticeLines.set(noticeNumber, row.line);
    }
    if (service && kind !== null && amount !== null && (noticeNumber === null || !existingNotices.has(noticeNumber))) {
      const key = sameCredit({ serviceId: service.id, debtorTaxCode: taxCode, description: v.descrizione, amount, dueDate });
      const earlier = creditLines.get(key);
      const existingNotice = existingCredits.get(key);
      if (existingNotice !== undefined) problem('row', `the same credit exists already (notice number ${existingNotice})`);
      else if (earlier !== undefined) problem('row', `the same credit is on line ${earlier}`);
      else creditLines.set(key, row.line);
    }

    if (reasons.length > 0 || !service || kind === null || amount === null) {
      result.rejected.push({ line: row.line, reasons });
      continue;
    }
    result.drafts.push({
      line: row.line,
      serviceId: service.id,
      debtorType: kind,
      debtorTaxCode: taxCode,
      debtorName: v.nominativo,
      description: v.descrizione,
      publicDescription: v.descrizione_pubblica === '' ? service.name : v.descrizione_pubblica,
      amount,
      dueDate,
      noticeNumber,
    });
  }
  return result;
}
