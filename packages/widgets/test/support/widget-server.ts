import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFakePayBoxServer, type FakePayBoxServer } from '@pay-box/sdk/mock';
import { build } from 'esbuild';
import { bundleWidgets } from '../../scripts/bundle.mjs';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** No inline script or style anywhere: what a careful comune's site sends. */
export const STRICT_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'";

export interface PageOptions {
  lang?: 'it' | 'en';
  /** Extra scripts of the test page (served from /test-scripts/), loaded after the widgets. */
  scripts?: string[];
  /** Which script-tag build the page loads: the entry with its chunks, or the one file. */
  widgets?: 'paybox-widgets.js' | 'paybox-widgets.single.js';
}

export interface WidgetServer {
  url: string;
  fake: FakePayBoxServer;
  /** A page with the widgets' script tag and `body`, under the strict CSP; returns its URL. */
  page(body: string, options?: PageOptions): string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json' };

/** Scripts a test page may load, besides the widgets: no inline script is allowed by the policy. */
const testScripts: Record<string, string> = {
  'axe.min.js': readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'),
  // Another component that renders the checkout inside its own shadow root.
  'host-app.js': `customElements.define('host-app', class extends HTMLElement {
    connectedCallback() {
      const root = this.attachShadow({ mode: 'open' });
      const checkout = document.createElement('paybox-checkout');
      for (const name of ['publishable-key', 'base-url']) checkout.setAttribute(name, this.getAttribute(name));
      root.append(checkout);
    }
  });`,
  // Records the widgets' events that reach the document.
  'record-events.js': `window.payboxEvents = [];
  for (const name of ['paybox-ready', 'paybox-credit-selected', 'paybox-error', 'paybox-unexpected-credit-ready', 'paybox-payment-succeeded', 'paybox-payment-failed'])
    document.addEventListener(name, (event) => window.payboxEvents.push({ name, detail: JSON.parse(JSON.stringify(event.detail)) }));`,
};

/**
 * The widgets built from their sources, served with test pages and, on the same origin, the SDK's fake
 * server (the real engine and API in memory, the demo's comune) that allows this origin's publishable key.
 */
export async function startWidgetServer(): Promise<WidgetServer> {
  const bundleDir = mkdtempSync(join(tmpdir(), 'paybox-widgets-'));
  const tsconfig = join(repoRoot, 'tsconfig.json');
  await Promise.all([bundleWidgets({ outdir: bundleDir, tsconfig }), bundleWidgets({ outdir: bundleDir, tsconfig, oneFile: true }), bundleReactPage()]);
  const pages: string[] = [];
  let fake: FakePayBoxServer | undefined;

  const server = createServer((request, response) => {
    void answer(request, response).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    // /widgets-copy/ serves the same files at other URLs: a second, separate copy of the widgets, as when a page includes two versions.
    const bundled = /^\/widgets(?:-copy)?\/(.+)$/.exec(path);
    if (bundled) {
      response.setHeader('content-type', contentTypes[extname(path)] ?? 'application/octet-stream');
      response.end(readFileSync(join(bundleDir, bundled[1]!.replace(/\.\.+/g, ''))));
      return;
    }
    if (path.startsWith('/test-scripts/')) {
      response.setHeader('content-type', 'text/javascript');
      response.end(testScripts[path.slice('/test-scripts/'.length)] ?? '');
      return;
    }
    const pageMatch = /^\/pages\/(\d+)$/.exec(path);
    if (pageMatch) {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.setHeader('content-security-policy', STRICT_CSP);
      response.end(pages[Number(pageMatch[1])]);
      return;
    }
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(await readBody(request));
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
    const answered = await fake!.handle(new Request(`http://${request.headers.host}${request.url}`, { method: request.method, headers, body }));
    response.statusCode = answered.status;
    answered.headers.forEach((value, name) => response.setHeader(name, value));
    response.end(Buffer.from(await answered.arrayBuffer()));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake = createFakePayBoxServer({ allowedOrigins: [url] });

  return {
    url,
    fake,
    page(body, { lang = 'it', scripts = [], widgets = 'paybox-widgets.js' } = {}) {
      pages.push(`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pay-Box widgets test page</title>
<script type="module" src="/widgets/${widgets}"></script>
${scripts.map((script) => `<script type="module" src="/test-scripts/${script}"></script>`).join('\n')}
</head>
<body>
<main>
<h1>Comune di Valdimonte</h1>
${body}
</main>
</body>
</html>`);
      return `${url}/pages/${pages.length - 1}`;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(bundleDir, { recursive: true, force: true });
    },
  };
}

/** The React 19 page (support/react-page.jsx), bundled with React for the browser. */
async function bundleReactPage(): Promise<void> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./react-page.jsx', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  testScripts['react-page.js'] = result.outputFiles[0]!.text;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
