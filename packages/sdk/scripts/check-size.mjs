// Size budget of the browser entry, checked on every build: what a web page or an app ships
// when it imports the client. Bundles dist/ like an app's bundler would, minifies and gzips it.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const KB = 1024;

// The core imports only types from the contract: schemas and the tax-code library stay out.
// platform 'browser' also fails the build on any node: import.
const budgets = [
  {
    name: 'client core: createPayBox + errors',
    entry: "export { createPayBox, isPayBoxError, PayBoxError } from './dist/index.js';",
    maxGzipBytes: 8 * KB,
    forbiddenPackages: ['zod', 'codice-fiscale-js'],
  },
  {
    name: 'client core + notice number, euro, masking and receipt-code helpers',
    entry:
      "export { createPayBox, isPayBoxError, parseNoticeNumber, formatEuro, maskTaxCode, normalizeVerificationCode } from './dist/index.js';",
    maxGzipBytes: 8 * KB,
    forbiddenPackages: ['zod', 'codice-fiscale-js'],
  },
  {
    name: 'client core + scanning a notice (QR code or notice number)',
    entry: "export { createPayBox, lookupQueryFromScan, parsePagoPaQr } from './dist/index.js';",
    maxGzipBytes: 8 * KB,
    forbiddenPackages: ['zod', 'codice-fiscale-js'],
  },
];

let failed = false;
for (const budget of budgets) {
  const result = await build({
    stdin: { contents: budget.entry, resolveDir: packageDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const gzipBytes = gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
  // Inputs the bundler read but tree-shook away have 0 bytes in the output: only the kept ones count.
  const [output] = Object.values(result.metafile.outputs);
  const kept = Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path);
  const forbidden = budget.forbiddenPackages.filter((name) => kept.some((path) => path.includes(`node_modules/${name}/`)));
  const withinBudget = gzipBytes <= budget.maxGzipBytes && forbidden.length === 0;
  failed ||= !withinBudget;
  console.log(`${withinBudget ? 'ok  ' : 'FAIL'} ${budget.name}: ${(gzipBytes / KB).toFixed(2)} KB min+gz (budget ${budget.maxGzipBytes / KB} KB)`);
  for (const name of forbidden) console.log(`     must not include ${name}`);
}
if (failed) process.exit(1);
