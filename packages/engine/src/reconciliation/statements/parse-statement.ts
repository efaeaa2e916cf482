import { CAMT_ROOT, camtRepeated, parseCamt053 } from './camt053.js';
import { isCsvStatement, parseCsvStatement } from './csv-statement.js';
import { OPI_ROOT, opiRepeated, parseOpiGiornaleDiCassa } from './opi-giornale-di-cassa.js';
import { notAStatement, type ParsedStatement } from './parsed-statement.js';
import { XmlTree } from './xml-tree.js';

const repeated: ReadonlySet<string> = new Set([...opiRepeated, ...camtRepeated]);

/**
 * Reads a treasurer's statement, whichever of the three formats it is (told by its content, not
 * its name): an OPI giornale di cassa, a camt.053, or the CSV layout. A file that is none of them
 * is refused; a statement with bad entries is refused with every bad line and its reasons.
 */
export function parseStatement(content: string): ParsedStatement {
  const text = content.replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('<')) {
    const tree = new XmlTree(text, repeated);
    if (tree.rootName === OPI_ROOT) return parseOpiGiornaleDiCassa(tree);
    if (tree.rootName === CAMT_ROOT) return parseCamt053(tree);
    throw notAStatement(`an XML document <${tree.rootName}> is neither an OPI giornale di cassa nor a camt.053`);
  }
  if (isCsvStatement(text)) return parseCsvStatement(text);
  throw notAStatement('neither XML nor the CSV statement layout (see its header line in the documentation)', 1);
}
