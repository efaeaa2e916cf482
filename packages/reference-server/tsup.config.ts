import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { cli: 'src/cli.ts', index: 'src/index.ts' },
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  // Declarations for the programmatic entry (the exports map's "types"), built like the libraries'
  // (without the repository's source paths: the other packages' types come from their built declarations).
  tsconfig: fileURLToPath(new URL('../../tsconfig.build.json', import.meta.url)),
  dts: { entry: { index: 'src/index.ts' }, compilerOptions: { types: ['node'] } },
});
