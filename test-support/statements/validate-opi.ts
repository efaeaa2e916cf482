import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const schema = fileURLToPath(new URL('./xsd/OPI_GIORNALE_DI_CASSA_V_1_6_1.xsd', import.meta.url));

/**
 * Checks a giornale di cassa against the OPI XSD with xmllint (libxml2-utils), the validator the
 * treasurers' own tools use: `valid`, or xmllint's complaints. Never reaches the network.
 */
export function validateGiornaleDiCassa(xml: string): { valid: boolean; output: string } {
  const folder = mkdtempSync(join(tmpdir(), 'paybox-gdc-'));
  const file = join(folder, 'giornale.xml');
  writeFileSync(file, xml);
  try {
    const output = execFileSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { valid: true, output };
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    return { valid: false, output: failure.stderr ?? failure.message };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
