// The script-tag build, shared by the package's build and the browser tests: one ES module,
// paybox-widgets.js, with every element, Lit, the SDK's client and the Italian strings. What not every
// visit needs (the QR encoder, the English strings) sits in chunks/ beside it, loaded on first use.
// `oneFile` writes paybox-widgets.single.js instead: the same, with the chunks inside.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bundles `src/paybox-widgets.ts`, minified. `tsconfig` decides where `@pay-box/sdk` comes from: the
 * package's own (the SDK's built dist/, as a user gets it) or the repository's (its sources, in tests).
 */
export async function bundleWidgets({ outdir, tsconfig = `${packageDir}tsconfig.build.json`, oneFile = false }) {
  return build({
    entryPoints: [`${packageDir}src/paybox-widgets.ts`],
    // One file, the chunks inlined, where a page wants one integrity hash to cover all it runs.
    ...(oneFile ? { outfile: `${outdir}/paybox-widgets.single.js` } : { outdir }),
    splitting: !oneFile,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    tsconfig,
    legalComments: 'none',
    logLevel: 'error',
  });
}
