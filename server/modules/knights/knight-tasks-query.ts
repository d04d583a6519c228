import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { env } from "@/lib/env";
import { AppError } from "@/server/errors";
import { isLiveStatus, LIVE_TASK_STATUSES, loadOwnTask } from "@/server/modules/knights/knight-task-access";
import { knightNextStages } from "@/server/modules/knights/knight-task-stages";
import { canAddPhotos, canRemovePhotos } from "@/server/modules/knights/photos/photo-rules";
import { listTaskPhotos } from "@/server/modules/knights/photos/task-photos";
import type { TKnightTaskCard, TKnightTaskDetail, TMyTasksResult, TPlatformRiderTasks } from "@/lib/schemas/knight-tasks";
import { releaseReasonOf } from "@/server/modules/dispatch/cancel-task";

/**
 * A knight's own tasks. Always keyed by the caller's knight profile. The need's locations (drop-off,
 * pickup) are shown to the assignee for the map and navigation; the requester's private notes and the
 * delivery code are not selected.
 */

const cardSelect = {
  id: true, needId: true, status: true, taskStage: true, windowEnd: true, acceptedAt: true, completedAt: true, declineReason: true,
  updatedAt: true,
  pointsEntry: { select: { points: true } },
  need: {
    select: {
      title: true, taskKind: true, priority: true, stagingAddress: true, pickupAddress: true, neededBy: true, rewardPoints: true,
      stagingLat: true, stagingLng: true, pickupLat: true, pickupLng: true,
    },
  },
} satisfies Prisma.AssignmentSelect;

type CardRow = Prisma.AssignmentGetPayload<{ select: typeof cardSelect }>;

function placesOf(n: CardRow["need"]) {
  return {
    dropoff: { lat: n.stagingLat, lng: n.stagingLng, address: n.stagingAddress },
    pickup: n.pickupLat !== null && n.pickupLng !== null ? { lat: n.pickupLat, lng: n.pickupLng, address: n.pickupAddress ?? "" } : null,
  };
}

function toCard(r: CardRow): TKnightTaskCard {
  return {
    assignmentId: r.id,
    needId: r.needId,
    title: r.need.title,
    taskKind: r.need.taskKind ?? "DELIVERY",
    priority: r.need.priority,
    stage: r.taskStage ?? (r.status === "COMPLETED" || r.status === "RELEASED" ? "COMPLETED" : "ACCEPTED"),
    status: r.status,
    live: isLiveStatus(r.status),
    dropoffAddress: r.need.stagingAddress,
    pickupAddress: r.need.pickupAddress,
    neededBy: r.need.neededBy,
    deadline: r.windowEnd,
    rewardPoints: r.need.rewardPoints,
    pointsEarned: r.pointsEntry?.points ?? null,
    acceptedAt: r.acceptedAt,
    completedAt: r.completedAt,
    endReason: r.status === "CANCELLED" ? releaseReasonOf(r.declineReason) : null,
  };
}

async function myKnightId(db: Db, actor: Actor): Promise<string> {
  const me = await db.knightProfile.findUnique({ where: { userId: actor.userId }, select: { id: true } });
  if (!me) throw new AppError("NOT_FOUND", "You do not have a knight profile. Sign up as a knight first.");
  return me.id;
}

/** Live tasks (accepted, not yet completed) and the most recent finished ones (completed, cancelled …). */
export async function listMyTasks(db: Db, actor: Actor, input: { historyLimit: number }): Promise<TMyTasksResult> {
  const { live, history } = await tasksOfKnight(db, await myKnightId(db, actor), input.historyLimit);
  return { live: live.map(toCard), history: history.map(toCard) };
}

/**
 * A platform rider's tasks for the platform (REST v1), with the places to go: the platform's own app shows
 * them to its rider, and learns here that a task was cancelled (endReason) so the rider can stop.
 */
export async function listPlatformRiderTasks(db: Db, knightId: string, externalRiderId: string, historyLimit = 20): Promise<TPlatformRiderTasks> {
  const { live, history } = await tasksOfKnight(db, knightId, historyLimit);
  const withPlaces = (r: CardRow) => ({ ...toCard(r), ...placesOf(r.need), updatedAt: r.updatedAt });
  return { externalRiderId, live: live.map(withPlaces), recent: history.map(withPlaces) };
}

async function tasksOfKnight(db: Db, knightId: string, historyLimit: number): Promise<{ live: CardRow[]; history: CardRow[] }> {
  const live = await db.assignment.findMany({
    where: { knightId, status: { in: [...LIVE_TASK_STATUSES] } },
    orderBy: { acceptedAt: "asc" },
    select: cardSelect,
  });
  const history = await db.assignment.findMany({
    where: { knightId, status: { in: ["COMPLETED", "RELEASED", "CANCELLED", "EXPIRED", "DECLINED"] }, acceptedAt: { not: null } },
    orderBy: { updatedAt: "desc" },
    take: historyLimit,
    select: cardSelect,
  });
  return { live, history };
}

/** One of the caller's own tasks, with what the app needs for the map, the stage buttons and the check-in. */
export async function getMyTask(db: Db, actor: Actor, input: { assignmentId: string }): Promise<TKnightTaskDetail> {
  const task = await loadOwnTask(db, actor, input.assignmentId);
  const r = await db.assignment.findUniqueOrThrow({
    where: { id: task.id },
    select: {
      ...cardSelect,
      atPickupAt: true, pickedUpAt: true, atDropoffAt: true, deliveredAt: true, proofNote: true, lastCheckInAt: true,
      need: {
        select: {
          ...cardSelect.need.select,
          cargoKg: true, requiredTrainings: true, deliveryCode: true,
          incident: { select: { title: true } },
        },
      },
    },
  });
  const card = toCard(r);
  const photos = await listTaskPhotos(db, task.id);
  const n = r.need;
  const live = isLiveStatus(r.status);
  const lastSign = r.lastCheckInAt ?? r.acceptedAt;
  return {
    ...card,
    incidentTitle: n.incident.title,
    ...placesOf(n),
    cargoKg: n.cargoKg,
    requiredTrainings: n.requiredTrainings,
    nextStages: live ? knightNextStages(card.taskKind, card.stage) : [],
    deliveryCodeRequired: Boolean(n.deliveryCode),
    reportRequired: card.taskKind === "RECON",
    proofNote: r.proofNote,
    photos,
    canAddPhotos: canAddPhotos(card.stage, r.status),
    canRemovePhotos: canRemovePhotos(card.stage, r.status),
    stageTimes: {
      acceptedAt: r.acceptedAt, atPickupAt: r.atPickupAt, pickedUpAt: r.pickedUpAt, atDropoffAt: r.atDropoffAt,
      deliveredAt: r.deliveredAt, completedAt: r.completedAt,
    },
    lastCheckInAt: r.lastCheckInAt,
    checkInDueAt: live && lastSign ? new Date(lastSign.getTime() + env.KNIGHT_CHECKIN_MINUTES * 60_000) : null,
  };
}
