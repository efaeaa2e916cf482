// Size budgets of the browser entries, checked on every build: what a web page or an app ships
// when it imports the client or the mock. Bundles dist/ like an app's bundler would, minifies and gzips it.
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
  // The offline mock: the engine on its in-memory store, the Hono API and the zod contract, in the page.
  // Measured 318.3 KB: the staff and platform APIs (cruscotto, onboarding) are part of the API the mock
  // serves, about 68 KB more than the public API alone. pdf-lib (with pako and its fonts, ~175 KB), the
  // statement parsers (XML, CSV) and the YAML reader stay out of the initial load: the engine and the
  // API import them with import() on first use, so each is a chunk of its own, listed as "later".
  {
    name: 'mock: createFakePayBoxServer',
    entry: "export { createFakePayBoxServer } from './dist/mock/index.js';",
    maxGzipBytes: 330 * KB,
    forbiddenPackages: ['msw', 'pdf-lib'],
  },
  // The msw handlers weigh msw's core (measured 68.6 KB). They take the fake as an argument, so the
  // engine, the API and the contract are not theirs to carry.
  {
    name: 'mock over msw: createPayBoxHandlers (msw included, the fake not)',
    entry: "export { createPayBoxHandlers } from './dist/mock/msw/index.js';",
    maxGzipBytes: 82 * KB,
    forbiddenPackages: ['zod', 'hono', 'pdf-lib'],
  },
];

const packageOf = (path) => path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1];

let failed = false;
for (const budget of budgets) {
  const result = await build({
    stdin: { contents: budget.entry, resolveDir: packageDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // Splitting, as an app's bundler does: what sits behind a dynamic import() becomes a chunk of its own.
    splitting: true,
    outdir: 'size-check', // nothing is written (write: false)
    write: false,
    metafile: true,
    logLevel: 'error',
    // Not the repository's tsconfig, whose paths point @pay-box/* at the sources: the other packages
    // resolve through node_modules to their built dist/, as in an app.
    tsconfigRaw: {},
  });
  // The initial load: the entry's chunk and every chunk it imports statically, each gzipped as served.
  const outputs = new Map(Object.entries(result.metafile.outputs));
  const gzipped = new Map(result.outputFiles.map((file) => [file.path, gzipSync(file.contents, { level: 9 }).length]));
  const sizeOf = (output) => gzipped.get(result.outputFiles.find((file) => file.path.endsWith(output))?.path) ?? 0;
  const entry = [...outputs].find(([, output]) => output.entryPoint === '<stdin>')[0];
  const initial = new Set([entry]);
  for (const path of initial) {
    for (const { path: imported, kind } of outputs.get(path).imports) if (kind === 'import-statement' && outputs.has(imported)) initial.add(imported);
  }
  const gzipBytes = [...initial].reduce((sum, path) => sum + sizeOf(path), 0);
  // Inputs the bundler read but tree-shook away have 0 bytes in the output: only the kept ones count.
  const kept = [...initial].flatMap((path) => Object.entries(outputs.get(path).inputs).filter(([, input]) => input.bytesInOutput > 0).map(([input]) => input));
  const forbidden = budget.forbiddenPackages.filter((name) => kept.some((path) => packageOf(path) === name));
  const withinBudget = gzipBytes <= budget.maxGzipBytes && forbidden.length === 0;
  failed ||= !withinBudget;
  console.log(`${withinBudget ? 'ok  ' : 'FAIL'} ${budget.name}: ${(gzipBytes / KB).toFixed(2)} KB min+gz (budget ${budget.maxGzipBytes / KB} KB)`);
  // Chunks behind a dynamic import(), loaded when first used: not in the number above.
  const later = new Set();
  const visit = (path) => {
    for (const { path: imported } of outputs.get(path).imports) {
      if (!outputs.has(imported) || initial.has(imported) || later.has(imported)) continue;
      later.add(imported);
      visit(imported);
    }
  };
  initial.forEach(visit);
  for (const path of later) {
    const output = outputs.get(path);
    const packages = [...new Set(Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([input]) => packageOf(input)).filter(Boolean))];
    console.log(`     later: ${path.replace(/^.*\//, '')} ${(sizeOf(path) / KB).toFixed(2)} KB${packages.length ? ` (${packages.join(', ')})` : ''}`);
  }
  for (const name of forbidden) console.log(`     must not include ${name}`);
}
if (failed) process.exit(1);
