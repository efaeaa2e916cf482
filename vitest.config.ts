import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const sdkSource = (entry: string) => fileURLToPath(new URL(`./packages/sdk/src/${entry}`, import.meta.url));

// Tests run on the sources: the SDK's entry points resolve to its TypeScript, not to dist.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@pay-box\/sdk\/contract$/, replacement: sdkSource('contract/index.ts') },
      { find: /^@pay-box\/sdk$/, replacement: sdkSource('index.ts') },
      { find: /^@pay-box\/sdk\/(.*)$/, replacement: sdkSource('$1/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
