import { amountField, dateField, referenceField } from './fields.js';
import { EntryIssues, notAStatement, type ParsedEntry, type ParsedStatement } from './parsed-statement.js';
import { child, children, text, type XmlTree } from './xml-tree.js';

export const OPI_ROOT = 'flusso_giornale_di_cassa';
export const opiRepeated: ReadonlySet<string> = new Set(['informazioni_conto_evidenza', 'movimento_conto_evidenza', 'sospeso']);

/**
 * The treasurer's OPI giornale di cassa (SIOPE+, schema OPI_GIORNALE_DI_CASSA_V_1_6_1): the
 * entries are the `movimento_conto_evidenza` of type ENTRATA actually executed (ESEGUITO). Exits
 * (USCITA) and the later bookkeeping of a movement already counted (STORNATO, REGOLARIZZATO,
 * RIPRISTINATO) are not money Pay-Box sent, and are left out.
 */
export function parseOpiGiornaleDiCassa(tree: XmlTree): ParsedStatement {
  const root = tree.root;
  const issues = new EntryIssues();
  const headerReasons: string[] = [];
  const day = dateField(text(root, 'data_riferimento_GdC'), 'data_riferimento_GdC', headerReasons);
  const fiscalCode = text(root, 'testata_messaggio', 'codice_fiscale_ente');
  if (!child(root, 'testata_messaggio') || headerReasons.length > 0) throw notAStatement(`not a giornale di cassa: ${headerReasons.join('; ') || 'no testata_messaggio'}`, tree.lineOf(root));

  const entries: ParsedEntry[] = [];
  for (const account of children(root, 'informazioni_conto_evidenza')) {
    for (const movement of children(account, 'movimento_conto_evidenza')) {
      const line = tree.lineOf(movement);
      const reasons: string[] = [];
      const direction = text(movement, 'tipo_movimento');
      if (direction !== 'ENTRATA' && direction !== 'USCITA') reasons.push(`tipo_movimento "${direction ?? ''}" is neither ENTRATA nor USCITA`);
      const operation = text(movement, 'tipo_operazione');
      const amount = amountField(text(movement, 'importo'), 'importo', reasons);
      const bookedOn = dateField(text(movement, 'data_movimento'), 'data_movimento', reasons);
      const remittance = text(movement, 'causale') ?? '';
      if (remittance === '') reasons.push('causale is missing');
      const entry: ParsedEntry = {
        line,
        bookedOn,
        amount,
        endToEndId: referenceField(text(movement, 'end_to_end_id'), 'end_to_end_id', 35, reasons),
        bankReference: referenceField(text(movement, 'codice_riferimento_operazione'), 'codice_riferimento_operazione', 35, reasons),
        remittance,
      };
      issues.add(line, reasons);
      if (reasons.length === 0 && direction === 'ENTRATA' && operation === 'ESEGUITO') entries.push(entry);
    }
  }
  issues.throwIfAny();
  return { format: 'opi_giornale_di_cassa', holder: fiscalCode ? { kind: 'fiscal_code', value: fiscalCode } : null, period: { from: day, to: day }, entries };
}
