/**
 * Writes the knight app's PNG icons (public/icons/knight-*.png) from the same compass mark as app/icon.svg,
 * rasterised here with a tiny PNG encoder so no image tooling is needed. Run: `npx tsx scripts/make-pwa-icons.ts`.
 * "maskable" icons keep the mark inside the 80 % safe zone and fill the whole square with the brand colour.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const BRAND: [number, number, number] = [0xd9, 0x48, 0x0a];
const WHITE: [number, number, number] = [255, 255, 255];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

type Pt = [number, number];
function inTriangle(p: Pt, a: Pt, b: Pt, c: Pt): boolean {
  const s = (p1: Pt, p2: Pt, p3: Pt) => (p1[0] - p3[0]) * (p2[1] - p3[1]) - (p2[0] - p3[0]) * (p1[1] - p3[1]);
  const d1 = s(p, a, b), d2 = s(p, b, c), d3 = s(p, c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

/** The compass mark in app/icon.svg's 32-unit space. */
function onMark(u: number, v: number): boolean {
  const tris: [Pt, Pt, Pt][] = [
    [[16, 5.5], [19, 10], [13, 10]],
    [[16, 26.5], [13, 22], [19, 22]],
    [[5.5, 16], [10, 13], [10, 19]],
    [[26.5, 16], [22, 19], [22, 13]],
  ];
  if ((u - 16) ** 2 + (v - 16) ** 2 <= 3.5 ** 2) return true;
  return tris.some(([a, b, c]) => inTriangle([u, v], a, b, c));
}

function icon(size: number, maskable: boolean): Buffer {
  const SS = 4; // supersampling per axis, for smooth edges
  const radius = maskable ? 0 : 8;
  const scale = maskable ? 0.72 : 1; // maskable: mark inside the safe zone
  return encodePng(size, (x, y) => {
    let bg = 0, mark = 0;
    for (let i = 0; i < SS; i++) {
      for (let j = 0; j < SS; j++) {
        const u = ((x + (i + 0.5) / SS) / size) * 32;
        const v = ((y + (j + 0.5) / SS) / size) * 32;
        const cx = Math.max(radius, Math.min(32 - radius, u));
        const cy = Math.max(radius, Math.min(32 - radius, v));
        if (radius === 0 || (u - cx) ** 2 + (v - cy) ** 2 <= radius ** 2) {
          bg++;
          if (onMark(16 + (u - 16) / scale, 16 + (v - 16) / scale)) mark++;
        }
      }
    }
    const n = SS * SS;
    if (bg === 0) return [0, 0, 0, 0];
    const m = mark / bg;
    const mix = (i: number) => Math.round(BRAND[i] * (1 - m) + WHITE[i] * m);
    return [mix(0), mix(1), mix(2), Math.round((bg / n) * 255)];
  });
}

const out = path.join(process.cwd(), "public", "icons");
fs.mkdirSync(out, { recursive: true });
for (const size of [192, 512]) {
  fs.writeFileSync(path.join(out, `knight-${size}.png`), icon(size, false));
  fs.writeFileSync(path.join(out, `knight-maskable-${size}.png`), icon(size, true));
}
fs.writeFileSync(path.join(out, "knight-180.png"), icon(180, true));
fs.copyFileSync(path.join(process.cwd(), "app", "icon.svg"), path.join(out, "knight.svg"));
console.log("icons written to", out);
