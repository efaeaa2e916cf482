import { defineConfig } from 'tsup';

/** The public entry points, for CommonJS and the type declarations. */
const entries = {
  index: 'src/index.ts',
  'contract/index': 'src/contract/index.ts',
  'mock/index': 'src/mock/index.ts',
  'demo/index': 'src/demo/index.ts',
  'receipts/index': 'src/receipts/index.ts',
  'validation/index': 'src/validation/index.ts',
};

export default defineConfig([
  {
    // ESM keeps one file per source module, so an app's bundler drops every module it does not
    // use (sideEffects: false): importing the client alone leaves zod and the tax-code tables out.
    entry: ['src/**/*.ts'],
    bundle: false,
    format: ['esm'],
    sourcemap: true,
    target: 'es2022',
  },
  // CommonJS for require() in Node, one file per entry, with its declarations (.d.cts).
  { entry: entries, format: ['cjs'], dts: true, sourcemap: true, target: 'es2022' },
  // Declarations for the ESM entries (.d.ts).
  { entry: entries, format: ['esm'], dts: { only: true } },
]);
