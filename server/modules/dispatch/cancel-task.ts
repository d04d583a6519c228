import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TKnightTaskActionInput, TKnightTaskResult } from "@/lib/schemas/dispatch";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { publishLive } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import { notify } from "@/server/modules/notifications/notify";
import { releaseFrom } from "@/server/modules/needs/quantities";
import { DISPATCH_CONFIG } from "@/server/modules/dispatch/dispatch-config";
import { isLiveNeed, lockDispatchNeed, type DispatchNeed } from "@/server/modules/dispatch/dispatch-need";
import { publishDispatchUpdated } from "@/server/modules/dispatch/dispatch-status";
import { redispatchLocked, type DispatchOptions } from "@/server/modules/dispatch/dispatch-waves";
import { assertDispatcherOf, ownKnightId } from "@/server/modules/dispatch/dispatch-access";
import { dispatchTx } from "@/server/modules/dispatch/dispatch-tx";
import { incidentScope } from "@/server/modules/incidents/access";
import { cancelJob } from "@/server/jobs/queue";
import { checkInJobKey } from "@/server/modules/knights/knight-check-in";
import { TASK_END_REASONS, type TTaskEndReason } from "@/lib/schemas/knight-tasks";

/**
 * A knight's accepted task ends early: the dispatcher cancels it or marks a no-show, the knight
 * withdraws before pickup, or the need itself is closed or cancelled (end-knight-work.ts). The assignment
 * becomes CANCELLED, its place is released from whichever bucket it had reached, the slot is freed (the
 * accepted offer → WITHDRAWN), the safety timer stops, and the knight hears `task.cancelled`. A single
 * cancel then offers the place again at once (redispatch). One transaction under the need lock.
 */

/** Why a need's own end cancelled its tasks (the knight app shows it; see dispatch.cancelReason). */
/** Why a knight's task ends early: the one list (TASK_END_REASONS) the task feeds report as endReason. */
export type ReleaseReason = TTaskEndReason;
export type NeedEndReason = Extract<ReleaseReason, "NEED_CANCELLED" | "NEED_CLOSED">;

/** A cancelled task's declineReason: the reason code, then the dispatcher's note if any ("NO_SHOW: …"). */
function releaseText(reason: ReleaseReason, note: string | undefined): string {
  return `${reason}${note ? `: ${note.slice(0, 400)}` : ""}`;
}

/** The reason code of a cancelled task's declineReason (releaseText), or null. */
export function releaseReasonOf(declineReason: string | null): ReleaseReason | null {
  const code = declineReason?.split(":")[0]?.trim();
  return code && (TASK_END_REASONS as readonly string[]).includes(code) ? (code as ReleaseReason) : null;
}

const BUCKET = { ACCEPTED: "committed", MOBILIZED: "committed", EN_ROUTE: "enRoute", ON_SCENE: "onScene" } as const;
type LiveStatus = keyof typeof BUCKET;
const AUDIT_ACTION: Record<ReleaseReason, string> = {
  CANCELLED: "knightTask.cancel", NO_SHOW: "knightTask.noShow", WITHDRAWN_BY_KNIGHT: "knightTask.withdraw",
  NEED_CANCELLED: "knightTask.cancel", NEED_CLOSED: "knightTask.cancel",
};

export type LockedKnightTask = { id: string; knightId: string | null; status: string; taskStage: string | null };

/**
 * Locks one assignment row and reads it. Taken after the need lock, so a stage move racing the cancel
 * either lands first (and is seen here) or waits and then finds the task CANCELLED.
 */
export async function lockKnightTask(tx: Db, assignmentId: string): Promise<LockedKnightTask | null> {
  const rows = await tx.$queryRaw<LockedKnightTask[]>`
    SELECT id, knight_id AS "knightId", status::text AS status, task_stage::text AS "taskStage"
    FROM assignment WHERE id = ${assignmentId} FOR UPDATE`;
  return rows[0] ?? null;
}

export function isCancellableStatus(status: string): status is LiveStatus {
  return status in BUCKET;
}

/**
 * Ends one live knight task under the need lock the caller holds (see lockDispatchNeed / lockKnightTask):
 * everything in the file comment except the redispatch and the need's `dispatch.updated`, which the caller
 * sends once. `need`'s quantities are updated in place.
 */
export async function endKnightTaskLocked(
  tx: Db,
  need: DispatchNeed,
  a: LockedKnightTask & { knightId: string; status: LiveStatus },
  how: { reason: ReleaseReason; note?: string; actorId: string | null },
  now: Date,
): Promise<void> {
  await tx.assignment.update({
    where: { id: a.id },
    data: { status: "CANCELLED", declineReason: releaseText(how.reason, how.note), respondedAt: now },
    select: { id: true },
  });
  await cancelJob(tx, checkInJobKey(a.id));
  const q = await releaseFrom(tx, need.id, BUCKET[a.status], 1);
  Object.assign(need, { status: q.status, qtyCommitted: q.committed, qtyEnRoute: q.enRoute, qtyOnScene: q.onScene, qtyReleased: q.released });
  await tx.offer.updateMany({ where: { needId: need.id, knightId: a.knightId, status: "ACCEPTED" }, data: { status: "WITHDRAWN" } });
  if (how.reason === "NO_SHOW") {
    await tx.knightProfile.update({ where: { id: a.knightId }, data: { noShowCount: { increment: 1 } }, select: { id: true } });
  }
  await publishLive(tx, [
    { topic: liveTopics.knight(a.knightId), kind: "task.cancelled", data: { assignmentId: a.id, needId: need.id, title: need.title, reason: how.reason } },
  ]);
  await recordAudit(tx, {
    actorId: how.actorId, orgId: need.incident.orgId, action: AUDIT_ACTION[how.reason],
    entityType: "Assignment", entityId: a.id, data: { needId: need.id, knightId: a.knightId, from: a.status, reason: how.reason, note: how.note ?? null },
  });
}

/**
 * Releases one knight assignment and re-dispatches its place, inside the caller's transaction or a new one.
 * Exported for the task-stage module (e.g. a missed safety check-in). Returns the dispatch status.
 */
export async function releaseKnightTask(
  db: Db,
  assignmentId: string,
  how: { reason: Exclude<ReleaseReason, NeedEndReason>; note?: string; actorId: string | null; allowed?: readonly LiveStatus[] },
  o: DispatchOptions = {},
): Promise<TKnightTaskResult> {
  const now = o.now ?? new Date();
  const cfg = o.config ?? DISPATCH_CONFIG;
  const head = await db.assignment.findUnique({ where: { id: assignmentId }, select: { needId: true } });
  if (!head) throw new AppError("NOT_FOUND", "This task does not exist.");
  return dispatchTx(db, async (tx) => {
    const need = await lockDispatchNeed(tx, head.needId);
    const a = await lockKnightTask(tx, assignmentId);
    if (!a) throw new AppError("NOT_FOUND", "This task does not exist.");
    const { knightId, status } = a;
    if (!knightId) throw new AppError("BAD_REQUEST", "This is not a knight task.");
    const allowed = how.allowed ?? (Object.keys(BUCKET) as LiveStatus[]);
    if (!isCancellableStatus(status) || !allowed.includes(status)) {
      throw new AppError("CONFLICT", how.reason === "WITHDRAWN_BY_KNIGHT" ? "You can withdraw only before pickup." : `This task is ${status}; it can no longer be cancelled.`);
    }
    await endKnightTaskLocked(tx, need, { ...a, knightId, status }, how, now);
    if (how.reason !== "WITHDRAWN_BY_KNIGHT") {
      // The dispatcher ended it: the knight hears it in-app too (the live event alone is lost on a closed app).
      const k = await tx.knightProfile.findUniqueOrThrow({ where: { id: knightId }, select: { userId: true } });
      await notify(tx, [k.userId], "knight.taskCancelled", { assignmentId: a.id, needId: need.id, incidentId: need.incidentId, title: need.title, reason: how.reason });
    }
    if (isLiveNeed(need)) await redispatchLocked(tx, need, now, cfg);
    const dispatch = await publishDispatchUpdated(tx, need, now);
    return { assignmentId: a.id, needId: need.id, status: "CANCELLED", dispatch };
  });
}

async function assertDispatcherOfAssignment(db: Db, actor: Actor, assignmentId: string): Promise<void> {
  const a = await db.assignment.findFirst({
    where: { id: assignmentId, knightId: { not: null }, need: { incident: incidentScope(actor) } },
    select: { need: { select: { incident: { select: { orgId: true } } } } },
  });
  if (!a) throw new AppError("NOT_FOUND", "This task does not exist or is not yours to see.");
  assertDispatcherOf(actor, a.need.incident.orgId);
}

/** Dispatcher cancels a knight's accepted task. */
export async function cancelKnightTask(db: Db, actor: Actor, input: TKnightTaskActionInput, o: DispatchOptions = {}): Promise<TKnightTaskResult> {
  await assertDispatcherOfAssignment(db, actor, input.assignmentId);
  return releaseKnightTask(db, input.assignmentId, { reason: "CANCELLED", note: input.reason, actorId: actor.userId }, o);
}

/** Dispatcher marks a no-show: as a cancel, plus the knight's no-show count (it feeds their ranking). */
export async function markKnightNoShow(db: Db, actor: Actor, input: TKnightTaskActionInput, o: DispatchOptions = {}): Promise<TKnightTaskResult> {
  await assertDispatcherOfAssignment(db, actor, input.assignmentId);
  return releaseKnightTask(db, input.assignmentId, { reason: "NO_SHOW", note: input.reason, actorId: actor.userId, allowed: ["ACCEPTED", "MOBILIZED"] }, o);
}

/** The knight withdraws from their own accepted task before pickup (counts as a cancel). */
export async function withdrawFromKnightTask(db: Db, actor: Actor, input: TKnightTaskActionInput, o: DispatchOptions = {}): Promise<TKnightTaskResult> {
  const knightId = await ownKnightId(db, actor);
  const a = await db.assignment.findFirst({ where: { id: input.assignmentId, knightId }, select: { id: true } });
  if (!a) throw new AppError("NOT_FOUND", "This task does not exist.");
  return releaseKnightTask(db, a.id, { reason: "WITHDRAWN_BY_KNIGHT", note: input.reason, actorId: actor.userId, allowed: ["ACCEPTED", "MOBILIZED"] }, o);
}
