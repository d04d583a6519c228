import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createCallerFactory } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import type { Actor } from "@/server/auth/actor-type";
import type { TKnightTaskStage } from "@/lib/schemas/knight-tasks";
import { translatorFor } from "@/lib/i18n/messages-for";
import { verifyAuditChain } from "@/server/modules/audit/verify-audit-chain";
import { liveTopics } from "@/server/modules/live/live-topics";
import { dispatchWaveKey } from "@/server/modules/dispatch/dispatch-config";
import { startDispatch } from "@/server/modules/dispatch/dispatch-waves";
import { acceptKnightOffer } from "@/server/modules/dispatch/answer-knight-offer";
import { getDispatchBoard } from "@/server/modules/dispatch/dispatch-board";
import { findPositionLeaks } from "@/server/modules/dispatch/privacy-scan";
import { TASK_CANCELLED_NOTIFICATION } from "@/server/modules/dispatch/end-knight-work";
import { checkInJobKey } from "@/server/modules/knights/knight-check-in";
import { listMyTasks } from "@/server/modules/knights/knight-tasks-query";
import { setIncidentStatus } from "@/server/modules/incidents/set-incident-status";
import { createKnight, createKnightNeed, liveEvents, northOf, seedDispatchFixtures, type TestKnight } from "@/server/modules/dispatch/test-fixtures";

/**
 * Closing or cancelling a knight-task need (or closing its incident) ends its knight work in the same
 * transaction: pending offers withdrawn, wave and timer stopped, every live task cancelled with its knight
 * told (live + in-app) — except, on CLOSE, tasks already delivered.
 */

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedDispatchFixtures>>;
let area = 0;
const nextArea = () => ({ lat: 33.0 + 0.5 * area++, lng: 119.5 });
const caller = (actor: Actor) => createCallerFactory(appRouter)({ db: t.db, actor, headers: new Headers(), ip: null });

beforeAll(async () => {
  t = await testDb();
  f = await seedDispatchFixtures(t.db);
});
afterAll(async () => t.cleanup());

async function knightsAround(at: { lat: number; lng: number }, n: number): Promise<TestKnight[]> {
  const out: TestKnight[] = [];
  for (let i = 0; i < n; i++) out.push(await createKnight(t.db, northOf(0.2 + i * 0.1, at)));
  return out;
}

/** A delivery task dispatched to `knights.length` knights; the first `stages.length` accept and reach those stages. */
async function dispatchedDelivery(incidentId: string, quantity: number, knights: number, stages: TKnightTaskStage[]) {
  const at = nextArea();
  const ks = await knightsAround(at, knights);
  const needId = await createKnightNeed(t.db, incidentId, f.actors.dispatcherA.userId, {
    stagingLat: at.lat, stagingLng: at.lng, quantity, maxDistanceKm: 5, title: `配送 ${area}`,
    taskKind: "DELIVERY", pickupLat: at.lat, pickupLng: at.lng, pickupAddress: "取货点",
  });
  await startDispatch(t.db, f.actors.dispatcherA, needId);
  const tasks: string[] = [];
  for (const [i, stage] of stages.entries()) {
    const k = ks[i]!;
    const offer = await t.db.offer.findUniqueOrThrow({ where: { needId_knightId: { needId, knightId: k.id } }, select: { id: true } });
    const won = await acceptKnightOffer(t.db, k.actor, offer.id);
    const path: TKnightTaskStage[] = ["AT_PICKUP", "PICKED_UP", "AT_DROPOFF", "DELIVERED"];
    for (const to of path.slice(0, stage === "COMPLETED" ? path.length : path.indexOf(stage as (typeof path)[number]) + 1)) {
      await caller(k.actor).knightTask.advance({ assignmentId: won.assignmentId!, to });
    }
    if (stage === "COMPLETED") await caller(f.actors.dispatcherA).knightTask.confirmCompletion({ assignmentId: won.assignmentId! });
    tasks.push(won.assignmentId!);
  }
  return { needId, ks, tasks };
}

const needRow = (id: string) =>
  t.db.need.findUniqueOrThrow({ where: { id }, select: { status: true, qtyCommitted: true, qtyEnRoute: true, qtyOnScene: true, qtyReleased: true } });
const statusOf = async (ids: string[]) =>
  (await t.db.assignment.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } })).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id)).map((a) => a.status);
const checkInJob = (assignmentId: string) => t.db.job.findUniqueOrThrow({ where: { key: checkInJobKey(assignmentId) }, select: { doneAt: true, lastError: true } });

describe("a knight need that ends takes its knight work with it", () => {
  it("cancelling stands pending knights down, stops the wave, and cancels every live task not yet delivered, its knight told live and in-app", async () => {
    // 4 places: one knight accepted, one on the way to the pickup, one delivered; offers still pending for the 4th.
    const { needId, ks, tasks } = await dispatchedDelivery(f.incidentId, 4, 8, ["ACCEPTED", "AT_PICKUP", "DELIVERED"]);
    expect(await needRow(needId)).toEqual({ status: "PARTIALLY_FILLED", qtyCommitted: 1, qtyEnRoute: 1, qtyOnScene: 1, qtyReleased: 0 });
    const pending = await t.db.offer.findMany({ where: { needId, status: "PENDING" }, select: { id: true, knightId: true } });
    expect(pending.length).toBeGreaterThan(0);

    const dto = await caller(f.actors.dispatcherA).need.setStatus({ id: needId, status: "CANCELLED" });
    expect(dto.status).toBe("CANCELLED");

    // Tasks: cancelled, places released from whichever bucket they had reached, safety timers stopped; the
    // delivered one is kept (the work was done; the dispatcher may still confirm it).
    const delivered = tasks[2]!;
    const [accepted, onTheWay] = [tasks[0]!, tasks[1]!];
    expect(await statusOf(tasks)).toEqual(["CANCELLED", "CANCELLED", "ON_SCENE"]);
    expect(await needRow(needId)).toEqual({ status: "CANCELLED", qtyCommitted: 0, qtyEnRoute: 0, qtyOnScene: 1, qtyReleased: 0 });
    for (const id of [accepted, onTheWay]) expect(await checkInJob(id)).toMatchObject({ lastError: "cancelled" });
    expect(await liveEvents(t.db, liveTopics.knight(ks[2]!.id), "task.cancelled")).toEqual([]);
    expect(await t.db.assignment.findUniqueOrThrow({ where: { id: delivered }, select: { taskStage: true } })).toEqual({ taskStage: "DELIVERED" });
    expect(await t.db.offer.count({ where: { needId, status: "PENDING" } })).toBe(0);
    expect(await t.db.offer.count({ where: { needId, status: "ACCEPTED" } })).toBe(1); // the delivered knight's

    // The knights on it hear why, live, and get a notification that reads in both languages.
    for (const [i, id] of [accepted, onTheWay].entries()) {
      const events = await liveEvents(t.db, liveTopics.knight(ks[i]!.id), "task.cancelled");
      expect(events).toEqual([{ assignmentId: id, needId, title: expect.any(String), reason: "NEED_CANCELLED" }]);
      expect(findPositionLeaks(events, ks)).toEqual([]);
      const notes = await t.db.notification.findMany({ where: { userId: ks[i]!.userId, kind: TASK_CANCELLED_NOTIFICATION }, select: { payload: true } });
      expect(notes).toHaveLength(1);
      const payload = notes[0]!.payload as Record<string, string>;
      expect(payload).toMatchObject({ needId, reason: "NEED_CANCELLED" });
      for (const locale of ["zh-CN", "en"] as const) {
        const text = translatorFor(locale, "notifications")(`kinds.${TASK_CANCELLED_NOTIFICATION}`, payload);
        expect(text).toContain(payload.title);
        expect(text).not.toContain("notifications.");
        expect(translatorFor(locale, "dispatch")(`cancelReason.${payload.reason}`)).not.toContain("dispatch.");
      }
    }
    // Pending knights stand down with reason CANCELLED; the wave and its timer stop.
    for (const o of pending) {
      expect(await liveEvents(t.db, liveTopics.knight(o.knightId), "offer.withdrawn")).toEqual([{ offerId: o.id, needId, reason: "CANCELLED" }]);
      expect(await t.db.notification.count({ where: { userId: ks.find((k) => k.id === o.knightId)!.userId } })).toBe(0);
    }
    expect((await t.db.dispatchWave.findFirstOrThrow({ where: { needId }, orderBy: { wave: "desc" } })).closeReason).toBe("STOPPED");
    expect(await t.db.job.findUniqueOrThrow({ where: { key: dispatchWaveKey(needId) }, select: { lastError: true } })).toEqual({ lastError: "cancelled" });

    // The knight's app: nothing live any more, the task in the history as cancelled.
    const mine = await listMyTasks(t.db, ks[1]!.actor, { historyLimit: 10 });
    expect(mine.live).toEqual([]);
    expect(mine.history.find((h) => h.assignmentId === tasks[1])).toMatchObject({ status: "CANCELLED", live: false, endReason: "NEED_CANCELLED" });

    // The dispatcher's board: ended, only the delivered task still followed, and the need's subscribers were told.
    const board = await getDispatchBoard(t.db, f.actors.dispatcherA, needId);
    expect(board).toMatchObject({ status: "CANCELLED", running: false, offers: { PENDING: 0, ACCEPTED: 1 } });
    expect(board.accepted.map((a) => a.status).sort()).toEqual(["CANCELLED", "CANCELLED", "ON_SCENE"]);
    expect(board.accepted.filter((a) => a.status === "CANCELLED").map((a) => a.position)).toEqual([null, null]);
    expect((await liveEvents(t.db, liveTopics.need(needId), "dispatch.updated")).at(-1)).toMatchObject({ status: "CANCELLED", accepted: 1, pendingOffers: 0 });

    // Audited in the same chain: each task, the dispatch's end, the status change.
    const audit = await t.db.auditEvent.findMany({ where: { OR: [{ entityId: needId }, { entityId: { in: tasks } }] }, select: { action: true, data: true } });
    expect(audit.filter((a) => a.action === "knightTask.cancel").map((a) => (a.data as { reason: string }).reason)).toEqual(["NEED_CANCELLED", "NEED_CANCELLED"]);
    expect(audit.find((a) => a.action === "dispatch.end")?.data).toMatchObject({ status: "CANCELLED", tasksCancelled: 2, tasksKept: 1, offersWithdrawn: pending.length, waveStopped: true });
    expect(audit.some((a) => a.action === "need.setStatus")).toBe(true);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it("closing keeps delivered and completed work: the dispatcher may still confirm a delivered task", async () => {
    const { needId, ks, tasks } = await dispatchedDelivery(f.incidentId, 3, 6, ["ACCEPTED", "DELIVERED", "COMPLETED"]);
    expect(await needRow(needId)).toEqual({ status: "FILLED", qtyCommitted: 1, qtyEnRoute: 0, qtyOnScene: 1, qtyReleased: 1 });

    await caller(f.actors.dispatcherA).need.setStatus({ id: needId, status: "CLOSED" });
    expect(await statusOf(tasks)).toEqual(["CANCELLED", "ON_SCENE", "COMPLETED"]);
    expect(await needRow(needId)).toEqual({ status: "CLOSED", qtyCommitted: 0, qtyEnRoute: 0, qtyOnScene: 1, qtyReleased: 1 });
    expect(await liveEvents(t.db, liveTopics.knight(ks[0]!.id), "task.cancelled")).toEqual([{ assignmentId: tasks[0], needId, title: expect.any(String), reason: "NEED_CLOSED" }]);
    for (const k of ks.slice(1, 3)) expect(await liveEvents(t.db, liveTopics.knight(k.id), "task.cancelled")).toEqual([]);
    expect(await t.db.notification.count({ where: { userId: { in: [ks[1]!.userId, ks[2]!.userId] }, kind: TASK_CANCELLED_NOTIFICATION } })).toBe(0);
    expect(await checkInJob(tasks[1]!)).toEqual({ doneAt: null, lastError: null });

    const done = await caller(f.actors.dispatcherA).knightTask.confirmCompletion({ assignmentId: tasks[1]! });
    expect(done).toMatchObject({ status: "COMPLETED" });
    expect(done.pointsAwarded).toBeGreaterThan(0);
    expect(await needRow(needId)).toEqual({ status: "CLOSED", qtyCommitted: 0, qtyEnRoute: 0, qtyOnScene: 0, qtyReleased: 2 });
  });

  it("closing the incident ends the knight work of each of its knight needs", async () => {
    const incident = await t.db.incident.create({
      data: { orgId: f.orgs.govA, createdById: f.actors.dispatcherA.userId, title: "暴雨", kind: "FLOOD", severity: "III", status: "ACTIVE", lat: 33, lng: 119.5, address: "南京市", regionCode: "320102" },
      select: { id: true },
    });
    const a = await dispatchedDelivery(incident.id, 2, 4, ["AT_PICKUP"]);
    const b = await dispatchedDelivery(incident.id, 1, 2, []);
    const pendingB = await t.db.offer.count({ where: { needId: b.needId, status: "PENDING" } });
    expect(pendingB).toBeGreaterThan(0);

    await setIncidentStatus(t.db, f.actors.dispatcherA, { id: incident.id, status: "CLOSED", unmetReason: "TOO_LATE" });
    expect(await statusOf(a.tasks)).toEqual(["CANCELLED"]);
    expect(await needRow(a.needId)).toEqual({ status: "CLOSED", qtyCommitted: 0, qtyEnRoute: 0, qtyOnScene: 0, qtyReleased: 0 });
    expect(await liveEvents(t.db, liveTopics.knight(a.ks[0]!.id), "task.cancelled")).toMatchObject([{ assignmentId: a.tasks[0], reason: "NEED_CLOSED" }]);
    for (const n of [a.needId, b.needId]) {
      expect(await t.db.offer.count({ where: { needId: n, status: "PENDING" } })).toBe(0);
      expect(await t.db.dispatchWave.count({ where: { needId: n, closedAt: null } })).toBe(0);
      expect(await t.db.job.findUniqueOrThrow({ where: { key: dispatchWaveKey(n) }, select: { lastError: true } })).toEqual({ lastError: "cancelled" });
    }
    expect(await t.db.auditEvent.count({ where: { action: "dispatch.end", entityId: { in: [a.needId, b.needId] } } })).toBe(2);
  });

  it("a need with no knight work changes status without a dispatch.end record", async () => {
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: nextArea().lat, stagingLng: 119.5, maxDistanceKm: 5 });
    await caller(f.actors.dispatcherA).need.setStatus({ id: needId, status: "CANCELLED" });
    expect(await t.db.auditEvent.count({ where: { action: "dispatch.end", entityId: needId } })).toBe(0);
  });
});
