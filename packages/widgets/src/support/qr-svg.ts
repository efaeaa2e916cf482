import { html, type TemplateResult } from 'lit';
import { until } from 'lit/directives/until.js';

const drawn = new Map<string, Promise<TemplateResult>>();

/**
 * A QR code as one SVG path, one unit per module, dark on white with the 4-module quiet zone the
 * standard asks for, whatever the theme (scanners need the contrast): crisp at any size and in print,
 * with no inline style, so it draws under a strict CSP. The encoder (8 KB min+gz) is loaded the first
 * time a QR code is shown, not with the page.
 */
export function qrCode(text: string, label: string): unknown {
  let svg = drawn.get(text);
  if (!svg) drawn.set(text, (svg = import('./qr-encoder.js').then(({ qrModules }) => qrSvg(qrModules(text), label))));
  return until(svg, html`<p part="qr" class="qr" role="status">…</p>`);
}

function qrSvg(modules: boolean[][], label: string): TemplateResult {
  const size = modules.length + 8;
  const d = modules.flatMap((row, y) => row.map((dark, x) => (dark ? `M${x + 4} ${y + 4}h1v1h-1z` : ''))).join('');
  return html`<svg part="qr" class="qr" viewBox="0 0 ${size} ${size}" role="img" aria-label=${label} shape-rendering="crispEdges">
    <rect width=${size} height=${size} fill="#fff"></rect>
    <path d=${d} fill="#000"></path>
  </svg>`;
}
