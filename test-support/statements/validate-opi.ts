import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

const xsd = (fileName: string) => ({ fileName, contents: readFileSync(new URL(`./xsd/${fileName}`, import.meta.url), 'utf8') });
const schema = xsd('OPI_GIORNALE_DI_CASSA_V_1_6_1.xsd');
/** What the OPI schema includes and imports, by the names it gives them. */
const preload = [xsd('OPI_GLOBAL_V_1_6_1.XSD'), xsd('xmldsig-core-schema.xsd')];

/**
 * Checks a giornale di cassa against the OPI XSD with libxml2, the validator the treasurers' own
 * tools use (here its WebAssembly build from npm, so no system package is needed): `valid`, or
 * libxml2's complaints. Never reaches the network.
 */
export async function validateGiornaleDiCassa(xml: string): Promise<{ valid: boolean; output: string }> {
  const result = await validateXML({ xml: [{ fileName: 'giornale.xml', contents: xml }], schema: [schema], preload });
  return { valid: result.valid, output: result.errors.map((error) => error.rawMessage).join('\n') };
}
