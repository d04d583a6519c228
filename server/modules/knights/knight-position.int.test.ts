import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createCallerFactory, type Context } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import type { Actor } from "@/server/auth/actor-type";
import { reportKnightPosition, storeKnightPosition } from "@/server/modules/knights/knight-position";
import { publicCellOf } from "@/server/modules/knights/public-cell";
import { acceptTask, createKnight, createKnightNeed, seedKnightFixtures } from "@/server/modules/knights/test-fixtures";
import { checkInJobKey } from "@/server/modules/knights/knight-check-in";
import { liveTopics } from "@/server/modules/live/live-topics";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedKnightFixtures>>;

function caller(actor: Actor | null) {
  const ctx: Context = { db: t.db, actor, headers: new Headers(), ip: null };
  return createCallerFactory(appRouter)(ctx);
}

beforeAll(async () => {
  t = await testDb();
  f = await seedKnightFixtures(t.db);
});
afterAll(async () => t?.cleanup());

const T0 = new Date("2026-11-29T06:00:00.000Z");
const sec = (s: number) => new Date(T0.getTime() + s * 1000);

describe("reporting a knight position", () => {
  it("stores the exact position and its public cell, at most once per 15 s (server-side throttle)", async () => {
    const k = await createKnight(t.db);
    const first = await reportKnightPosition(t.db, k.actor, { lat: 32.061234, lng: 118.791234 }, T0);
    expect(first).toEqual({ stored: true, reason: null, nextAllowedAt: sec(15), publicCell: publicCellOf(32.061234, 118.791234), trackedAssignmentId: null });
    const early = await reportKnightPosition(t.db, k.actor, { lat: 32.07, lng: 118.8 }, sec(14));
    expect(early).toMatchObject({ stored: false, reason: "THROTTLED", nextAllowedAt: sec(15) });
    const row = await t.db.knightProfile.findUniqueOrThrow({ where: { id: k.knightId }, select: { lastLat: true, lastLng: true, lastPositionAt: true } });
    expect(row).toEqual({ lastLat: 32.061234, lastLng: 118.791234, lastPositionAt: T0 });
    const later = await reportKnightPosition(t.db, k.actor, { lat: 32.07, lng: 118.8 }, sec(15));
    expect(later.stored).toBe(true);
    expect((await t.db.knightProfile.findUniqueOrThrow({ where: { id: k.knightId }, select: { lastLat: true } })).lastLat).toBe(32.07);
  });

  it("does not store an inaccurate fix, and refuses a knight who is off duty and on no task", async () => {
    const k = await createKnight(t.db);
    expect(await reportKnightPosition(t.db, k.actor, { lat: 32.05, lng: 118.79, accuracyM: 5000 }, T0)).toMatchObject({ stored: false, reason: "INACCURATE" });
    const off = await createKnight(t.db, { onDuty: false });
    const e = await caller(off.actor).knightTask.reportPosition({ lat: 32.05, lng: 118.79 }).catch((x: unknown) => x as { code: string });
    expect((e as { code: string }).code).toBe("PRECONDITION_FAILED");
    expect((await t.db.knightProfile.findUniqueOrThrow({ where: { id: off.knightId }, select: { lastLat: true } })).lastLat).toBeNull();
  });

  it("is for knights only", async () => {
    const e = await caller(f.actors.dispatcherA).knightTask.reportPosition({ lat: 32.05, lng: 118.79 }).catch((x: unknown) => x as { code: string });
    expect((e as { code: string }).code).toBe("FORBIDDEN");
  });

  it("on a live task: publishes the exact position on the task's track topic only, and counts as a check-in", async () => {
    const k = await createKnight(t.db);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId);
    const assignmentId = await acceptTask(t.db, needId, k.knightId, T0);
    const before = await t.db.liveEvent.count();
    const now = new Date();
    const r = await t.db.$transaction((tx) => storeKnightPosition(tx, k.knightId, 32.052468, 118.781357, now));
    expect(r.trackedAssignmentId).toBe(assignmentId);
    const events = await t.db.liveEvent.findMany({ where: { id: { gt: BigInt(before) } }, orderBy: { id: "asc" } });
    const exact = events.filter((e) => JSON.stringify(e.data).includes("32.052468"));
    expect(exact.map((e) => [e.topic, e.kind])).toEqual([[liveTopics.taskTrack(assignmentId), "knight.position"]]);
    // Any other event (the command feed) carries the coarse cell only.
    for (const e of events.filter((x) => x.topic !== liveTopics.taskTrack(assignmentId))) {
      expect(e.data).toEqual({ knightId: k.knightId, cell: publicCellOf(32.052468, 118.781357) });
    }
    const a = await t.db.assignment.findUniqueOrThrow({ where: { id: assignmentId }, select: { lastCheckInAt: true } });
    expect(a.lastCheckInAt).toEqual(now);
    const job = await t.db.job.findUniqueOrThrow({ where: { key: checkInJobKey(assignmentId) }, select: { runAt: true, queue: true, doneAt: true } });
    expect(job).toEqual({ queue: "knight.checkIn", runAt: new Date(now.getTime() + 10 * 60_000), doneAt: null });
  });
});
