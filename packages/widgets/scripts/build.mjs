// The package's build: ES modules with declarations for bundlers (tsc), the single file for a script
// tag (esbuild), the Custom Elements Manifest, the size budgets, and the single file's SRI hash.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { bundleWidgets } from './bundle.mjs';
import { checkSizes } from './check-size.mjs';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const run = (script, args) => execFileSync(process.execPath, [script, ...args], { cwd: packageDir, stdio: 'inherit' });

rmSync(`${packageDir}dist`, { recursive: true, force: true });
run(require.resolve('typescript/bin/tsc'), ['-p', 'tsconfig.build.json']);
const { metafile } = await bundleWidgets({ outdir: `${packageDir}dist` });
run(require.resolve('@custom-elements-manifest/analyzer/cem.js'), ['analyze', '--quiet']); // custom-elements-manifest.config.mjs

const sizesHold = await checkSizes(metafile);
rmSync(`${packageDir}dist/size-check`, { recursive: true, force: true });
if (!sizesHold) process.exit(1);
const integrity = `sha384-${createHash('sha384').update(readFileSync(`${packageDir}dist/paybox-widgets.js`)).digest('base64')}`;
console.log(`dist/paybox-widgets.js integrity="${integrity}"`);
