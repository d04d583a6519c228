import { PHOTO_MAX_BYTES, type PhotoContentType } from "@/lib/schemas/task-photos";
import { imageSize, sniffImageType } from "@/server/modules/knights/photos/image-format";
import { stripImageMetadata } from "@/server/modules/knights/photos/strip-metadata";

/**
 * One uploaded photo checked and cleaned, before it is stored: size limit, real type from the magic
 * bytes (JPEG/PNG/WebP only), metadata stripped, pixel size read from the header. Pure.
 */

/** A longer side than this is no phone photo after the downscale, and would cost a viewer's browser a lot of memory to open. */
export const PHOTO_MAX_SIDE_PX = 8000;

export type PreparedPhoto = { contentType: PhotoContentType; bytes: Uint8Array<ArrayBuffer>; width: number; height: number; removed: string[] };
/** Keys of the "taskPhotos" namespace (`errors.<key>`). */
export type PhotoError = "photoTooLarge" | "photoType" | "photoInvalid";

export function preparePhoto(raw: Uint8Array): { ok: true; photo: PreparedPhoto } | { ok: false; error: PhotoError } {
  if (raw.length > PHOTO_MAX_BYTES) return { ok: false, error: "photoTooLarge" };
  const contentType = sniffImageType(raw);
  if (!contentType) return { ok: false, error: "photoType" };
  const stripped = stripImageMetadata(raw, contentType);
  if (!stripped) return { ok: false, error: "photoInvalid" };
  const size = imageSize(stripped.bytes, contentType);
  if (!size) return { ok: false, error: "photoInvalid" };
  if (size.width > PHOTO_MAX_SIDE_PX || size.height > PHOTO_MAX_SIDE_PX) return { ok: false, error: "photoTooLarge" };
  return { ok: true, photo: { contentType, bytes: stripped.bytes, width: size.width, height: size.height, removed: stripped.removed } };
}
