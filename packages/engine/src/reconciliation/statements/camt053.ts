import { amountField, dateField, referenceField } from './fields.js';
import { EntryIssues, notAStatement, periodOfEntries, type ParsedEntry, type ParsedStatement } from './parsed-statement.js';
import { child, children, text, texts, type XmlElement, type XmlTree } from './xml-tree.js';

export const CAMT_ROOT = 'Document';
export const camtRepeated: ReadonlySet<string> = new Set(['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd']);

/**
 * An ISO 20022 camt.053 bank-to-customer statement (any version: namespaces are dropped). Each
 * booked credit (`CdtDbtInd` CRDT) is an entry; an entry that batches several transactions gives
 * one entry per `TxDtls`, each with its own amount. Debits and entries not booked yet are left out.
 */
export function parseCamt053(tree: XmlTree): ParsedStatement {
  const statements = children(child(tree.root, 'BkToCstmrStmt'), 'Stmt');
  if (statements.length === 0) throw notAStatement('not a camt.053 statement: no BkToCstmrStmt/Stmt', tree.lineOf(tree.root));
  const issues = new EntryIssues();
  const entries: ParsedEntry[] = [];
  const ibans = new Set<string>();
  let period: { from: string; to: string } | null = null;

  for (const statement of statements) {
    const iban = text(statement, 'Acct', 'Id', 'IBAN');
    if (iban) ibans.add(iban.replace(/\s/g, '').toUpperCase());
    const span = child(statement, 'FrToDt');
    if (span) {
      const reasons: string[] = [];
      const [from, to] = [dateField(text(span, 'FrDtTm'), 'FrDtTm', reasons), dateField(text(span, 'ToDtTm'), 'ToDtTm', reasons)];
      issues.add(tree.lineOf(span), reasons);
      if (reasons.length === 0) period = widen(period, { from, to });
    }
    for (const entry of children(statement, 'Ntry')) entries.push(...readEntry(tree, entry, issues));
  }
  issues.throwIfAny();
  if (ibans.size > 1) throw notAStatement('the statements in this file are of different accounts');
  const [iban] = ibans;
  return { format: 'camt053', holder: iban ? { kind: 'iban', value: iban } : null, period: period ?? periodOfEntries(entries), entries };
}

function widen(period: { from: string; to: string } | null, next: { from: string; to: string }): { from: string; to: string } {
  if (!period) return next;
  return { from: next.from < period.from ? next.from : period.from, to: next.to > period.to ? next.to : period.to };
}

function readEntry(tree: XmlTree, entry: XmlElement, issues: EntryIssues): ParsedEntry[] {
  const line = tree.lineOf(entry);
  const reasons: string[] = [];
  const indicator = text(entry, 'CdtDbtInd');
  if (indicator !== 'CRDT' && indicator !== 'DBIT') reasons.push(`CdtDbtInd "${indicator ?? ''}" is neither CRDT nor DBIT`);
  const currency = child(entry, 'Amt')?.['@_Ccy'];
  if (currency !== undefined && currency !== 'EUR') reasons.push(`the amount is in ${String(currency)}, not EUR`);
  const amount = amountField(text(entry, 'Amt'), 'Amt', reasons);
  const bookedOn = dateField(text(entry, 'BookgDt', 'Dt') ?? text(entry, 'BookgDt', 'DtTm'), 'BookgDt', reasons);
  const entryReference = text(entry, 'AcctSvcrRef');
  const transactions = children(entry, 'NtryDtls').flatMap((details) => children(details, 'TxDtls'));
  issues.add(line, reasons);
  const status = text(entry, 'Sts', 'Cd') ?? text(entry, 'Sts');
  const counts = indicator === 'CRDT' && (status === undefined || status === 'BOOK') && reasons.length === 0;

  // One transaction: the entry's own amount. Several (a batch): each TxDtls carries its own.
  const batched = transactions.length > 1;
  const parsed = (transactions.length > 0 ? transactions : [undefined]).map((transaction): ParsedEntry => {
    const own = { line: batched && transaction ? tree.lineOf(transaction) : line, reasons: [] as string[] };
    const transactionAmount = text(transaction, 'Amt') ?? text(transaction, 'AmtDtls', 'TxAmt', 'Amt');
    const result: ParsedEntry = {
      line: own.line,
      bookedOn,
      amount: batched ? amountField(transactionAmount, 'TxDtls/Amt', own.reasons) : amount,
      endToEndId: referenceField(text(transaction, 'Refs', 'EndToEndId'), 'EndToEndId', 35, own.reasons),
      bankReference: referenceField(text(transaction, 'Refs', 'AcctSvcrRef') ?? entryReference, 'AcctSvcrRef', 35, own.reasons),
      remittance: texts(child(transaction, 'RmtInf'), 'Ustrd').join(''),
    };
    issues.add(own.line, own.reasons);
    return result;
  });
  return counts ? parsed : [];
}
