import { PHOTO_MAX_BYTES, PHOTO_MAX_LONG_SIDE } from "@/lib/schemas/task-photos";

/**
 * The phone shrinks a photo before it is sent: at most PHOTO_MAX_LONG_SIDE px on the long side, re-encoded
 * as JPEG through a canvas. Re-encoding keeps only pixels, so EXIF/XMP (GPS position, device, time) never
 * leaves the phone; the server strips metadata again for any other client. The camera's orientation is
 * applied while decoding, so the upright picture is what gets drawn.
 */

/** The size a width × height image gets when its long side is at most `maxSide` (never enlarged). */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= maxSide) return { width, height };
  const scale = maxSide / long;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Lower JPEG qualities tried in turn until the photo fits the server's limit. */
export const JPEG_QUALITIES = [0.85, 0.72, 0.6, 0.45] as const;

export class PhotoPrepareError extends Error {
  constructor(readonly key: "errors.photoInvalid" | "errors.photoTooLarge") {
    super(key);
  }
}

type Drawable = { source: CanvasImageSource; width: number; height: number; close: () => void };

async function decode(file: Blob): Promise<Drawable> {
  if (typeof createImageBitmap === "function") {
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
  }
  // Older browsers: an <img> (which also applies the EXIF orientation in current engines).
  const url = URL.createObjectURL(file);
  const img = new Image();
  img.src = url;
  await img.decode().finally(() => URL.revokeObjectURL(url));
  return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => undefined };
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
}

/** The file as a metadata-free JPEG no larger than the limits; throws PhotoPrepareError. */
export async function downscaleToJpeg(file: Blob, maxSide = PHOTO_MAX_LONG_SIDE, maxBytes = PHOTO_MAX_BYTES): Promise<Blob> {
  let image: Drawable;
  try {
    image = await decode(file);
  } catch {
    throw new PhotoPrepareError("errors.photoInvalid");
  }
  try {
    const size = fitWithin(image.width, image.height, maxSide);
    const canvas = document.createElement("canvas");
    canvas.width = size.width;
    canvas.height = size.height;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new PhotoPrepareError("errors.photoInvalid");
    // JPEG has no transparency: a transparent PNG gets a white background rather than black.
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, size.width, size.height);
    ctx.drawImage(image.source, 0, 0, size.width, size.height);
    for (const q of JPEG_QUALITIES) {
      const blob = await toJpeg(canvas, q);
      if (blob && blob.size <= maxBytes) return blob;
    }
    throw new PhotoPrepareError("errors.photoTooLarge");
  } finally {
    image.close();
  }
}

/** Plain base64 of a blob (what knightTask.uploadPhoto takes). */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(",") + 1));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
