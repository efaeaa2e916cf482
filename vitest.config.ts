import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const sources = (pkg: string, entry: string) => fileURLToPath(new URL(`./packages/${pkg}/src/${entry}`, import.meta.url));
const packages = ['contract', 'engine', 'api', 'sdk'];

// Tests run on the sources: each package's entry points resolve to its TypeScript, not to dist.
// (The pack-and-import test checks what the built tarballs export.)
export default defineConfig({
  resolve: {
    alias: packages.flatMap((pkg) => [
      { find: new RegExp(`^@pay-box/${pkg}$`), replacement: sources(pkg, 'index.ts') },
      { find: new RegExp(`^@pay-box/${pkg}/(.*)$`), replacement: sources(pkg, '$1/index.ts') },
    ]),
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    // One throwaway PostgreSQL server for the run (skipped, loudly, where the machine has none).
    globalSetup: ['test-support/postgres-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
