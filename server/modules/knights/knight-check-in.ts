import type { Db, PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { env } from "@/lib/env";
import { AppError } from "@/server/errors";
import { enqueueJob, enqueueKeyedJobs } from "@/server/jobs/queue";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { publishLive } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import { notify } from "@/server/modules/notifications/notify";
import { isLiveStatus, loadKnightTask, loadOwnTask, taskDispatcherUserIds } from "@/server/modules/knights/knight-task-access";
import type { TCheckInResult } from "@/lib/schemas/knight-tasks";

/**
 * Safety check-in. While a knight task is live, a keyed job (`checkin:<assignmentId>`) waits
 * KNIGHT_CHECKIN_MINUTES after the knight's last sign of life (a stored position, a stage change or
 * "I'm OK"); every sign of life re-arms it. When it fires and the knight is still silent, the task's
 * dispatchers are alerted (notification + live `alert.checkin`, no position), and it re-arms so a long
 * silence keeps alerting. The timer is a job row, so it survives restarts of the app and the worker.
 */
export const CHECKIN_QUEUE = "knight.checkIn";
export const checkInJobKey = (assignmentId: string) => `checkin:${assignmentId}`;

const MINUTE = 60_000;
const periodMs = () => env.KNIGHT_CHECKIN_MINUTES * MINUTE;

/** Records a sign of life on a task (inside the caller's transaction) and re-arms the safety timer. */
export async function recordCheckIn(tx: Db, assignmentId: string, now: Date): Promise<Date> {
  return recordCheckIns(tx, [assignmentId], now);
}

/** recordCheckIn for several tasks at once (a batch of accepts): one UPDATE and one job statement. */
export async function recordCheckIns(tx: Db, assignmentIds: string[], now: Date): Promise<Date> {
  const dueAt = new Date(now.getTime() + periodMs());
  if (assignmentIds.length === 0) return dueAt;
  await tx.assignment.updateMany({ where: { id: { in: assignmentIds } }, data: { lastCheckInAt: now, checkInAlertedAt: null } });
  await enqueueKeyedJobs(tx, assignmentIds.map((assignmentId) => ({ queue: CHECKIN_QUEUE, key: checkInJobKey(assignmentId), runAt: dueAt, payload: { assignmentId } })));
  return dueAt;
}

/** The knight says "I'm OK" on their live task. */
export async function checkIn(db: Db, actor: Actor, input: { assignmentId: string }, now = new Date()): Promise<TCheckInResult> {
  const task = await loadOwnTask(db, actor, input.assignmentId);
  if (!isLiveStatus(task.status)) throw new AppError("CONFLICT", "This task has ended; there is nothing to check in to.");
  return inTransaction(db, async (tx) => {
    const nextDueAt = await recordCheckIn(tx, task.id, now);
    return { assignmentId: task.id, checkedInAt: now, nextDueAt };
  });
}

export type CheckInJobOutcome = "ended" | "rearmed" | "alerted";

/**
 * The `knight.checkIn` job. `now` is injectable for tests; the worker passes the clock.
 * Returns what it did (for tests and logs).
 */
export async function runCheckInJob(db: PrismaClient, assignmentId: string, now = new Date()): Promise<CheckInJobOutcome> {
  const task = await loadKnightTask(db, assignmentId);
  if (!task || !isLiveStatus(task.status)) return "ended";
  const last = task.lastCheckInAt ?? task.acceptedAt ?? now;
  const silentMs = now.getTime() - last.getTime();
  return inTransaction(db, async (tx) => {
    if (silentMs < periodMs()) {
      // A sign of life raced the timer: wait the rest of the period from it.
      await enqueueJob(tx, { queue: CHECKIN_QUEUE, key: checkInJobKey(task.id), runAt: new Date(last.getTime() + periodMs()), payload: { assignmentId } });
      return "rearmed";
    }
    const silentMinutes = Math.floor(silentMs / MINUTE);
    await tx.assignment.update({ where: { id: task.id }, data: { checkInAlertedAt: now }, select: { id: true } });
    const data = { assignmentId: task.id, needId: task.needId, incidentId: task.incidentId, silentMinutes };
    await notify(tx, await taskDispatcherUserIds(tx, task.requesterOrgId), "knight.checkInMissed", data);
    await publishLive(tx, [
      { topic: liveTopics.need(task.needId), kind: "alert.checkin", data },
      { topic: liveTopics.incident(task.incidentId), kind: "alert.checkin", data },
      { topic: liveTopics.command(), kind: "alert.checkin", data },
    ]);
    await recordAudit(tx, { actorId: null, orgId: task.requesterOrgId, action: "knightTask.checkInMissed", entityType: "Assignment", entityId: task.id, data: { silentMinutes } });
    // Keep watching: alert again after another silent period.
    await enqueueJob(tx, { queue: CHECKIN_QUEUE, key: checkInJobKey(task.id), runAt: new Date(now.getTime() + periodMs()), payload: { assignmentId } });
    return "alerted";
  });
}
