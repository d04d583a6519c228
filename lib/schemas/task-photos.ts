import { z } from "zod";

/**
 * Photos a knight reports on a task (recon report, proof of delivery). Shared by the phone's upload
 * control, the knightTask procedures and the read route (/api/task-photos/<id>). Messages are keys of
 * the "taskPhotos" namespace (`errors.*`). No DTO here carries bytes or any position.
 */

/** Largest photo stored, after the phone's downscale (≤ 1600 px long side as JPEG is typically 200–600 kB). */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_MAX_PER_TASK = 6;
/** The phone downscales to this long side before sending. */
export const PHOTO_MAX_LONG_SIDE = 1600;
export const PHOTO_CONTENT_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

/** Base64 length of PHOTO_MAX_BYTES bytes: the bound zod checks before anything is decoded. */
export const PHOTO_MAX_BASE64_LENGTH = Math.ceil(PHOTO_MAX_BYTES / 3) * 4;

const ZId = z.string().trim().min(1).max(64);

export const ZUploadTaskPhotoInput = z.object({
  assignmentId: ZId,
  /** The image bytes as plain base64 (no data: prefix). The type is read from the bytes, not declared. */
  dataBase64: z
    .string({ error: "errors.photoInvalid" })
    .min(16, { error: "errors.photoInvalid" })
    .max(PHOTO_MAX_BASE64_LENGTH, { error: "errors.photoTooLarge" })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: "errors.photoInvalid" }),
});
export type TUploadTaskPhotoInput = z.infer<typeof ZUploadTaskPhotoInput>;

export const ZTaskPhotoIdInput = z.object({ photoId: ZId });
export type TTaskPhotoIdInput = z.infer<typeof ZTaskPhotoIdInput>;

/** A photo as listed to its knight and the task's dispatchers: read the image from taskPhotoUrl(id). */
export const ZTaskPhotoDto = z.object({
  id: z.string(),
  assignmentId: z.string(),
  contentType: z.enum(PHOTO_CONTENT_TYPES),
  byteSize: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  createdAt: z.date(),
});
export type TTaskPhotoDto = z.infer<typeof ZTaskPhotoDto>;

export const ZRemoveTaskPhotoResult = z.object({ photoId: z.string(), assignmentId: z.string(), photoCount: z.number().int() });
export type TRemoveTaskPhotoResult = z.infer<typeof ZRemoveTaskPhotoResult>;

/** Where the app reads one photo (app/api/task-photos/[id]/route.ts): signed-in, knight or task dispatchers only. */
export function taskPhotoUrl(photoId: string): string {
  return `/api/task-photos/${encodeURIComponent(photoId)}`;
}
