import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

/**
 * Storybook for the widgets: every story runs on the SDK's mock (`stories/support/demo.ts`), so it needs
 * no server. As in the tests, the workspace packages resolve to their TypeScript sources, so nothing
 * has to be built first and a change to the SDK or the engine shows at once.
 */
const sources = (pkg: string, entry: string) => fileURLToPath(new URL(`../../${pkg}/src/${entry}`, import.meta.url));
const workspacePackages = ['contract', 'engine', 'api', 'sdk'];

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      resolve: {
        alias: workspacePackages.flatMap((pkg) => [
          { find: new RegExp(`^@pay-box/${pkg}$`), replacement: sources(pkg, 'index.ts') },
          { find: new RegExp(`^@pay-box/${pkg}/(.*)$`), replacement: sources(pkg, '$1/index.ts') },
        ]),
      },
      // The mock (engine, API, contract) is a large chunk by design: it stands in for the server.
      build: { chunkSizeWarningLimit: 1_500 },
    });
  },
};

export default config;
