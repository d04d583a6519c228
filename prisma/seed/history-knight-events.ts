import type { TDispatchStatus } from "@/lib/schemas/dispatch";
import type { KnightTaskKind, NeedPriority } from "@/server/generated/prisma/enums";
import { waveRadii } from "@/server/modules/dispatch/dispatch-config";
import { statusForStage } from "@/server/modules/knights/knight-task-stages";
import { taskPoints } from "@/server/modules/knights/task-points";
import { liveTopics } from "@/server/modules/live/live-topics";
import { fillStatus } from "@/server/modules/needs/need-state";
import { haversineKm } from "@/server/modules/offers/offer-inbox";
import type { KnightTaskSteps } from "./history-knights";
import type { HistoryLog } from "./history-log";
import type { IncidentRow, NeedRow } from "./incidents";

/**
 * A knight need's dispatch as the app writes it: dispatch.start (dispatch-waves.ts), then per winner
 * offer.new → knightOffer.accept with offer.accepted and dispatch.updated (settle-accepts.ts), then one
 * knightTask.advance per stage with task.updated, and knightTask.complete with the points (advance-knight-task.ts).
 */
export function knightTaskHistory(
  log: HistoryLog,
  c: { incident: IncidentRow; need: NeedRow; tasks: KnightTaskSteps[]; knightUserOf: Map<string, string>; live: boolean },
): void {
  const { incident, need, live } = c;
  const tasks = [...c.tasks].sort((x, y) => x.sentAt.getTime() - y.sentAt.getTime());
  const orgId = incident.orgId as string;
  const dispatcher = incident.createdById as string;
  const radiusKm = waveRadii(need.maxDistanceKm as number)[0]!;
  const startedAt = new Date(tasks[0]!.sentAt.getTime() - 1000);
  const acceptTimes = tasks.map((t) => new Date(t.assignment.acceptedAt as Date).getTime()).sort((a, b) => a - b);
  const status = (at: number): TDispatchStatus => {
    const accepted = acceptTimes.filter((x) => x <= at).length;
    const pendingOffers = tasks.filter((t) => t.sentAt.getTime() <= at && new Date(t.assignment.acceptedAt as Date).getTime() > at).length;
    const fill = fillStatus(need.quantity, { committed: accepted, enRoute: 0, onScene: 0, released: 0 });
    return { needId: need.id, wave: 1, radiusKm, slots: need.quantity, accepted, pendingOffers, status: fill, unmet: false };
  };
  const dispatchUpdated = (at: Date) => dispatchTopics(need).map((topic) => ({ topic, kind: "dispatch.updated", data: { ...status(at.getTime()) } }));

  log.audit(startedAt, { actorId: dispatcher, orgId, action: "dispatch.start", entityType: "Need", entityId: need.id, data: { slots: need.quantity } });
  log.publish(startedAt, dispatchUpdated(startedAt), live);
  for (const t of tasks) {
    const a = t.assignment;
    const knightId = a.knightId as string;
    const knightUser = c.knightUserOf.get(knightId) ?? null;
    log.publish(t.sentAt, [{ topic: liveTopics.knight(knightId), kind: "offer.new", data: offerNewData(incident, need, t) }], live);
    const acceptedAt = new Date(a.acceptedAt as Date);
    log.publish(acceptedAt, [{ topic: liveTopics.knight(knightId), kind: "offer.accepted", data: { offerId: t.offerId, needId: need.id, assignmentId: a.id } }], live);
    log.audit(acceptedAt, {
      actorId: knightUser, orgId: null, action: "knightOffer.accept", entityType: "Offer", entityId: t.offerId,
      data: { needId: need.id, assignmentId: a.id, slotIndex: t.slotIndex, via: "session", withdrawn: 0 },
    });
    log.publish(acceptedAt, dispatchUpdated(acceptedAt), live);
    let from = "ACCEPTED";
    for (const step of t.steps) {
      const stageEvents = [liveTopics.knight(knightId), liveTopics.need(need.id), liveTopics.incident(incident.id)].map((topic) => ({
        topic, kind: "task.updated", data: { assignmentId: a.id, needId: need.id, stage: step.stage },
      }));
      if (statusForStage(step.stage) === "COMPLETED") {
        const points = pointsFor(need, t);
        log.audit(step.at, { actorId: dispatcher, orgId: null, action: "knightTask.complete", entityType: "Assignment", entityId: a.id, data: { by: "dispatcher", points } });
        log.publish(step.at, [...stageEvents, { topic: liveTopics.knight(knightId), kind: "points.awarded", data: { assignmentId: a.id, points } }], live);
      } else {
        log.audit(step.at, { actorId: knightUser, orgId: null, action: "knightTask.advance", entityType: "Assignment", entityId: a.id, data: { from, to: step.stage, proofCode: null } });
        log.publish(step.at, stageEvents, live);
      }
      from = step.stage;
    }
  }
}

/** The topics a need's dispatch counts go to (dispatch-status.ts publishDispatchUpdated). */
function dispatchTopics(need: NeedRow): string[] {
  return [liveTopics.need(need.id), liveTopics.incident(need.incidentId), liveTopics.command()];
}

function offerNewData(incident: IncidentRow, need: NeedRow, t: KnightTaskSteps) {
  return {
    offerId: t.offerId,
    needId: need.id,
    incidentId: incident.id,
    title: need.title,
    taskKind: need.taskKind ?? null,
    distanceBand: t.distanceBand,
    rewardPoints: need.rewardPoints ?? null,
    expiresAt: t.expiresAt.toISOString(),
    deadline: need.neededBy.toISOString(),
    pickupAddress: need.pickupAddress ?? null,
    dropoffAddress: need.stagingAddress,
    cargoKg: need.cargoKg ?? null,
    wave: 1,
  };
}

/** completeTask's points: the computed points plus the requester's reward. */
function pointsFor(need: NeedRow, t: KnightTaskSteps): number {
  const delivered = t.steps.find((s) => s.stage === "DELIVERED")?.at ?? t.steps[t.steps.length - 1]!.at;
  const distanceKm = need.pickupLat != null && need.pickupLng != null ? haversineKm(need.pickupLat, need.pickupLng, need.stagingLat, need.stagingLng) : 0;
  const onTime = delivered <= new Date(t.assignment.windowEnd as Date);
  return taskPoints({ priority: need.priority as NeedPriority, distanceKm, taskKind: (need.taskKind ?? "DELIVERY") as KnightTaskKind, onTime }) + (need.rewardPoints ?? 0);
}
