// Size budgets of what a comune's page loads, checked on every build: the script-tag build, and each
// element alone as an app's bundler keeps it from dist/. Minified (esbuild) and gzipped (level 9), as a
// server sends it. The initial load counts: the entry and what it imports statically; the chunks behind
// an import() (the QR encoder, the English strings) are listed as "later", loaded on first use.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const KB = 1024;

const alone = (className, tag) => `import { ${className}, defineElement } from './dist/index.js'; defineElement('${tag}', ${className});`;

/** The script-tag build's initial load: <paybox-checkout> with every element, Lit, the SDK's client core and the Italian strings. */
export const DROP_IN_BUDGET = 25 * KB;

const budgets = [
  { name: '<paybox-checkout>, the whole drop-in: dist/paybox-widgets.js', maxGzipBytes: DROP_IN_BUDGET },
  { name: '<paybox-credit-lookup> alone', entry: alone('PayBoxCreditLookup', 'paybox-credit-lookup'), maxGzipBytes: 18 * KB },
  { name: '<paybox-payment> alone', entry: alone('PayBoxPayment', 'paybox-payment'), maxGzipBytes: 18 * KB },
  { name: '<paybox-unexpected-credit> alone', entry: alone('PayBoxUnexpectedCredit', 'paybox-unexpected-credit'), maxGzipBytes: 18 * KB },
  { name: '<paybox-receipt> alone', entry: alone('PayBoxReceipt', 'paybox-receipt'), maxGzipBytes: 18 * KB },
];

const gzipSize = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

/** Gzipped bytes of the initial load and of each later chunk, from the metafile of a build written to disk. */
export function loads(metafile, entryPoint) {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((path) => outputs[path].entryPoint?.endsWith(entryPoint));
  const initial = new Set([entry]);
  for (const path of initial) for (const { path: imported, kind } of outputs[path].imports) if (kind === 'import-statement') initial.add(imported);
  const later = Object.keys(outputs).filter((path) => path.endsWith('.js') && !initial.has(path));
  // esbuild names outputs relative to the working directory.
  const size = (path) => gzipSize(resolve(path));
  return { initial: [...initial].reduce((sum, path) => sum + size(path), 0), later: later.map((path) => ({ path, bytes: size(path) })) };
}

async function bundleAlone(entry) {
  return build({
    stdin: { contents: entry, resolveDir: packageDir, loader: 'js', sourcefile: 'alone.js' },
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: `${packageDir}dist/size-check`,
    metafile: true,
    legalComments: 'none',
    logLevel: 'error',
    tsconfigRaw: {},
  });
}

/** Checks every budget; `dropInMetafile` is the script-tag build's. Prints the figures, returns whether all hold. */
export async function checkSizes(dropInMetafile) {
  let failed = false;
  for (const budget of budgets) {
    const { initial, later } = budget.entry ? loads((await bundleAlone(budget.entry)).metafile, 'alone.js') : loads(dropInMetafile, 'paybox-widgets.ts');
    const within = initial <= budget.maxGzipBytes;
    failed ||= !within;
    console.log(`${within ? 'ok  ' : 'FAIL'} ${budget.name}: ${(initial / KB).toFixed(2)} KB min+gz (budget ${budget.maxGzipBytes / KB} KB)`);
    if (!budget.entry) for (const chunk of later) console.log(`     later: ${chunk.path.replace(/^.*\//, '')} ${(chunk.bytes / KB).toFixed(2)} KB`);
  }
  return !failed;
}
