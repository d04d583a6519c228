import { describe, expect, it } from "vitest";
import { PHOTO_MAX_BASE64_LENGTH, PHOTO_MAX_BYTES, ZUploadTaskPhotoInput } from "@/lib/schemas/task-photos";
import { imageSize, sniffImageType } from "@/server/modules/knights/photos/image-format";
import { preparePhoto } from "@/server/modules/knights/photos/prepare-photo";
import { contains, jpegWithExif, pngImage, SECRET_GPS, webpWithExif } from "@/server/modules/knights/photos/test-images";

const bytes = (...b: number[]) => Uint8Array.from(b);

describe("magic bytes decide the type", () => {
  it("recognises JPEG, PNG and WebP by their first bytes only", () => {
    expect(sniffImageType(jpegWithExif())).toBe("image/jpeg");
    expect(sniffImageType(pngImage())).toBe("image/png");
    expect(sniffImageType(webpWithExif())).toBe("image/webp");
  });

  it("refuses everything else, whatever its name or declared type would say", () => {
    expect(sniffImageType(Buffer.from("GIF89a\x01\x00\x01\x00", "latin1"))).toBeNull();
    expect(sniffImageType(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffImageType(Buffer.from("%PDF-1.7"))).toBeNull();
    expect(sniffImageType(Buffer.from("RIFF\0\0\0\0WAVEfmt ", "latin1"))).toBeNull();
    expect(sniffImageType(bytes(0xff, 0xd8))).toBeNull();
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull();
    expect(sniffImageType(bytes())).toBeNull();
  });

  it("reads the pixel size from the header, or says it cannot", () => {
    expect(imageSize(jpegWithExif({ width: 1600, height: 1200 }), "image/jpeg")).toEqual({ width: 1600, height: 1200 });
    expect(imageSize(pngImage({ width: 7, height: 5 }), "image/png")).toEqual({ width: 7, height: 5 });
    expect(imageSize(bytes(0xff, 0xd8, 0xff, 0xd9), "image/jpeg")).toBeNull();
  });
});

describe("preparing an upload", () => {
  it("returns the cleaned bytes, the real type and the size", () => {
    const r = preparePhoto(jpegWithExif({ width: 120, height: 90 }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.photo).toMatchObject({ contentType: "image/jpeg", width: 120, height: 90 });
    expect(contains(r.photo.bytes, SECRET_GPS)).toBe(false);
  });

  it("refuses other types, broken files, more than 2 MB and absurd pixel sizes", () => {
    expect(preparePhoto(Buffer.from("GIF89a-------", "latin1"))).toEqual({ ok: false, error: "photoType" });
    const png = pngImage();
    expect(preparePhoto(png.subarray(0, png.length - 20))).toEqual({ ok: false, error: "photoInvalid" });
    const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
    big.set(pngImage());
    expect(preparePhoto(big)).toEqual({ ok: false, error: "photoTooLarge" });
    expect(preparePhoto(pngImage({ width: 9000, height: 2 }))).toEqual({ ok: false, error: "photoTooLarge" });
  });

  it("bounds the base64 input before anything is decoded", () => {
    const ok = Buffer.from(pngImage()).toString("base64");
    expect(ZUploadTaskPhotoInput.safeParse({ assignmentId: "a1", dataBase64: ok }).success).toBe(true);
    const tooLong = ZUploadTaskPhotoInput.safeParse({ assignmentId: "a1", dataBase64: "A".repeat(PHOTO_MAX_BASE64_LENGTH + 4) });
    expect(tooLong.success ? null : tooLong.error.issues[0]!.message).toBe("errors.photoTooLarge");
    const notBase64 = ZUploadTaskPhotoInput.safeParse({ assignmentId: "a1", dataBase64: "data:image/png;base64,AAAA" });
    expect(notBase64.success ? null : notBase64.error.issues[0]!.message).toBe("errors.photoInvalid");
  });
});
