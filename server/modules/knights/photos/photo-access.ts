import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { isDispatcherOf } from "@/server/modules/dispatch/dispatch-access";
import { isTaskDispatcher, loadKnightTask } from "@/server/modules/knights/knight-task-access";
import type { PhotoContentType } from "@/lib/schemas/task-photos";

/**
 * Who may see a task photo: the knight who took it, and the dispatchers who may see that need's tasks on
 * the dispatch board — a platform admin, or a member of the incident's VERIFIED government organisation
 * (isTaskDispatcher, narrowed by the board's rule: no API keys, no organisation awaiting verification).
 * Everyone else gets null, which the route answers with 404, so photo ids are never confirmed. Unlike the
 * knight's exact position, photos stay visible after the task ends: they are the report itself.
 */
export async function mayReadTaskPhoto(db: Db, actor: Actor, photo: { assignmentId: string; uploaderId: string }): Promise<boolean> {
  if (!actor.apiKey && photo.uploaderId === actor.userId) return true;
  const task = await loadKnightTask(db, photo.assignmentId);
  return !!task && isTaskDispatcher(actor, task) && isDispatcherOf(actor, task.requesterOrgId);
}

export type TaskPhotoFile = { contentType: PhotoContentType; bytes: Uint8Array<ArrayBuffer> };

/** The photo's bytes for a caller who may see it; null otherwise (unknown id included). */
export async function readTaskPhoto(db: Db, actor: Actor, photoId: string): Promise<TaskPhotoFile | null> {
  const meta = await db.knightTaskPhoto.findUnique({ where: { id: photoId }, select: { assignmentId: true, uploaderId: true } });
  if (!meta || !(await mayReadTaskPhoto(db, actor, meta))) return null;
  // The bytes are read only once the caller is known to be allowed.
  const row = await db.knightTaskPhoto.findUnique({ where: { id: photoId }, select: { contentType: true, bytes: true } });
  return row ? { contentType: row.contentType as PhotoContentType, bytes: row.bytes } : null;
}
