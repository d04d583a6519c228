import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { AssignmentStatus, KnightTaskStage } from "@/server/generated/prisma/enums";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { publishLive } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import { recordCheckIn } from "@/server/modules/knights/knight-check-in";
import { loadOwnTask, type KnightTaskContext } from "@/server/modules/knights/knight-task-access";
import { canAddPhotos, canRemovePhotos } from "@/server/modules/knights/photos/photo-rules";
import { preparePhoto, type PhotoError } from "@/server/modules/knights/photos/prepare-photo";
import { PHOTO_MAX_PER_TASK, type PhotoContentType, type TRemoveTaskPhotoResult, type TTaskPhotoDto, type TUploadTaskPhotoInput } from "@/lib/schemas/task-photos";

/**
 * A knight adds photos to their own live task (rules: photo-rules.ts) and removes them before reporting.
 * Each change locks the assignment row first, so the stage check, the 6-photo limit and the recon rule
 * ("a report needs text or photos", advance-knight-task.ts) hold under concurrent taps. Audited; the
 * need's dispatchers hear `task.updated` with the photo count — never the bytes, never a position.
 */

export const PHOTO_DTO_SELECT = {
  id: true, assignmentId: true, contentType: true, byteSize: true, width: true, height: true, createdAt: true,
} satisfies Prisma.KnightTaskPhotoSelect;

type PhotoRow = Prisma.KnightTaskPhotoGetPayload<{ select: typeof PHOTO_DTO_SELECT }>;

export function toPhotoDto(r: PhotoRow): TTaskPhotoDto {
  return { ...r, contentType: r.contentType as PhotoContentType };
}

/** A task's photos, oldest first, without bytes (the caller has authorised the task). */
export async function listTaskPhotos(db: Db, assignmentId: string): Promise<TTaskPhotoDto[]> {
  const rows = await db.knightTaskPhoto.findMany({ where: { assignmentId }, orderBy: { createdAt: "asc" }, select: PHOTO_DTO_SELECT });
  return rows.map(toPhotoDto);
}

/** Photos of several tasks (the dispatch board), keyed by assignment id, without bytes. */
export async function photosOfTasks(db: Db, assignmentIds: string[]): Promise<Map<string, TTaskPhotoDto[]>> {
  const out = new Map<string, TTaskPhotoDto[]>();
  if (assignmentIds.length === 0) return out;
  const rows = await db.knightTaskPhoto.findMany({ where: { assignmentId: { in: assignmentIds } }, orderBy: { createdAt: "asc" }, select: PHOTO_DTO_SELECT });
  for (const r of rows) out.set(r.assignmentId, [...(out.get(r.assignmentId) ?? []), toPhotoDto(r)]);
  return out;
}

export async function countTaskPhotos(db: Db, assignmentId: string): Promise<number> {
  return db.knightTaskPhoto.count({ where: { assignmentId } });
}

const PHOTO_ERRORS: Record<PhotoError, string> = {
  photoTooLarge: "The photo is too large (at most 2 MB and 8000 px a side).",
  photoType: "Only JPEG, PNG or WebP photos can be added.",
  photoInvalid: "This file is not a readable photo.",
};
const stageClosed = () => new AppError("CONFLICT", "Photos can be added at the site or after delivering, while the task runs.", { photo: ["errors.photoStageClosed"] });

/** Locks the assignment row (FOR UPDATE) and reads its stage and status as they are now. */
async function lockTask(tx: Db, assignmentId: string): Promise<{ stage: KnightTaskStage; status: AssignmentStatus }> {
  const [row] = await tx.$queryRaw<{ status: AssignmentStatus; task_stage: KnightTaskStage | null }[]>`
    SELECT status::text AS status, task_stage::text AS task_stage FROM assignment WHERE id = ${assignmentId} FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", "This task does not exist or is not yours.");
  return { stage: row.task_stage ?? "ACCEPTED", status: row.status };
}

async function publishPhotoChange(tx: Db, task: KnightTaskContext, photoChange: "added" | "removed", photoCount: number): Promise<void> {
  // The need's topic reaches its dispatchers (the board refreshes on task.updated); no stage, so nobody reads it as a stage change.
  await publishLive(tx, [{ topic: liveTopics.need(task.needId), kind: "task.updated", data: { assignmentId: task.id, needId: task.needId, photoChange, photoCount } }]);
}

export async function uploadTaskPhoto(db: Db, actor: Actor, input: TUploadTaskPhotoInput, now = new Date()): Promise<TTaskPhotoDto> {
  const task = await loadOwnTask(db, actor, input.assignmentId);
  if (!canAddPhotos(task.stage, task.status)) throw stageClosed();
  const prepared = preparePhoto(Buffer.from(input.dataBase64, "base64"));
  if (!prepared.ok) throw new AppError("UNPROCESSABLE_CONTENT", PHOTO_ERRORS[prepared.error], { photo: [`errors.${prepared.error}`] });
  const p = prepared.photo;

  return inTransaction(db, async (tx) => {
    const locked = await lockTask(tx, task.id);
    if (!canAddPhotos(locked.stage, locked.status)) throw stageClosed();
    const count = await countTaskPhotos(tx, task.id);
    if (count >= PHOTO_MAX_PER_TASK) {
      throw new AppError("CONFLICT", `A task takes at most ${PHOTO_MAX_PER_TASK} photos.`, { photo: ["errors.photoLimit"] });
    }
    const row = await tx.knightTaskPhoto.create({
      data: { assignmentId: task.id, uploaderId: actor.userId, contentType: p.contentType, byteSize: p.bytes.length, width: p.width, height: p.height, bytes: p.bytes },
      select: PHOTO_DTO_SELECT,
    });
    // Taking a photo on site is a sign of life like a stage change.
    await recordCheckIn(tx, task.id, now);
    await recordAudit(tx, {
      actorId: actor.userId, action: "knightTask.addPhoto", entityType: "Assignment", entityId: task.id,
      data: { photoId: row.id, stage: locked.stage, contentType: p.contentType, byteSize: p.bytes.length, width: p.width, height: p.height, metadataRemoved: p.removed },
    });
    await publishPhotoChange(tx, task, "added", count + 1);
    return toPhotoDto(row);
  });
}

export async function removeTaskPhoto(db: Db, actor: Actor, input: { photoId: string }): Promise<TRemoveTaskPhotoResult> {
  const photo = await db.knightTaskPhoto.findFirst({ where: { id: input.photoId, uploaderId: actor.userId }, select: { id: true, assignmentId: true } });
  if (!photo) throw new AppError("NOT_FOUND", "This photo does not exist or is not yours.");
  const task = await loadOwnTask(db, actor, photo.assignmentId);

  return inTransaction(db, async (tx) => {
    const locked = await lockTask(tx, task.id);
    if (!canRemovePhotos(locked.stage, locked.status)) {
      throw new AppError("CONFLICT", "Photos can only be removed before the report is sent.", { photo: ["errors.photoLocked"] });
    }
    const { count } = await tx.knightTaskPhoto.deleteMany({ where: { id: photo.id, uploaderId: actor.userId } });
    if (count !== 1) throw new AppError("NOT_FOUND", "This photo does not exist or is not yours.");
    const photoCount = await countTaskPhotos(tx, task.id);
    await recordAudit(tx, { actorId: actor.userId, action: "knightTask.removePhoto", entityType: "Assignment", entityId: task.id, data: { photoId: photo.id } });
    await publishPhotoChange(tx, task, "removed", photoCount);
    return { photoId: photo.id, assignmentId: task.id, photoCount };
  });
}
