import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { AssignmentStatus, KnightTaskStage } from "@/server/generated/prisma/enums";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { cancelJob } from "@/server/jobs/queue";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { publishLive } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import { notify } from "@/server/modules/notifications/notify";
import { markEnRoute, markOnScene, markReleased } from "@/server/modules/needs/quantities";
import { haversineKm } from "@/server/modules/offers/offer-inbox";
import { checkInJobKey, recordCheckIn, recordCheckIns } from "@/server/modules/knights/knight-check-in";
import { isLiveStatus, loadDispatchedTask, loadOwnTask, type KnightTaskContext } from "@/server/modules/knights/knight-task-access";
import { checkKnightStep, statusForStage } from "@/server/modules/knights/knight-task-stages";
import { STAGE_TIME_FIELD } from "@/lib/schemas/knight-tasks";
import { isNightTime, taskPoints } from "@/server/modules/knights/task-points";
import { countTaskPhotos } from "@/server/modules/knights/photos/task-photos";
import { lockNeedRow } from "@/server/modules/dispatch/dispatch-need";
import type { TAdvanceKnightTaskInput, TTaskStageResult } from "@/lib/schemas/knight-tasks";

/**
 * Moving a knight task through its stages (rules in knight-task-stages.ts). Each step is one guarded
 * UPDATE (the WHERE names the stage and status it comes from, so a double tap or a race moves it once),
 * keeps Assignment.status and the need's quantity buckets in step, counts as a safety check-in, and is
 * published as `task.updated` to the knight, the need and the incident.
 *
 * Completion: the dispatcher confirms a DELIVERED task, or — when the need carries a delivery code — the
 * knight entering the matching code at DELIVERED completes it at once (the recipient handing over the code
 * is the proof). The code lives on the need because the requester knows it before any knight is chosen.
 */

/** Called by the dispatch slice inside its accept transaction: stage ACCEPTED and the safety timer armed. */
export async function startKnightTask(tx: Db, assignmentId: string, now: Date): Promise<void> {
  await startKnightTasks(tx, [assignmentId], now);
}

/** startKnightTask for every winner of a batch of accepts, in a fixed number of statements. */
export async function startKnightTasks(tx: Db, assignmentIds: string[], now: Date): Promise<void> {
  if (assignmentIds.length === 0) return;
  await tx.assignment.updateMany({ where: { id: { in: assignmentIds } }, data: { taskStage: "ACCEPTED" } });
  await recordCheckIns(tx, assignmentIds, now);
}

const STATUS_TIME_FIELD: Partial<Record<AssignmentStatus, "enRouteAt" | "onSceneAt" | "completedAt">> = {
  EN_ROUTE: "enRouteAt",
  ON_SCENE: "onSceneAt",
  COMPLETED: "completedAt",
};

/** Need buckets move with the status: committed → en route → on scene → released. */
async function moveNeedBuckets(tx: Db, task: KnightTaskContext, from: AssignmentStatus, to: AssignmentStatus): Promise<void> {
  if (from === to) return;
  const committed = from === "ACCEPTED" || from === "MOBILIZED";
  if (committed && (to === "EN_ROUTE" || to === "ON_SCENE")) await markEnRoute(tx, task.needId, task.quantity);
  if (to === "ON_SCENE") await markOnScene(tx, task.needId, task.quantity);
  if (to === "COMPLETED") await markReleased(tx, task.needId, task.quantity);
}

function stageWhere(task: KnightTaskContext): Prisma.AssignmentWhereInput {
  // A NULL stage reads as ACCEPTED (the accept step may not have set it).
  const stage: Prisma.AssignmentWhereInput = task.stage === "ACCEPTED" ? { OR: [{ taskStage: null }, { taskStage: "ACCEPTED" }] } : { taskStage: task.stage };
  return { id: task.id, status: task.status, ...stage };
}

async function moveStage(
  tx: Db,
  task: KnightTaskContext,
  to: KnightTaskStage,
  now: Date,
  extra: Prisma.AssignmentUpdateManyMutationInput = {},
): Promise<AssignmentStatus> {
  const status = statusForStage(to);
  const statusTime = status !== task.status ? STATUS_TIME_FIELD[status] : undefined;
  const { count } = await tx.assignment.updateMany({
    where: stageWhere(task),
    data: { taskStage: to, status, [STAGE_TIME_FIELD[to]]: now, ...(statusTime ? { [statusTime]: now } : {}), ...extra },
  });
  if (count !== 1) throw new AppError("CONFLICT", "This task changed meanwhile; reload it and try again.", { to: ["errors.taskChanged"] });
  await moveNeedBuckets(tx, task, task.status, status);
  return status;
}

async function publishStage(tx: Db, task: KnightTaskContext, stage: KnightTaskStage): Promise<void> {
  const data = { assignmentId: task.id, needId: task.needId, stage };
  await publishLive(tx, [
    { topic: liveTopics.knight(task.knightId), kind: "task.updated", data },
    { topic: liveTopics.need(task.needId), kind: "task.updated", data },
    { topic: liveTopics.incident(task.incidentId), kind: "task.updated", data },
  ]);
}

const STEP_ERRORS = {
  stageNotNext: () => new AppError("CONFLICT", "A task moves forward one stage at a time.", { to: ["errors.stageNotNext"] }),
  reportRequired: () => new AppError("UNPROCESSABLE_CONTENT", "A recon task needs a report: a few words or photos.", { note: ["errors.reportRequired"] }),
  completeByDispatcher: () => new AppError("FORBIDDEN", "The dispatcher confirms completion.", { to: ["errors.completeByDispatcher"] }),
};

function sameCode(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** The assigned knight moves their task one stage forward. */
export async function advanceKnightTask(db: Db, actor: Actor, input: TAdvanceKnightTaskInput, now = new Date()): Promise<TTaskStageResult> {
  const task = await loadOwnTask(db, actor, input.assignmentId);
  if (!isLiveStatus(task.status)) throw new AppError("CONFLICT", "This task has ended.", { to: ["errors.taskEnded"] });
  // A recon report without text may consist of the photos already uploaded (see checkKnightStep).
  const photoReport = task.taskKind === "RECON" && input.to === "DELIVERED" && !input.note;
  const photoCount = photoReport ? await countTaskPhotos(db, task.id) : 0;
  const check = checkKnightStep(task.taskKind, task.stage, input.to, input.note, photoCount);
  if (!check.ok) throw STEP_ERRORS[check.error]();

  let codeMatches = false;
  if (input.to === "DELIVERED" && input.proofCode) {
    const need = await db.need.findUniqueOrThrow({ where: { id: task.needId }, select: { deliveryCode: true } });
    if (need.deliveryCode) {
      if (!sameCode(need.deliveryCode, input.proofCode)) {
        throw new AppError("UNPROCESSABLE_CONTENT", "The delivery code does not match.", { proofCode: ["errors.proofCodeMismatch"] });
      }
      codeMatches = true;
    }
  }

  return inTransaction(db, async (tx) => {
    await lockNeedRow(tx, task.needId);
    const extra = input.to === "DELIVERED" ? { proofCode: input.proofCode ?? null, proofNote: input.note ?? null } : {};
    let status = await moveStage(tx, task, input.to, now, extra);
    // Re-counted under the row lock moveStage now holds: a photo removal racing this step cannot empty the report.
    if (photoReport && (await countTaskPhotos(tx, task.id)) === 0) throw STEP_ERRORS.reportRequired();
    await recordCheckIn(tx, task.id, now);
    await recordAudit(tx, {
      actorId: actor.userId, action: "knightTask.advance", entityType: "Assignment", entityId: task.id,
      data: { from: task.stage, to: input.to, proofCode: input.proofCode ? "provided" : null },
    });
    await publishStage(tx, task, input.to);
    let pointsAwarded: number | null = null;
    let stage: KnightTaskStage = input.to;
    if (codeMatches) {
      const delivered: KnightTaskContext = { ...task, stage: "DELIVERED", status };
      pointsAwarded = await completeTask(tx, delivered, now, actor.userId, "deliveryCode");
      stage = "COMPLETED";
      status = "COMPLETED";
    }
    return { assignmentId: task.id, needId: task.needId, stage, status, pointsAwarded };
  });
}

/** A dispatcher of the task confirms a DELIVERED task as completed. */
export async function confirmKnightTask(db: Db, actor: Actor, input: { assignmentId: string }, now = new Date()): Promise<TTaskStageResult> {
  const task = await loadDispatchedTask(db, actor, input.assignmentId);
  if (task.stage !== "DELIVERED" || !isLiveStatus(task.status)) {
    throw new AppError("CONFLICT", "Only a delivered task can be confirmed as completed.", { assignmentId: ["errors.notDelivered"] });
  }
  return inTransaction(db, async (tx) => {
    await lockNeedRow(tx, task.needId);
    const pointsAwarded = await completeTask(tx, task, now, actor.userId, "dispatcher");
    return { assignmentId: task.id, needId: task.needId, stage: "COMPLETED", status: "COMPLETED", pointsAwarded };
  });
}

/**
 * DELIVERED → COMPLETED: the need's unit is released (served), the safety timer stops, points are awarded
 * once (ledger row unique per assignment) and the knight's record grows. Returns the points awarded.
 */
async function completeTask(tx: Db, task: KnightTaskContext, now: Date, actorId: string, by: "dispatcher" | "deliveryCode"): Promise<number> {
  await moveStage(tx, task, "COMPLETED", now);
  const a = await tx.assignment.findUniqueOrThrow({
    where: { id: task.id },
    select: {
      deliveredAt: true, windowEnd: true,
      need: { select: { priority: true, taskKind: true, pickupLat: true, pickupLng: true, stagingLat: true, stagingLng: true, rewardPoints: true } },
    },
  });
  const n = a.need;
  const deliveredAt = a.deliveredAt ?? now;
  const distanceKm = n.pickupLat !== null && n.pickupLng !== null ? haversineKm(n.pickupLat, n.pickupLng, n.stagingLat, n.stagingLng) : 0;
  // The requester's reward (Need.rewardPoints) comes on top of the computed points.
  const points = taskPoints({ priority: n.priority, distanceKm, taskKind: n.taskKind ?? "DELIVERY", onTime: deliveredAt <= a.windowEnd }) + (n.rewardPoints ?? 0);
  const { count } = await tx.knightPointsEntry.createMany({
    data: [{ knightId: task.knightId, assignmentId: task.id, points, reason: "task.completed" }],
    skipDuplicates: true,
  });
  if (count === 1) {
    await tx.knightProfile.update({
      where: { id: task.knightId },
      data: {
        points: { increment: points },
        completedCount: { increment: 1 },
        ...(n.priority === "LIFE_SAFETY" ? { lifeSafetyCount: { increment: 1 } } : {}),
        ...(isNightTime(deliveredAt) ? { nightCount: { increment: 1 } } : {}),
      },
      select: { id: true },
    });
  }
  await cancelJob(tx, checkInJobKey(task.id));
  await recordAudit(tx, { actorId, action: "knightTask.complete", entityType: "Assignment", entityId: task.id, data: { by, points: count === 1 ? points : 0 } });
  await publishStage(tx, task, "COMPLETED");
  await publishLive(tx, [{ topic: liveTopics.knight(task.knightId), kind: "points.awarded", data: { assignmentId: task.id, points: count === 1 ? points : 0 } }]);
  await notify(tx, [task.knightUserId], "knight.taskCompleted", { assignmentId: task.id, needId: task.needId, points: count === 1 ? points : 0 });
  return count === 1 ? points : 0;
}
