import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repositoryRoot } from './local.js';

/**
 * paybox-server built from the sources the way its package's build bundles them (esbuild, the
 * workspace's packages from their sources, third-party ones left to node_modules): one file for
 * a process to load, where `node --import tsx` compiles some three hundred modules through loader
 * hooks on every start (about two seconds of CPU more, and the tests start dozens of processes).
 * It is written beside the package's sources, at their depth, so that the paths the server finds
 * from its own file (the cruscotto's build, the examples, package.json) resolve as they do from src.
 */
export async function buildServerCli(): Promise<{ file: string; remove(): void }> {
  const packageDir = join(repositoryRoot, 'packages', 'reference-server');
  const dir = mkdtempSync(join(packageDir, '.test-build-'));
  const file = join(dir, 'cli.mjs');
  await build({
    entryPoints: [join(packageDir, 'src', 'cli.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    // The repository's tsconfig maps @pay-box/* to their sources.
    tsconfig: join(repositoryRoot, 'tsconfig.json'),
    logLevel: 'warning',
    plugins: [
      {
        name: 'third-party-from-node-modules',
        setup(bundle) {
          bundle.onResolve({ filter: /^[^./]/ }, ({ path }) => (path.startsWith('@pay-box/') ? undefined : { external: true }));
        },
      },
    ],
  });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
