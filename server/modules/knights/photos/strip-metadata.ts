import type { PhotoContentType } from "@/lib/schemas/task-photos";
import { ascii, u16be, u32be, u32le } from "@/server/modules/knights/photos/image-format";

/**
 * Removes metadata from an uploaded image before it is stored, so a photo can never carry the GPS position
 * (or device, owner, time) it was taken with. The phone already re-encodes through a canvas, which drops
 * metadata; this is the server's own guarantee for any client. Allow-lists, not deny-lists: only what
 * decoding needs is kept, so an unknown or private block is dropped too.
 *
 *  - JPEG: keeps APP0 (JFIF), APP2 only when it is an ICC profile, APP14 (Adobe colour transform) and the
 *    image segments; drops APP1 (EXIF, XMP), APP13 (IPTC), every other APPn and COM, and anything after
 *    the first image's EOI (multi-picture JPEGs append further images, each with its own EXIF).
 *  - PNG: keeps the chunks that draw the image (IHDR, PLTE, IDAT, IEND, tRNS, colour chunks, pHYs); drops
 *    eXIf, tEXt/zTXt/iTXt, tIME and unknown chunks, and anything after IEND.
 *  - WebP: keeps the image chunks (VP8, VP8L, VP8X, ALPH, ANIM, ANMF, ICCP); drops EXIF, XMP and unknown
 *    chunks, clears the EXIF/XMP flags of VP8X and rewrites the RIFF size.
 *
 * Returns null when the file's structure is broken (it is then refused, not stored half-cleaned).
 */
export type StrippedImage = { bytes: Uint8Array<ArrayBuffer>; removed: string[] };

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const JPEG_NAMES: Record<number, string> = { 0xfe: "COM" };
const jpegName = (marker: number) => JPEG_NAMES[marker] ?? (marker >= 0xe0 && marker <= 0xef ? `APP${marker - 0xe0}` : `FF${marker.toString(16)}`);

function keepJpegSegment(marker: number, b: Uint8Array, dataAt: number): boolean {
  if (marker === 0xe0 || marker === 0xee) return true;
  if (marker === 0xe2) return ascii(b, dataAt, 12) === "ICC_PROFILE\0";
  return !(marker >= 0xe1 && marker <= 0xef) && marker !== 0xfe;
}

/** After SOS: the entropy-coded data runs to the next marker that is not a stuffed 00, a restart or a fill. */
function endOfScanData(b: Uint8Array, from: number): number {
  for (let j = from; j + 1 < b.length; j++) {
    if (b[j] !== 0xff) continue;
    const next = b[j + 1]!;
    if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) continue;
    return j;
  }
  return -1;
}

function stripJpeg(b: Uint8Array): StrippedImage | null {
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  const removed: string[] = [];
  let i = 2;
  while (i + 1 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) { i += 1; continue; }
    if (marker === 0xd9) {
      parts.push(b.subarray(i, i + 2));
      if (i + 2 < b.length) removed.push("trailing");
      return { bytes: concat(parts), removed };
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { parts.push(b.subarray(i, i + 2)); i += 2; continue; }
    if (i + 4 > b.length) return null;
    const end = i + 2 + u16be(b, i + 2);
    if (end > b.length || end < i + 4) return null;
    if (keepJpegSegment(marker, b, i + 4)) parts.push(b.subarray(i, end));
    else removed.push(jpegName(marker));
    i = end;
    if (marker === 0xda) {
      const scanEnd = endOfScanData(b, i);
      if (scanEnd < 0) return null;
      parts.push(b.subarray(i, scanEnd));
      i = scanEnd;
    }
  }
  return null; // no EOI: truncated
}

const PNG_KEEP = new Set(["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs"]);

function stripPng(b: Uint8Array): StrippedImage | null {
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  const removed: string[] = [];
  let i = 8;
  while (i + 12 <= b.length) {
    const type = ascii(b, i + 4, 4);
    const end = i + 12 + u32be(b, i);
    if (end > b.length || (i === 8 && type !== "IHDR")) return null;
    if (PNG_KEEP.has(type)) parts.push(b.subarray(i, end));
    else removed.push(type);
    i = end;
    if (type === "IEND") {
      if (i < b.length) removed.push("trailing");
      return { bytes: concat(parts), removed };
    }
  }
  return null; // no IEND: truncated
}

const WEBP_KEEP = new Set(["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"]);
const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;

function stripWebp(b: Uint8Array): StrippedImage | null {
  const riffEnd = 8 + u32le(b, 4);
  if (riffEnd > b.length) return null;
  const chunks: Uint8Array[] = [];
  const removed: string[] = [];
  let i = 12;
  while (i + 8 <= riffEnd) {
    const type = ascii(b, i, 4);
    const size = u32le(b, i + 4);
    const end = i + 8 + size + (size % 2);
    if (end > riffEnd + (size % 2)) return null;
    if (WEBP_KEEP.has(type)) {
      const chunk = b.slice(i, Math.min(end, b.length));
      if (type === "VP8X" && size >= 1) chunk[8] = chunk[8]! & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
      chunks.push(chunk);
    } else {
      removed.push(type.trim());
    }
    i = end;
  }
  if (chunks.length === 0) return null;
  if (riffEnd < b.length) removed.push("trailing");
  const body = concat(chunks);
  const header = new Uint8Array(12);
  header.set(b.subarray(0, 4), 0);
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  header.set(b.subarray(8, 12), 8);
  return { bytes: concat([header, body]), removed };
}

export function stripImageMetadata(bytes: Uint8Array, type: PhotoContentType): StrippedImage | null {
  if (type === "image/jpeg") return stripJpeg(bytes);
  if (type === "image/png") return stripPng(bytes);
  return stripWebp(bytes);
}
