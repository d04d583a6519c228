import type { Db } from "@/server/db";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { notify } from "@/server/modules/notifications/notify";
import { lockDispatchNeed } from "@/server/modules/dispatch/dispatch-need";
import { stopDispatch } from "@/server/modules/dispatch/dispatch-waves";
import { endKnightTaskLocked, isCancellableStatus, lockKnightTask, type NeedEndReason } from "@/server/modules/dispatch/cancel-task";
import { LIVE_TASK_STATUSES } from "@/server/modules/knights/knight-task-access";

/** In-app notification to a knight whose task ended with its need (catalogue: notifications kinds.knight.taskCancelled). */
export const TASK_CANCELLED_NOTIFICATION = "knight.taskCancelled";

export type KnightWorkEnded = { tasksCancelled: number; tasksKept: number; offersWithdrawn: number; waveStopped: boolean };

/**
 * A knight-task need became CLOSED or CANCELLED (by hand, or with its incident): its knight work ends in the
 * caller's transaction, after the status change. Every live task is cancelled the way a dispatcher's cancel
 * does it (endKnightTaskLocked: assignment CANCELLED, place released from its bucket, check-in timer stopped,
 * `task.cancelled` to the knight) and the knight also gets an in-app notification; then pending offers are
 * withdrawn and the running wave and its timer stopped (stopDispatch, which also sends `dispatch.updated`).
 * Tasks already DELIVERED are kept either way: the work was done, and the dispatcher may still confirm it
 * (the knight's points and record must not depend on what later happened to the need). The need's status stays final: quantities.ts never moves CLOSED / CANCELLED.
 */
export async function endKnightWork(
  tx: Db,
  needId: string,
  how: { to: "CLOSED" | "CANCELLED"; actorId: string | null; now?: Date },
): Promise<KnightWorkEnded> {
  const now = how.now ?? new Date();
  const reason: NeedEndReason = how.to === "CANCELLED" ? "NEED_CANCELLED" : "NEED_CLOSED";
  const need = await lockDispatchNeed(tx, needId);
  const live = await tx.assignment.findMany({
    where: { needId, knightId: { not: null }, status: { in: [...LIVE_TASK_STATUSES] } },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  const cancelledKnights: string[] = [];
  let tasksKept = 0;
  for (const { id } of live) {
    const a = await lockKnightTask(tx, id);
    if (!a?.knightId || !isCancellableStatus(a.status)) continue;
    if (a.taskStage === "DELIVERED") {
      tasksKept += 1;
      continue;
    }
    await endKnightTaskLocked(tx, need, { ...a, knightId: a.knightId, status: a.status }, { reason, actorId: how.actorId }, now);
    cancelledKnights.push(a.knightId);
  }
  if (cancelledKnights.length > 0) {
    const users = await tx.knightProfile.findMany({ where: { id: { in: cancelledKnights } }, select: { userId: true } });
    await notify(tx, users.map((u) => u.userId), TASK_CANCELLED_NOTIFICATION, { needId, incidentId: need.incidentId, title: need.title, reason });
  }
  const stopped = await stopDispatch(tx, needId, now);
  const ended: KnightWorkEnded = { tasksCancelled: cancelledKnights.length, tasksKept, offersWithdrawn: stopped.withdrawn, waveStopped: stopped.waveStopped };
  if (ended.tasksCancelled + ended.tasksKept + ended.offersWithdrawn > 0 || ended.waveStopped) {
    await recordAudit(tx, {
      actorId: how.actorId, orgId: need.incident.orgId, action: "dispatch.end", entityType: "Need", entityId: needId,
      data: { title: need.title, status: how.to, ...ended },
    });
  }
  return ended;
}
