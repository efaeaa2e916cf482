import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../../../test-support/chromium.js';
import { startWidgetServer, type WidgetServer } from './widget-server.js';

/**
 * Registers in the enclosing `describe` a widget server and a Chromium, started together before its
 * tests and closed after them. Read `server` and `browser` inside hooks and tests.
 */
export function useWidgetServerAndChromium(): { readonly server: WidgetServer; readonly browser: Browser } {
  let server: WidgetServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startWidgetServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
  };
}
