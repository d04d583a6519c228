import { RECEIPT_MAX_BYTES } from "@/lib/schemas/compensation";
import { preparePhoto, type PhotoError } from "@/server/modules/knights/photos/prepare-photo";

/**
 * A receipt checked before it is stored: a photo goes through the task-photo checks (≤ 2 MB, JPEG/PNG/WebP
 * read from the bytes, metadata stripped); a PDF must start with its signature and end with an EOF marker,
 * ≤ 5 MB. Anything else is refused. Pure.
 */

export type ReceiptError = PhotoError | "receiptType";
export type PreparedReceipt = { contentType: string; bytes: Uint8Array<ArrayBuffer> };

const PDF_MAGIC = "%PDF-";

function isPdf(raw: Uint8Array): boolean {
  if (raw.length < 16) return false;
  if (String.fromCharCode(...raw.subarray(0, 5)) !== PDF_MAGIC) return false;
  // The trailer's %%EOF sits in the last kilobyte of a complete PDF.
  const tail = String.fromCharCode(...raw.subarray(Math.max(0, raw.length - 1024)));
  return tail.includes("%%EOF");
}

export function prepareReceipt(raw: Uint8Array): { ok: true; receipt: PreparedReceipt } | { ok: false; error: ReceiptError } {
  if (raw.length > RECEIPT_MAX_BYTES) return { ok: false, error: "photoTooLarge" };
  if (String.fromCharCode(...raw.subarray(0, 5)) === PDF_MAGIC) {
    if (!isPdf(raw)) return { ok: false, error: "photoInvalid" };
    return { ok: true, receipt: { contentType: "application/pdf", bytes: new Uint8Array(raw) } };
  }
  const photo = preparePhoto(raw);
  if (!photo.ok) return { ok: false, error: photo.error === "photoType" ? "receiptType" : photo.error };
  return { ok: true, receipt: { contentType: photo.photo.contentType, bytes: photo.photo.bytes } };
}

export const RECEIPT_ERROR_TEXT: Record<ReceiptError, string> = {
  photoTooLarge: "The file is too large (photos at most 2 MB, PDF at most 5 MB).",
  photoType: "Only JPEG, PNG or WebP photos or a PDF can be added.",
  receiptType: "Only JPEG, PNG or WebP photos or a PDF can be added.",
  photoInvalid: "This file is not a readable photo or PDF.",
};
