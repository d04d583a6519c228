import type { PhotoContentType } from "@/lib/schemas/task-photos";

/**
 * What an uploaded image really is, from its first bytes (magic numbers) — the type a client declares is
 * never trusted — and its pixel size from the header, without decoding the image. Pure functions.
 */

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

export function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

/** JPEG (FF D8 FF), PNG (its 8-byte signature) or WebP (RIFF····WEBP); null for anything else. */
export function sniffImageType(bytes: Uint8Array): PhotoContentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, PNG_SIGNATURE)) return "image/png";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "image/webp";
  return null;
}

export type ImageSize = { width: number; height: number };

export const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
export const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
export const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
export const u32le = (b: Uint8Array, i: number) => (u24le(b, i) + (b[i + 3]! << 24)) >>> 0;

/** SOFn markers carry the frame size (C4 = DHT, C8 = JPG, CC = DAC are not frames). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegSize(b: Uint8Array): ImageSize | null {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) { i += 1; continue; } // fill byte
    if (marker === 0xd9 || marker === 0xda) return null; // EOI / start of scan before any frame header
    const length = u16be(b, i + 2);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (i + 9 > b.length) return null;
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

function pngSize(b: Uint8Array): ImageSize | null {
  // Signature, then the IHDR chunk: length (4), "IHDR", width (4), height (4).
  if (b.length < 24 || ascii(b, 12, 4) !== "IHDR") return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

function webpSize(b: Uint8Array): ImageSize | null {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  const d = 20; // chunk data starts after "RIFF" size "WEBP" fourcc size
  if (chunk === "VP8X") return { width: u24le(b, d + 4) + 1, height: u24le(b, d + 7) + 1 };
  if (chunk === "VP8 ") {
    // Key frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height (2 scale bits each).
    if (!startsWith(b, [0x9d, 0x01, 0x2a], d + 3)) return null;
    return { width: (b[d + 6]! | (b[d + 7]! << 8)) & 0x3fff, height: (b[d + 8]! | (b[d + 9]! << 8)) & 0x3fff };
  }
  if (chunk === "VP8L") {
    // Signature 0x2F, then 14 bits width-1 and 14 bits height-1, little-endian.
    if (b[d] !== 0x2f) return null;
    const bits = u32le(b, d + 1);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  return null;
}

/** Pixel size from the header; null when the header does not say (the photo is still stored, without it). */
export function imageSize(bytes: Uint8Array, type: PhotoContentType): ImageSize | null {
  const size = type === "image/jpeg" ? jpegSize(bytes) : type === "image/png" ? pngSize(bytes) : webpSize(bytes);
  return size && size.width > 0 && size.height > 0 ? size : null;
}
