import type { AssignmentStatus, KnightTaskStage } from "@/server/generated/prisma/enums";
import { isLiveStatus } from "@/server/modules/knights/knight-task-access";

/**
 * When a knight may add or remove task photos. Pure; the upload and removal re-check these under the
 * assignment's row lock.
 *
 * Adding: only while the task is live and the knight is at the drop-off / on site (AT_DROPOFF) or has
 * delivered / reported and waits for the dispatcher (DELIVERED) — where a report or a proof of delivery
 * makes sense. Never on the way (ACCEPTED, AT_PICKUP, PICKED_UP): a photo taken there would show where the
 * knight is, which only the tracking view may show, and only while the task is live. At the site the
 * photo shows the need's own place, which its dispatchers already know.
 *
 * Removing: only before the report is sent (AT_DROPOFF). Once the knight marks the task delivered /
 * reported, the photos are part of the report the dispatcher acts on; later additions are final too.
 */
export const PHOTO_ADD_STAGES = ["AT_DROPOFF", "DELIVERED"] as const satisfies readonly KnightTaskStage[];
export const PHOTO_REMOVE_STAGES = ["AT_DROPOFF"] as const satisfies readonly KnightTaskStage[];

export function canAddPhotos(stage: KnightTaskStage, status: AssignmentStatus): boolean {
  return isLiveStatus(status) && (PHOTO_ADD_STAGES as readonly string[]).includes(stage);
}

export function canRemovePhotos(stage: KnightTaskStage, status: AssignmentStatus): boolean {
  return isLiveStatus(status) && (PHOTO_REMOVE_STAGES as readonly string[]).includes(stage);
}
