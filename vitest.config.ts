import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { postgresBinaries } from './test-support/postgres.js';

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
    // One throwaway PostgreSQL server for the run (skipped, loudly, where the machine has none), and
    // one build of paybox-server from the sources for the processes tests start.
    globalSetup: ['test-support/postgres-global-setup.ts', 'test-support/server-build-global-setup.ts'],
    // Vitest's default is one worker fewer than the CPUs: on two, one file at a time. Most files spend
    // their time waiting (on server processes, fsync, a browser, PostgreSQL), so two keep two CPUs busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Time-outs catch a hang, not a slow minute: this machine's speed varies several-fold, and two
    // files share its two CPUs.
    testTimeout: 60_000,
    hookTimeout: 90_000,
    projects: [
      { extends: true as const, test: { name: 'all', include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'] } },
      // The HTTP suite again, the server on PostgreSQL; the engine's suite runs on every store by itself.
      ...(postgresBinaries()
        ? [{ extends: true as const, test: { name: 'http on postgres', include: ['packages/reference-server/test/http/**/*.test.ts'], env: { PAYBOX_TEST_STORE: 'postgres' } } }]
        : []),
    ],
  },
});
