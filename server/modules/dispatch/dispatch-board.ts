import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { OFFER_STATUSES, type TDispatchBoard } from "@/lib/schemas/dispatch";
import { loadNeedForDispatcher } from "@/server/modules/dispatch/dispatch-access";
import { readDispatchNeed } from "@/server/modules/dispatch/dispatch-need";
import { knightRecord } from "@/server/modules/knights/knight-record";
import { DISTANCE_BANDS } from "@/server/modules/dispatch/distance-band";
import { photosOfTasks } from "@/server/modules/knights/photos/task-photos";

const LIVE = ["ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE"] as const;

/**
 * The dispatcher's board of one knight task: its waves (radius, sent/declined/expired …), offer counts by
 * status and by distance band, and the knights on it. Offered-but-not-accepted knights appear only as
 * counts. A knight's exact last position is included only while their assignment on THIS need is live
 * (the caller dispatches it); finished or cancelled ones show the public cell only. Each knight's report
 * (text, photos without their bytes) stays on the board after the task ends.
 */
export async function getDispatchBoard(db: Db, actor: Actor, needId: string): Promise<TDispatchBoard> {
  await loadNeedForDispatcher(db, actor, needId);
  const need = await readDispatchNeed(db, needId);
  const [waves, byWaveStatus, assignments, extra] = await Promise.all([
    db.dispatchWave.findMany({ where: { needId }, orderBy: { wave: "asc" }, select: { wave: true, radiusKm: true, startedAt: true, endsAt: true, closedAt: true, closeReason: true } }),
    db.offer.groupBy({ by: ["wave", "status", "distanceBand"], where: { needId }, _count: { _all: true } }),
    db.assignment.findMany({
      where: { needId, knightId: { not: null } },
      orderBy: { createdAt: "asc" },
      select: {
        id: true, status: true, acceptedAt: true, knightId: true, proofNote: true,
        knight: { select: { vehicle: true, publicCell: true, lastLat: true, lastLng: true, lastPositionAt: true, completedCount: true, noShowCount: true, user: { select: { name: true } } } },
      },
    }),
    db.need.findUniqueOrThrow({ where: { id: needId }, select: { unmetNote: true } }),
  ]);
  const slots = await db.offer.findMany({ where: { needId, status: "ACCEPTED" }, select: { knightId: true, slotIndex: true } });
  const slotOf = new Map(slots.map((s) => [s.knightId, s.slotIndex]));
  const photosOf = await photosOfTasks(db, assignments.map((a) => a.id));
  const count = (pred: (g: (typeof byWaveStatus)[number]) => boolean) => byWaveStatus.filter(pred).reduce((n, g) => n + g._count._all, 0);
  const current = waves.at(-1);
  return {
    needId: need.id,
    incidentId: need.incidentId,
    title: need.title,
    taskKind: need.taskKind,
    status: need.status,
    slots: need.quantity,
    unmetReason: need.unmetReason,
    unmetNote: extra.unmetNote,
    running: !!current && current.closedAt === null,
    current: current ? { wave: current.wave, radiusKm: current.radiusKm, endsAt: current.endsAt } : null,
    waves: waves.map((w) => ({
      ...w,
      sent: count((g) => g.wave === w.wave),
      pending: count((g) => g.wave === w.wave && g.status === "PENDING"),
      accepted: count((g) => g.wave === w.wave && g.status === "ACCEPTED"),
      declined: count((g) => g.wave === w.wave && g.status === "DECLINED"),
      expired: count((g) => g.wave === w.wave && g.status === "EXPIRED"),
      withdrawn: count((g) => g.wave === w.wave && g.status === "WITHDRAWN"),
    })),
    offers: Object.fromEntries(OFFER_STATUSES.map((s) => [s, count((g) => g.status === s)])) as TDispatchBoard["offers"],
    bands: DISTANCE_BANDS.map((band) => ({ band, offers: count((g) => g.distanceBand === band) })),
    accepted: assignments.map((a) => {
      const k = a.knight!;
      const live = (LIVE as readonly string[]).includes(a.status);
      return {
        assignmentId: a.id,
        knightId: a.knightId!,
        name: k.user.name,
        vehicle: k.vehicle,
        publicCell: k.publicCell,
        status: a.status,
        slotIndex: slotOf.get(a.knightId!) ?? null,
        acceptedAt: a.acceptedAt,
        completionRate: knightRecord(k).completionRate,
        noShowCount: k.noShowCount,
        position: live && k.lastLat !== null && k.lastLng !== null ? { lat: k.lastLat, lng: k.lastLng, at: k.lastPositionAt } : null,
        report: a.proofNote,
        photos: photosOf.get(a.id) ?? [],
      };
    }),
  };
}
