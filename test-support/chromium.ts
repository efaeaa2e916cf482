import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * A headless Chromium, found or got without any download at test time: CHROMIUM_PATH, Debian's
 * /usr/bin/chromium, or the binary that @sparticuz/chromium ships inside its npm package.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : await sparticuzChromium());
  return chromium.launch({
    executablePath,
    // Not @sparticuz's own GL flags, which crash here; no background traffic, which this network refuses.
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-zygote', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

async function sparticuzChromium(): Promise<string> {
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}
