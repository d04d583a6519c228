import zlib from "node:zlib";

/**
 * Test-only image bytes, built here so every test shows what it feeds in. The PNG is a real, decodable
 * image (browsers can draw it); the JPEG and WebP are structurally valid files whose metadata blocks are
 * what the tests look at (the server never decodes pixels).
 */

/** The text planted in every metadata block: if it survives anywhere in the output, metadata leaked. */
export const SECRET_GPS = "GPS 32.041234N 118.784321E";

const enc = (s: string) => Buffer.from(s, "latin1");
const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);

function jpegSegment(marker: number, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xff, marker]), u16(data.length + 2), data]);
}

/**
 * A baseline JPEG with EXIF (APP1), XMP (APP1), IPTC (APP13), a comment, an ICC profile (APP2, kept),
 * a frame header of the given size, a scan whose data contains stuffed FF 00 and a restart marker, and a
 * second "image" after EOI as multi-picture files append one.
 */
export function jpegWithExif(opts: { width?: number; height?: number } = {}): Uint8Array {
  const { width = 64, height = 48 } = opts;
  const exif = Buffer.concat([enc("Exif\0\0"), enc("MM\0*\0\0\0\x08"), enc(SECRET_GPS)]);
  const xmp = Buffer.concat([enc("http://ns.adobe.com/xap/1.0/\0"), enc(`<x:xmpmeta><exif:GPS>${SECRET_GPS}</exif:GPS></x:xmpmeta>`)]);
  const sof = Buffer.concat([Buffer.from([8]), u16(height), u16(width), Buffer.from([1, 1, 0x11, 0])]);
  const sos = Buffer.from([1, 1, 0, 0, 63, 0]);
  const scan = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0x78]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xe0, enc("JFIF\0\x01\x01\0\0\x01\0\x01\0\0")),
    jpegSegment(0xe1, exif),
    jpegSegment(0xe1, xmp),
    jpegSegment(0xed, enc(`Photoshop 3.0\0${SECRET_GPS}`)),
    jpegSegment(0xfe, enc(`comment ${SECRET_GPS}`)),
    jpegSegment(0xe2, enc("ICC_PROFILE\0\x01\x01profile")),
    jpegSegment(0xdb, Buffer.alloc(65, 1)),
    jpegSegment(0xc0, sof),
    jpegSegment(0xc4, Buffer.alloc(20, 0)),
    jpegSegment(0xda, sos),
    scan,
    Buffer.from([0xff, 0xd9]),
    // A multi-picture "second image" with its own EXIF, after the first EOI.
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xe1, exif),
    Buffer.from([0xff, 0xd9]),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([enc(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, body, crc]);
}

/** A real RGB PNG (a colour gradient), optionally with eXIf and tEXt chunks carrying SECRET_GPS. */
export function pngImage(opts: { width?: number; height?: number; metadata?: boolean } = {}): Uint8Array {
  const { width = 32, height = 24, metadata = false } = opts;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([(x * 255) / width, (y * 255) / height, 160], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    ...(metadata ? [pngChunk("eXIf", enc(`MM\0*${SECRET_GPS}`)), pngChunk("tEXt", enc(`Comment\0${SECRET_GPS}`))] : []),
    pngChunk("IDAT", zlib.deflateSync(Buffer.concat(rows))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function riffChunk(type: string, data: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([enc(type), size, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** An extended WebP (VP8X with the EXIF and XMP flags set) with EXIF and XMP chunks and a lossless image chunk. */
export function webpWithExif(opts: { width?: number; height?: number } = {}): Uint8Array {
  const { width = 40, height = 30 } = opts;
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x08 | 0x04;
  vp8x.writeUIntLE(width - 1, 4, 3);
  vp8x.writeUIntLE(height - 1, 7, 3);
  const vp8l = Buffer.alloc(9);
  vp8l[0] = 0x2f;
  vp8l.writeUInt32LE(((width - 1) | ((height - 1) << 14)) >>> 0, 1);
  const chunks = Buffer.concat([riffChunk("VP8X", vp8x), riffChunk("VP8L", vp8l), riffChunk("EXIF", enc(`MM\0*${SECRET_GPS}`)), riffChunk("XMP ", enc(`<x>${SECRET_GPS}</x>`))]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(chunks.length + 4);
  return Buffer.concat([enc("RIFF"), size, enc("WEBP"), chunks]);
}

export const contains = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text, "latin1"));
