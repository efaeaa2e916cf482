// Draws the app's icons with no dependency: the SVG, and PNGs (192, 512, and a maskable 512 whose
// drawing stays inside the safe circle) written with node:zlib. Run: node examples/citizen-app/scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const out = new URL('../public/icons/', import.meta.url);
const BLUE = [0x0b, 0x5c, 0xad];
const WHITE = [0xff, 0xff, 0xff];

/** The picture on a unit square: a receipt with its lines on the app's blue. */
const receipt = { x: 0.3, y: 0.2, w: 0.4, h: 0.6, r: 0.04 };
const lines = [
  { x: 0.38, y: 0.31, w: 0.24, h: 0.045 },
  { x: 0.38, y: 0.4, w: 0.24, h: 0.045 },
  { x: 0.38, y: 0.49, w: 0.16, h: 0.045 },
  { x: 0.38, y: 0.62, w: 0.24, h: 0.08 },
];

const inRoundRect = (px, py, { x, y, w, h, r = 0 }) => {
  if (px < x || px > x + w || py < y || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
};

/** The colour at a point of the unit square, or null outside the icon. `scale` shrinks the drawing about the centre. */
function colourAt(px, py, { maskable }) {
  if (!maskable && !inRoundRect(px, py, { x: 0, y: 0, w: 1, h: 1, r: 0.2 })) return null;
  const scale = maskable ? 0.8 : 1;
  const x = 0.5 + (px - 0.5) / scale;
  const y = 0.5 + (py - 0.5) / scale;
  if (lines.some((line) => inRoundRect(x, y, { ...line, r: 0.01 }))) return BLUE;
  if (inRoundRect(x, y, receipt)) return WHITE;
  return BLUE;
}

function png(size, options) {
  const samples = 4;
  const rows = [];
  for (let row = 0; row < size; row++) {
    const line = Buffer.alloc(1 + size * 4);
    for (let column = 0; column < size; column++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((column + (sx + 0.5) / samples) / size, (row + (sy + 0.5) / samples) / size, options);
          if (!colour) continue;
          r += colour[0]; g += colour[1]; b += colour[2]; a += 1;
        }
      const offset = 1 + column * 4;
      if (a) line.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / samples ** 2)], offset);
    }
    rows.push(line);
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const hex = (colour) => `#${colour.map((part) => part.toString(16).padStart(2, '0')).join('')}`;
const rect = ({ x, y, w, h, r = 0.01 }, fill) => `<rect x="${x * 512}" y="${y * 512}" width="${w * 512}" height="${h * 512}" rx="${r * 512}" fill="${fill}"/>`;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="${0.2 * 512}" fill="${hex(BLUE)}"/>
  ${rect(receipt, hex(WHITE))}
  ${lines.map((line) => rect(line, hex(BLUE))).join('\n  ')}
</svg>
`;

writeFileSync(new URL('icon.svg', out), svg);
writeFileSync(new URL('icon-192.png', out), png(192, { maskable: false }));
writeFileSync(new URL('icon-512.png', out), png(512, { maskable: false }));
writeFileSync(new URL('icon-maskable-512.png', out), png(512, { maskable: true }));
console.log('icons written to', out.pathname);
