// Draws the app and tray icons (a hub: a centre joined to four satellites) and writes them as PNG with zlib only.
// Run `node scripts/make-icons.mjs` after changing the drawing; the PNGs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---- PNG encoding (8-bit RGBA, no interlace) ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- Drawing: shapes in unit coordinates (0..1), coverage by 4×4 supersampling ----
const disc = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= w / 2;
function segment(x1, y1, x2, y2, w) {
  return (x, y) => {
    const dx = x2 - x1;
    const dy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) <= w / 2;
  };
}
function roundedSquare(inset, radius) {
  return (x, y) => {
    const qx = Math.max(Math.abs(x - 0.5) - (0.5 - inset - radius), 0);
    const qy = Math.max(Math.abs(y - 0.5) - (0.5 - inset - radius), 0);
    return Math.hypot(qx, qy) <= radius;
  };
}
const any =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));

/** Paints layers ({ shape, color: [r,g,b,a] | (x,y) => [r,g,b,a] }) from back to front. */
function render(size, layers) {
  const out = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          let c = [0, 0, 0, 0];
          for (const layer of layers) {
            if (!layer.shape(x, y)) continue;
            const lc = typeof layer.color === 'function' ? layer.color(x, y) : layer.color;
            const la = lc[3] / 255;
            c = [
              lc[0] * la + c[0] * (1 - la),
              lc[1] * la + c[1] * (1 - la),
              lc[2] * la + c[2] * (1 - la),
              la + (c[3] / 255) * (1 - la),
            ];
            c[3] *= 255;
          }
          // Accumulate premultiplied colour so edges do not darken.
          r += c[0];
          g += c[1];
          b += c[2];
          a += c[3];
        }
      }
      const n = S * S;
      const alpha = a / n;
      const i = (py * size + px) * 4;
      const un = alpha > 0 ? 255 / alpha : 0;
      out[i] = Math.round(Math.min(255, (r / n) * un));
      out[i + 1] = Math.round(Math.min(255, (g / n) * un));
      out[i + 2] = Math.round(Math.min(255, (b / n) * un));
      out[i + 3] = Math.round(alpha);
    }
  }
  return out;
}

// The hub glyph: a centre disc, four satellites on the diagonals, spokes between them.
function hubGlyph(scale, stroke) {
  const c = 0.5;
  const d = 0.27 * scale;
  const sat = [
    [c - d, c - d],
    [c + d, c - d],
    [c - d, c + d],
    [c + d, c + d],
  ];
  return any(
    disc(c, c, 0.11 * scale),
    ...sat.map(([x, y]) => disc(x, y, 0.075 * scale)),
    ...sat.map(([x, y]) => segment(c, c, x, y, stroke * scale)),
  );
}

const WHITE = [255, 255, 255, 255];
const BLACK = [0, 0, 0, 255];
const INDIGO = [79, 70, 229, 255];
const gradient = (x, y) => {
  const t = (x + y) / 2;
  return [Math.round(99 - 20 * t), Math.round(102 - 40 * t), Math.round(241 - 10 * t), 255];
};

function appIcon(size) {
  return render(size, [
    { shape: roundedSquare(0.06, 0.2), color: gradient },
    { shape: hubGlyph(1, 0.05), color: WHITE },
  ]);
}

// Tray icons stay legible at 16 px: a ring around the centre dot, no satellites.
function trayTemplate(size) {
  return render(size, [{ shape: any(ring(0.5, 0.5, 0.36, 0.13), disc(0.5, 0.5, 0.15)), color: BLACK }]);
}

function trayColour(size) {
  return render(size, [
    { shape: disc(0.5, 0.5, 0.48), color: INDIGO },
    { shape: any(ring(0.5, 0.5, 0.28, 0.1), disc(0.5, 0.5, 0.11)), color: WHITE },
  ]);
}

const outputs = [
  ['build/icon.png', 1024, appIcon],
  ['resources/icon.png', 256, appIcon],
  ['resources/trayTemplate.png', 16, trayTemplate],
  ['resources/trayTemplate@2x.png', 32, trayTemplate],
  ['resources/tray.png', 16, trayColour],
  ['resources/tray@2x.png', 32, trayColour],
];

for (const [file, size, draw] of outputs) {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodePng(size, draw(size)));
  process.stdout.write(`${file} (${size}×${size})\n`);
}
