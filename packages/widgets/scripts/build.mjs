// The package's build: ES modules with declarations for bundlers (tsc), the script-tag builds (esbuild:
// the entry with its chunks on demand, and one file with everything), the Custom Elements Manifest,
// the size budgets, and the script-tag files' SRI hashes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundleWidgets } from './bundle.mjs';
import { checkSizes } from './check-size.mjs';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const run = (script, args) => execFileSync(process.execPath, [script, ...args], { cwd: packageDir, stdio: 'inherit' });

rmSync(`${packageDir}dist`, { recursive: true, force: true });
run(require.resolve('typescript/bin/tsc'), ['-p', 'tsconfig.build.json']);
const { metafile } = await bundleWidgets({ outdir: `${packageDir}dist` });
await bundleWidgets({ outdir: `${packageDir}dist`, oneFile: true });
run(require.resolve('@custom-elements-manifest/analyzer/cem.js'), ['analyze', '--quiet']); // custom-elements-manifest.config.mjs

const sizesHold = await checkSizes(metafile);
rmSync(`${packageDir}dist/size-check`, { recursive: true, force: true });
if (!sizesHold) process.exit(1);
for (const file of ['paybox-widgets.js', 'paybox-widgets.single.js']) {
  const bytes = readFileSync(`${packageDir}dist/${file}`);
  const integrity = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  console.log(`dist/${file} integrity="${integrity}" (${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(2)} KB min+gz)`);
}
