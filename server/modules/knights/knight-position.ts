import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { env } from "@/lib/env";
import { AppError } from "@/server/errors";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { publishLive } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import { publicCellOf } from "@/server/modules/knights/public-cell";
import { recordCheckIn } from "@/server/modules/knights/knight-check-in";
import { findLiveTaskOf } from "@/server/modules/knights/knight-task-access";
import type { TReportPositionInput, TReportPositionResult } from "@/lib/schemas/knight-tasks";

/** Positions less accurate than this are not stored (a cell guess from Wi-Fi would mislead dispatch). */
export const MAX_ACCURACY_M = 1000;

const intervalMs = () => env.KNIGHT_POSITION_INTERVAL_SECONDS * 1000;

/**
 * Stores a knight's exact position (private) and its public cell, at most once per interval — the
 * guard sits in the UPDATE's WHERE, so concurrent reports cannot both pass. If the knight is on a live
 * task, the exact position goes to that task's dispatcher-only track topic and counts as a check-in.
 * No actor check: callers (the knight's own procedure, the dispatch slice's rider route) authorise.
 */
export async function storeKnightPosition(tx: Db, knightId: string, lat: number, lng: number, now: Date): Promise<TReportPositionResult> {
  const publicCell = publicCellOf(lat, lng);
  const earliestPrevious = new Date(now.getTime() - intervalMs());
  const before = await tx.knightProfile.findUnique({ where: { id: knightId }, select: { publicCell: true, lastPositionAt: true } });
  if (!before) throw new AppError("NOT_FOUND", "This knight does not exist.");
  const { count } = await tx.knightProfile.updateMany({
    where: { id: knightId, OR: [{ lastPositionAt: null }, { lastPositionAt: { lte: earliestPrevious } }] },
    data: { lastLat: lat, lastLng: lng, lastPositionAt: now, publicCell },
  });
  if (count === 0) {
    const last = before.lastPositionAt ?? now;
    return { stored: false, reason: "THROTTLED", nextAllowedAt: new Date(last.getTime() + intervalMs()), publicCell: before.publicCell, trackedAssignmentId: null };
  }
  const task = await findLiveTaskOf(tx, knightId);
  if (task) {
    await publishLive(tx, [{ topic: liveTopics.taskTrack(task.id), kind: "knight.position", data: { assignmentId: task.id, lat, lng, at: now.toISOString() } }]);
    await recordCheckIn(tx, task.id, now);
  }
  if (before.publicCell !== publicCell) {
    // Command centre sees knights move between coarse cells only.
    await publishLive(tx, [{ topic: liveTopics.command(), kind: "knight.cell", data: { knightId, cell: publicCell } }]);
  }
  return { stored: true, reason: null, nextAllowedAt: new Date(now.getTime() + intervalMs()), publicCell, trackedAssignmentId: task?.id ?? null };
}

/** A knight reports their own position ("knight.self"): only while on duty or on a live task. */
export async function reportKnightPosition(db: Db, actor: Actor, input: TReportPositionInput, now = new Date()): Promise<TReportPositionResult> {
  const me = await db.knightProfile.findUnique({ where: { userId: actor.userId }, select: { id: true, onDuty: true, publicCell: true } });
  if (!me) throw new AppError("NOT_FOUND", "You do not have a knight profile. Sign up as a knight first.");
  const onTask = me.onDuty ? null : await findLiveTaskOf(db, me.id);
  if (!me.onDuty && !onTask) {
    throw new AppError("PRECONDITION_FAILED", "Go on duty to share your position.", { onDuty: ["errors.notOnDuty"] });
  }
  if (input.accuracyM !== undefined && input.accuracyM > MAX_ACCURACY_M) {
    return { stored: false, reason: "INACCURATE", nextAllowedAt: now, publicCell: me.publicCell, trackedAssignmentId: null };
  }
  return inTransaction(db, (tx) => storeKnightPosition(tx, me.id, input.lat, input.lng, now));
}
