import { describe, expect, it } from "vitest";
import { stripImageMetadata } from "@/server/modules/knights/photos/strip-metadata";
import { imageSize, sniffImageType } from "@/server/modules/knights/photos/image-format";
import { contains, jpegWithExif, pngImage, SECRET_GPS, webpWithExif } from "@/server/modules/knights/photos/test-images";

describe("stripping metadata", () => {
  it("JPEG: drops EXIF/XMP (APP1), IPTC (APP13), comments and the trailing multi-picture image; keeps JFIF, ICC and the image", () => {
    const input = jpegWithExif({ width: 64, height: 48 });
    expect(contains(input, SECRET_GPS)).toBe(true);
    expect(contains(input, "Exif\0\0")).toBe(true);

    const out = stripImageMetadata(input, "image/jpeg")!;
    expect(out).not.toBeNull();
    expect(contains(out.bytes, SECRET_GPS)).toBe(false);
    expect(contains(out.bytes, "Exif")).toBe(false);
    expect(contains(out.bytes, "http://ns.adobe.com/xap")).toBe(false);
    expect(out.removed).toEqual(["APP1", "APP1", "APP13", "COM", "trailing"]);
    // What decoding needs is still there, in order, and the file ends at the first image's EOI.
    expect(contains(out.bytes, "JFIF")).toBe(true);
    expect(contains(out.bytes, "ICC_PROFILE")).toBe(true);
    expect([...out.bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect([...out.bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
    expect(Buffer.from(out.bytes).includes(Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0x78]))).toBe(true);
    expect(sniffImageType(out.bytes)).toBe("image/jpeg");
    expect(imageSize(out.bytes, "image/jpeg")).toEqual({ width: 64, height: 48 });
  });

  it("JPEG: a clean file passes through byte for byte; a truncated one is refused", () => {
    const clean = stripImageMetadata(jpegWithExif(), "image/jpeg")!.bytes;
    const again = stripImageMetadata(clean, "image/jpeg")!;
    expect(Buffer.from(again.bytes).equals(Buffer.from(clean))).toBe(true);
    expect(again.removed).toEqual([]);
    expect(stripImageMetadata(clean.subarray(0, clean.length - 2), "image/jpeg")).toBeNull();
    expect(stripImageMetadata(clean.subarray(0, 30), "image/jpeg")).toBeNull();
  });

  it("PNG: drops eXIf and text chunks, keeps the image chunks", () => {
    const input = pngImage({ width: 32, height: 24, metadata: true });
    const out = stripImageMetadata(input, "image/png")!;
    expect(out.removed).toEqual(["eXIf", "tEXt"]);
    expect(contains(out.bytes, SECRET_GPS)).toBe(false);
    expect(Buffer.from(out.bytes).equals(Buffer.from(pngImage({ width: 32, height: 24 })))).toBe(true);
    expect(imageSize(out.bytes, "image/png")).toEqual({ width: 32, height: 24 });
    expect(stripImageMetadata(input.subarray(0, input.length - 12), "image/png")).toBeNull();
  });

  it("WebP: drops EXIF and XMP chunks, clears their VP8X flags and rewrites the RIFF size", () => {
    const input = webpWithExif({ width: 40, height: 30 });
    const out = stripImageMetadata(input, "image/webp")!;
    expect(out.removed).toEqual(["EXIF", "XMP"]);
    expect(contains(out.bytes, SECRET_GPS)).toBe(false);
    const b = Buffer.from(out.bytes);
    expect(b.readUInt32LE(4)).toBe(b.length - 8);
    expect(b[20]! & 0x0c).toBe(0);
    expect(sniffImageType(out.bytes)).toBe("image/webp");
    expect(imageSize(out.bytes, "image/webp")).toEqual({ width: 40, height: 30 });
  });
});
