import { fileURLToPath } from 'node:url';
import type { Options } from 'tsup';

/**
 * How every publishable package builds, from its public entry points (`name -> source`):
 * - ESM keeps one file per source module, so an app's bundler drops every module it does not use
 *   (with `sideEffects: false`): importing the client alone leaves zod and the tax-code tables out;
 * - CommonJS for require() in Node, one file per entry, with its declarations (.d.cts);
 * - declarations for the ESM entries (.d.ts).
 * The exports map of each package.json points at exactly these files; the pack-and-import test proves it.
 */
export function libraryBuild(entries: Record<string, string>): Options[] {
  // Without the repository's source paths: other packages' types come from their own built declarations.
  const tsconfig = fileURLToPath(new URL('./tsconfig.build.json', import.meta.url));
  return [
    { entry: ['src/**/*.ts'], bundle: false, format: ['esm'], sourcemap: true, target: 'es2022', tsconfig },
    { entry: entries, format: ['cjs'], dts: true, sourcemap: true, target: 'es2022', tsconfig },
    { entry: entries, format: ['esm'], dts: { only: true }, tsconfig },
  ];
}
