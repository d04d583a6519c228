import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createCallerFactory, type Context } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import type { Actor } from "@/server/auth/actor-type";
import { runJobs } from "@/server/jobs/queue";
import { allJobHandlers } from "@/server/jobs/worker";
import { acceptTask, createKnight, createKnightNeed, seedKnightFixtures } from "@/server/modules/knights/test-fixtures";
import { startKnightTask } from "@/server/modules/knights/advance-knight-task";
import { CHECKIN_QUEUE, checkInJobKey } from "@/server/modules/knights/knight-check-in";
import { DUTY_LIMIT_QUEUE, dutyLimitJobKey, runDutyLimitJob } from "@/server/modules/knights/knight-duty-limit";
import { setKnightOnDuty } from "@/server/modules/knights/knight-profile";
import { taskPoints } from "@/server/modules/knights/task-points";
import { haversineKm } from "@/server/modules/offers/offer-inbox";
import { liveTopics } from "@/server/modules/live/live-topics";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedKnightFixtures>>;

function caller(actor: Actor | null) {
  const ctx: Context = { db: t.db, actor, headers: new Headers(), ip: null };
  return createCallerFactory(appRouter)(ctx);
}

async function failure(p: Promise<unknown>) {
  const e = (await p.then(() => null, (err: unknown) => err)) as { code?: string; cause?: { fieldErrors?: Record<string, string[]> } } | null;
  expect(e, "expected the call to fail").not.toBeNull();
  return { code: e!.code, fieldErrors: e!.cause?.fieldErrors };
}

async function eventsSince(id: bigint) {
  return t.db.liveEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: "asc" }, select: { topic: true, kind: true, data: true } });
}
async function lastEventId() {
  return (await t.db.liveEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0n;
}

const MIN = 60_000;

beforeAll(async () => {
  t = await testDb();
  f = await seedKnightFixtures(t.db);
});
afterAll(async () => t?.cleanup());

describe("a delivery task, stage by stage", () => {
  it("moves forward one step at a time, keeps status and need buckets in step, and completes on the dispatcher's confirmation", async () => {
    const k = await createKnight(t.db);
    const peer = await createKnight(t.db);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { rewardPoints: 5 });
    const id = await acceptTask(t.db, needId, k.knightId);
    const me = caller(k.actor);

    expect((await failure(me.knightTask.advance({ assignmentId: id, to: "PICKED_UP" }))).fieldErrors).toEqual({ to: ["errors.stageNotNext"] });
    expect((await failure(caller(peer.actor).knightTask.advance({ assignmentId: id, to: "AT_PICKUP" }))).code).toBe("NOT_FOUND");

    expect(await me.knightTask.advance({ assignmentId: id, to: "AT_PICKUP" })).toMatchObject({ stage: "AT_PICKUP", status: "EN_ROUTE", pointsAwarded: null });
    expect((await failure(me.knightTask.advance({ assignmentId: id, to: "AT_PICKUP" }))).code).toBe("CONFLICT");
    await me.knightTask.advance({ assignmentId: id, to: "PICKED_UP" });
    let need = await t.db.need.findUniqueOrThrow({ where: { id: needId }, select: { qtyCommitted: true, qtyEnRoute: true, qtyOnScene: true, qtyReleased: true, status: true } });
    expect(need).toEqual({ qtyCommitted: 0, qtyEnRoute: 1, qtyOnScene: 0, qtyReleased: 0, status: "FILLED" });
    expect(await me.knightTask.advance({ assignmentId: id, to: "AT_DROPOFF" })).toMatchObject({ status: "ON_SCENE" });

    const detail = await me.knightTask.task({ assignmentId: id });
    expect(detail).toMatchObject({ stage: "AT_DROPOFF", nextStages: ["DELIVERED"], deliveryCodeRequired: false, pickup: { address: "鼓楼医院药房" } });
    expect(detail.dropoff).toEqual({ lat: 32.0412, lng: 118.7841, address: "玄武区安置点" });

    await me.knightTask.advance({ assignmentId: id, to: "DELIVERED", note: "交给值班护士" });
    expect((await failure(me.knightTask.advance({ assignmentId: id, to: "COMPLETED" }))).code).toBe("FORBIDDEN");
    expect((await me.knightTask.task({ assignmentId: id })).nextStages).toEqual([]);

    // Another government organisation cannot confirm; the incident's organisation can.
    expect((await failure(caller(f.actors.memberB).knightTask.confirmCompletion({ assignmentId: id }))).code).toBe("FORBIDDEN");
    const before = await lastEventId();
    const done = await caller(f.actors.dispatcherA).knightTask.confirmCompletion({ assignmentId: id });
    const n = await t.db.need.findUniqueOrThrow({ where: { id: needId }, select: { stagingLat: true, stagingLng: true, pickupLat: true, pickupLng: true } });
    const expected = taskPoints({ priority: "URGENT", taskKind: "DELIVERY", onTime: true, distanceKm: haversineKm(n.pickupLat!, n.pickupLng!, n.stagingLat, n.stagingLng) }) + 5;
    expect(expected).toBe(27); // 20 + ~2.4 km → 22, + the requester's 5
    expect(done).toEqual({ assignmentId: id, needId, stage: "COMPLETED", status: "COMPLETED", pointsAwarded: expected });

    need = await t.db.need.findUniqueOrThrow({ where: { id: needId }, select: { qtyCommitted: true, qtyEnRoute: true, qtyOnScene: true, qtyReleased: true, status: true } });
    expect(need).toEqual({ qtyCommitted: 0, qtyEnRoute: 0, qtyOnScene: 0, qtyReleased: 1, status: "FILLED" });
    const profile = await t.db.knightProfile.findUniqueOrThrow({ where: { id: k.knightId }, select: { points: true, completedCount: true } });
    expect(profile).toEqual({ points: expected, completedCount: 1 });
    expect(await t.db.knightPointsEntry.count({ where: { assignmentId: id } })).toBe(1);
    const a = await t.db.assignment.findUniqueOrThrow({ where: { id }, select: { status: true, taskStage: true, completedAt: true, atPickupAt: true, proofNote: true } });
    expect(a).toMatchObject({ status: "COMPLETED", taskStage: "COMPLETED", proofNote: "交给值班护士" });
    expect(a.completedAt).toBeInstanceOf(Date);
    expect(a.atPickupAt).toBeInstanceOf(Date);

    const events = await eventsSince(before);
    const updated = events.filter((e) => e.kind === "task.updated").map((e) => e.topic).sort();
    expect(updated).toEqual([liveTopics.incident(f.incidentId), liveTopics.knight(k.knightId), liveTopics.need(needId)].sort());
    expect(events.find((e) => e.kind === "points.awarded")?.data).toEqual({ assignmentId: id, points: expected });
    expect(await t.db.job.findFirst({ where: { key: checkInJobKey(id), doneAt: null } })).toBeNull();
    expect(await t.db.auditEvent.count({ where: { entityId: id, action: { in: ["knightTask.advance", "knightTask.complete"] } } })).toBe(5);

    // Confirming twice changes nothing and pays nothing.
    expect((await failure(caller(f.actors.dispatcherA).knightTask.confirmCompletion({ assignmentId: id }))).code).toBe("CONFLICT");
    expect((await t.db.knightProfile.findUniqueOrThrow({ where: { id: k.knightId }, select: { points: true } })).points).toBe(expected);

    const mine = await me.knightTask.myTasks();
    expect(mine.live).toEqual([]);
    expect(mine.history[0]).toMatchObject({ assignmentId: id, stage: "COMPLETED", pointsEarned: expected, rewardPoints: 5, dropoffAddress: "玄武区安置点" });
  });

  it("an errand skips the pickup stages and completes at once when the recipient's delivery code matches", async () => {
    const k = await createKnight(t.db);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { taskKind: "ERRAND", priority: "LIFE_SAFETY" });
    expect((await failure(caller(f.actors.memberB).knightTask.setDeliveryCode({ needId, code: "AB12" }))).code).toBe("NOT_FOUND");
    expect(await caller(f.actors.memberA).knightTask.setDeliveryCode({ needId, code: "ab12cd" })).toEqual({ needId, hasCode: true });
    const id = await acceptTask(t.db, needId, k.knightId);
    const me = caller(k.actor);
    expect((await failure(me.knightTask.advance({ assignmentId: id, to: "AT_PICKUP" }))).code).toBe("CONFLICT");
    await me.knightTask.advance({ assignmentId: id, to: "AT_DROPOFF" });
    expect((await me.knightTask.task({ assignmentId: id })).deliveryCodeRequired).toBe(true);
    const wrong = await failure(me.knightTask.advance({ assignmentId: id, to: "DELIVERED", proofCode: "ZZZZ" }));
    expect(wrong).toEqual({ code: "UNPROCESSABLE_CONTENT", fieldErrors: { proofCode: ["errors.proofCodeMismatch"] } });
    const r = await me.knightTask.advance({ assignmentId: id, to: "DELIVERED", proofCode: "AB12CD" });
    expect(r).toMatchObject({ stage: "COMPLETED", status: "COMPLETED", pointsAwarded: taskPoints({ priority: "LIFE_SAFETY", taskKind: "ERRAND", distanceKm: 0, onTime: true }) });
    expect((await t.db.knightProfile.findUniqueOrThrow({ where: { id: k.knightId }, select: { lifeSafetyCount: true } })).lifeSafetyCount).toBe(1);
    expect((await me.knightTask.myStanding()).badges).toEqual(["FIRST_TASK"]);
  });

  it("a recon task needs a report at DELIVERED", async () => {
    const k = await createKnight(t.db);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { taskKind: "RECON" });
    const id = await acceptTask(t.db, needId, k.knightId);
    await caller(k.actor).knightTask.advance({ assignmentId: id, to: "AT_DROPOFF" });
    expect((await failure(caller(k.actor).knightTask.advance({ assignmentId: id, to: "DELIVERED" }))).fieldErrors).toEqual({ note: ["errors.reportRequired"] });
    expect(await caller(k.actor).knightTask.advance({ assignmentId: id, to: "DELIVERED", note: "桥下积水约 40 厘米，车辆无法通行" })).toMatchObject({ stage: "DELIVERED" });
  });
});

describe("safety check-in", () => {
  it("a timer armed before a restart alerts the dispatchers when a fresh worker runs it", async () => {
    const k = await createKnight(t.db);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId);
    const id = await acceptTask(t.db, needId, k.knightId);
    const silentSince = new Date(Date.now() - 25 * MIN);
    await t.db.$transaction((tx) => startKnightTask(tx, id, silentSince));
    const job = await t.db.job.findUniqueOrThrow({ where: { key: checkInJobKey(id) }, select: { runAt: true } });
    expect(job.runAt).toEqual(new Date(silentSince.getTime() + 10 * MIN));

    const before = await lastEventId();
    const ran = await runJobs(t.db, { queues: [CHECKIN_QUEUE], handlers: allJobHandlers(t.db), workerId: `fresh-${crypto.randomUUID()}` });
    expect(ran).toBeGreaterThanOrEqual(1);
    const alerts = (await eventsSince(before)).filter((e) => e.kind === "alert.checkin");
    expect(alerts.map((e) => e.topic).sort()).toEqual([liveTopics.command(), liveTopics.incident(f.incidentId), liveTopics.need(needId)].sort());
    for (const e of alerts) {
      expect(e.data).toEqual({ assignmentId: id, needId, incidentId: f.incidentId, silentMinutes: 25 });
    }
    const notified = await t.db.notification.findMany({ where: { kind: "knight.checkInMissed" }, select: { userId: true } });
    const ids = notified.map((x) => x.userId);
    for (const u of [f.actors.dispatcherA.userId, f.actors.memberA.userId, f.actors.admin.userId]) expect(ids).toContain(u);
    expect(ids).not.toContain(f.actors.memberB.userId);
    expect(ids).not.toContain(k.userId);
    // Still silent: it re-arms to alert again after another period.
    const rearmed = await t.db.job.findUniqueOrThrow({ where: { key: checkInJobKey(id) }, select: { runAt: true, doneAt: true } });
    expect(rearmed.doneAt).toBeNull();
    expect(rearmed.runAt.getTime()).toBeGreaterThan(Date.now() + 5 * MIN);
    expect((await caller(f.actors.dispatcherA).knightTask.track({ assignmentId: id })).checkInAlerted).toBe(true);
  });

  it("\"I'm OK\" re-arms the timer and clears the alert", async () => {
    const k = await createKnight(t.db);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId);
    const id = await acceptTask(t.db, needId, k.knightId);
    await t.db.assignment.update({ where: { id }, data: { checkInAlertedAt: new Date() } });
    const r = await caller(k.actor).knightTask.checkIn({ assignmentId: id });
    expect(r.nextDueAt.getTime() - r.checkedInAt.getTime()).toBe(10 * MIN);
    const job = await t.db.job.findUniqueOrThrow({ where: { key: checkInJobKey(id) }, select: { runAt: true } });
    expect(job.runAt).toEqual(r.nextDueAt);
    expect((await caller(f.actors.dispatcherA).knightTask.track({ assignmentId: id })).checkInAlerted).toBe(false);
    const peer = await createKnight(t.db);
    expect((await failure(caller(peer.actor).knightTask.checkIn({ assignmentId: id }))).code).toBe("NOT_FOUND");
  });
});

describe("duty-hours limit", () => {
  it("prompts a rest at the limit, takes the knight off duty after the grace period, and refuses duty until rested", async () => {
    const k = await createKnight(t.db, { onDuty: false });
    const started = new Date(Date.now() - 5 * 60 * MIN);
    await setKnightOnDuty(t.db, k.actor, { onDuty: true }, started);
    const job = await t.db.job.findUniqueOrThrow({ where: { key: dutyLimitJobKey(k.knightId) }, select: { runAt: true, queue: true } });
    expect(job).toEqual({ queue: DUTY_LIMIT_QUEUE, runAt: new Date(started.getTime() + 240 * MIN) });
    const me = await caller(k.actor).knight.me();
    expect(me).toMatchObject({ onDuty: true, restDue: true, dutyLimitMinutes: 240, restUntil: null });
    expect(me.dutyMinutes).toBeGreaterThanOrEqual(300);

    const before = await lastEventId();
    await runJobs(t.db, { queues: [DUTY_LIMIT_QUEUE], handlers: allJobHandlers(t.db), workerId: `fresh-${crypto.randomUUID()}` });
    const prompt = (await eventsSince(before)).filter((e) => e.kind === "duty.restDue");
    expect(prompt.map((e) => e.topic)).toEqual([liveTopics.knight(k.knightId)]);
    expect(await t.db.notification.count({ where: { userId: k.userId, kind: "knight.restDue" } })).toBe(1);
    const next = await t.db.job.findUniqueOrThrow({ where: { key: dutyLimitJobKey(k.knightId) }, select: { payload: true, doneAt: true } });
    expect(next).toMatchObject({ doneAt: null, payload: { phase: "autoOff" } });

    // On a live task the knight is not taken off duty; once it is over, they are.
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId);
    const id = await acceptTask(t.db, needId, k.knightId);
    const payload = { knightId: k.knightId, stintStartedAt: started.toISOString(), phase: "autoOff" as const };
    expect(await runDutyLimitJob(t.db, payload)).toBe("waitingForTask");
    await t.db.assignment.update({ where: { id }, data: { status: "CANCELLED" } });
    expect(await runDutyLimitJob(t.db, payload)).toBe("tookOffDuty");
    expect(await runDutyLimitJob(t.db, payload)).toBe("stale");
    const off = await caller(k.actor).knight.me();
    expect(off).toMatchObject({ onDuty: false, restDue: false });
    expect(off.restUntil).toBeInstanceOf(Date);

    expect(await failure(caller(k.actor).knight.setOnDuty({ onDuty: true }))).toEqual({ code: "PRECONDITION_FAILED", fieldErrors: { onDuty: ["errors.restRequired"] } });
    expect(await t.db.auditEvent.count({ where: { entityId: k.knightId, action: "knight.autoOffDuty" } })).toBe(1);
  });

  it("a short break continues the stint; going off duty disarms the timer", async () => {
    const k = await createKnight(t.db, { onDuty: false });
    const t0 = new Date(Date.now() - 60 * MIN);
    await setKnightOnDuty(t.db, k.actor, { onDuty: true }, t0);
    await setKnightOnDuty(t.db, k.actor, { onDuty: false }, new Date(t0.getTime() + 30 * MIN));
    expect(await t.db.job.findFirst({ where: { key: dutyLimitJobKey(k.knightId), doneAt: null } })).toBeNull();
    const back = await setKnightOnDuty(t.db, k.actor, { onDuty: true }, new Date(t0.getTime() + 40 * MIN));
    expect(back.profile.dutyMinutes).toBe(40);
    const row = await t.db.knightProfile.findUniqueOrThrow({ where: { id: k.knightId }, select: { dutyStintStartedAt: true } });
    expect(row.dutyStintStartedAt).toEqual(t0);
  });
});

describe("tracking a live task", () => {
  it("shows the exact position to the task's dispatchers only, and to nobody once the task ended", async () => {
    const k = await createKnight(t.db, { at: { lat: 32.0712345, lng: 118.8123456 } });
    const peer = await createKnight(t.db);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId);
    const id = await acceptTask(t.db, needId, k.knightId);
    for (const who of [f.actors.dispatcherA, f.actors.memberA, f.actors.admin]) {
      expect((await caller(who).knightTask.track({ assignmentId: id })).position).toMatchObject({ lat: 32.0712345, lng: 118.8123456 });
    }
    expect((await failure(caller(f.actors.memberB).knightTask.track({ assignmentId: id }))).code).toBe("FORBIDDEN");
    expect((await failure(caller(peer.actor).knightTask.track({ assignmentId: id }))).code).toBe("FORBIDDEN");
    expect((await failure(caller(k.actor).knightTask.track({ assignmentId: id }))).code).toBe("FORBIDDEN");
    expect((await failure(caller(f.actors.supplier).knightTask.track({ assignmentId: id }))).code).toBe("FORBIDDEN");
    await t.db.assignment.update({ where: { id }, data: { status: "COMPLETED", taskStage: "COMPLETED" } });
    expect((await failure(caller(f.actors.dispatcherA).knightTask.track({ assignmentId: id }))).code).toBe("FORBIDDEN");
  });
});

describe("leaderboard", () => {
  it("ranks knights of a district by period points, masks other names, and shows the caller's own standing", async () => {
    const a = await createKnight(t.db, { name: "陈一鸣", district: "320200" });
    const b = await createKnight(t.db, { name: "刘二", district: "320200" });
    for (const [k, pts] of [[a, 30], [b, 50]] as const) {
      const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId);
      const id = await acceptTask(t.db, needId, k.knightId);
      await t.db.knightPointsEntry.create({ data: { knightId: k.knightId, assignmentId: id, points: pts, reason: "task.completed" } });
      await t.db.knightProfile.update({ where: { id: k.knightId }, data: { points: pts, completedCount: 1 } });
    }
    const board = await caller(a.actor).knightTask.leaderboard({ period: "WEEK" });
    expect(board).toEqual({
      districtCode: "320200",
      period: "WEEK",
      entries: [
        { rank: 1, displayName: "刘**", points: 50, isMe: false },
        { rank: 2, displayName: "陈一鸣", points: 30, isMe: true },
      ],
    });
    expect((await caller(a.actor).knightTask.leaderboard({ period: "ALL", districtCode: "320102" })).entries.every((e) => !e.displayName.includes("陈"))).toBe(true);
    const standing = await caller(a.actor).knightTask.myStanding();
    expect(standing).toMatchObject({ points: 30, weekPoints: 30, districtRank: 2, districtSize: 2, districtCode: "320200", badges: ["FIRST_TASK"] });
    expect(standing.record).toEqual({ completed: 1, noShows: 0, completionRate: 1, noShowRate: 0, reliability: 0.833 });
  });
});

describe("lock order", () => {
  it("a stage step takes the need's lock before its task row, as a cancel does, so the two never deadlock", async () => {
    const k = await createKnight(t.db);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId);
    const id = await acceptTask(t.db, needId, k.knightId);
    let step: Promise<unknown> = Promise.resolve();
    await t.db.$transaction(
      async (tx) => {
        // Hold the need as a cancel would, then let the step run into it.
        await tx.$queryRaw`SELECT id FROM need WHERE id = ${needId} FOR UPDATE`;
        step = caller(k.actor).knightTask.advance({ assignmentId: id, to: "AT_PICKUP" });
        let waiting = false;
        for (let i = 0; i < 60 && !waiting; i++) {
          await new Promise((r) => setTimeout(r, 50));
          const rows = await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
          waiting = rows[0]!.n > 0n;
        }
        expect(waiting, "the step should be waiting for the need's lock").toBe(true);
        // The cancel's next lock: the task row. Free unless the step took it before the need (NOWAIT fails then).
        await tx.$queryRaw`SELECT id FROM assignment WHERE id = ${id} FOR UPDATE NOWAIT`;
      },
      { timeout: 20_000 },
    );
    expect(await step).toMatchObject({ stage: "AT_PICKUP", status: "EN_ROUTE" });
  });
});
