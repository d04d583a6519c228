import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createCallerFactory, type Context } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import type { Actor } from "@/server/auth/actor-type";
import { runCheckInJob } from "@/server/modules/knights/knight-check-in";
import { runDutyLimitJob } from "@/server/modules/knights/knight-duty-limit";
import { storeKnightPosition } from "@/server/modules/knights/knight-position";
import { acceptTask, createKnight, createKnightNeed, seedKnightFixtures } from "@/server/modules/knights/test-fixtures";
import { liveTopics } from "@/server/modules/live/live-topics";
import { canTrackTask } from "@/server/modules/knights/track-task";
import { withoutTimestamps } from "@/tests/helpers/without-timestamps";

/**
 * Privacy (issue 6): a knight's exact position is returned only by knightTask.track, to the dispatchers
 * of that knight's live task. Every other knight- and requester-facing response is deep-scanned for the
 * stored lastLat/lastLng of every knight (also rounded to 3–6 decimals), for fields that name an exact
 * position, and for numeric distances (only bands, which are strings, may be shown).
 */

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedKnightFixtures>>;

function caller(actor: Actor | null) {
  const ctx: Context = { db: t.db, actor, headers: new Headers(), ip: null };
  return createCallerFactory(appRouter)(ctx);
}

async function failure(p: Promise<unknown>) {
  const e = (await p.then(() => null, (err: unknown) => err)) as { code?: string } | null;
  expect(e, "expected the call to fail").not.toBeNull();
  return e!.code;
}

const responses: { name: string; value: unknown }[] = [];
async function record<T>(name: string, p: Promise<T>): Promise<T> {
  const value = await p;
  responses.push({ name, value });
  return value;
}

const FORBIDDEN_KEYS = /^(lastLat|lastLng|lastPositionAt|latitude|longitude|distanceKm|distanceM|distance)$/;

/** Every way an exact coordinate could appear: numbers close to it, or its decimal text (≥ 3 decimals). */
function scan(name: string, value: unknown, secrets: number[], path = "$"): void {
  if (typeof value === "number") {
    for (const s of secrets) expect(Math.abs(value - s) < 5e-4, `${name} ${path} = ${value} is (close to) a knight coordinate ${s}`).toBe(false);
    return;
  }
  if (typeof value === "string") {
    const text = withoutTimestamps(value);
    for (const s of secrets) {
      for (const d of [3, 4, 5, 6]) expect(text.includes(s.toFixed(d)), `${name} ${path} contains ${s.toFixed(d)}`).toBe(false);
    }
    return;
  }
  if (value instanceof Date || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) return value.forEach((v, i) => scan(name, v, secrets, `${path}[${i}]`));
  for (const [k, v] of Object.entries(value)) {
    expect(FORBIDDEN_KEYS.test(k), `${name} ${path}.${k} names an exact position or distance`).toBe(false);
    // A need's own setting (maxDistanceKm) is not a distance to a knight.
    if (/distance/i.test(k) && k !== "maxDistanceKm") expect(typeof v, `${name} ${path}.${k} must be a band`).toBe("string");
    scan(name, v, secrets, `${path}.${k}`);
  }
}

async function storedSecrets(): Promise<number[]> {
  const rows = await t.db.knightProfile.findMany({ where: { lastLat: { not: null } }, select: { lastLat: true, lastLng: true } });
  return rows.flatMap((r) => [r.lastLat!, r.lastLng!]);
}

let knight: Awaited<ReturnType<typeof createKnight>>;
let peer: Awaited<ReturnType<typeof createKnight>>;
let assignmentId: string;
let needId: string;

beforeAll(async () => {
  t = await testDb();
  f = await seedKnightFixtures(t.db);
  // Positions far from every need/incident coordinate used by the fixtures, with distinctive digits.
  knight = await createKnight(t.db, { name: "赵骑士", at: { lat: 32.1734567, lng: 118.9256789, when: new Date() } });
  peer = await createKnight(t.db, { name: "钱骑士", at: { lat: 31.9876543, lng: 118.6543219, when: new Date() } });
  needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { rewardPoints: 3 });
  assignmentId = await acceptTask(t.db, needId, knight.knightId);
});
afterAll(async () => t?.cleanup());

describe("knight position privacy", () => {
  it("no knight- or requester-facing response carries an exact knight position or an exact distance", async () => {
    const k = caller(knight.actor);
    const p = caller(peer.actor);
    const d = caller(f.actors.dispatcherA);
    const other = caller(f.actors.memberB);

    // The knight's own procedures (existing profile ones and the new task ones).
    await record("knight.me", k.knight.me());
    await record("knight.setOnDuty", k.knight.setOnDuty({ onDuty: true }));
    await record("knight.updateProfile", k.knight.updateProfile({ vehicle: "EBIKE", payloadKg: 30, deliveryPlatform: null, homeDistrictCode: "320102", trainings: [] }));
    await record("knightTask.reportPosition (throttled)", k.knightTask.reportPosition({ lat: 32.1734999, lng: 118.9256999 }));
    await record("knightTask.myTasks", k.knightTask.myTasks());
    await record("knightTask.task", k.knightTask.task({ assignmentId }));
    await record("knightTask.checkIn", k.knightTask.checkIn({ assignmentId }));
    await record("knightTask.advance", k.knightTask.advance({ assignmentId, to: "AT_PICKUP" }));
    await record("knightTask.leaderboard WEEK", k.knightTask.leaderboard({ period: "WEEK" }));
    await record("knightTask.leaderboard ALL", k.knightTask.leaderboard({ period: "ALL" }));
    await record("knightTask.myStanding", k.knightTask.myStanding());
    // A peer knight.
    await record("peer knight.me", p.knight.me());
    await record("peer knightTask.myTasks", p.knightTask.myTasks());
    await record("peer knightTask.leaderboard", p.knightTask.leaderboard({ period: "ALL" }));
    await record("peer knightTask.myStanding", p.knightTask.myStanding());
    // A fresh stored position while on the task (goes to the track topic only).
    const now = new Date(Date.now() + 60_000);
    await t.db.$transaction((tx) => storeKnightPosition(tx, knight.knightId, 32.1745678, 118.9267891, now));
    await record("knightTask.task after move", k.knightTask.task({ assignmentId }));
    // Requester side: the incident's organisation and another one.
    await record("need.get", d.need.get({ id: needId }));
    await record("incident.get", d.incident.get({ id: f.incidentId }));
    await record("knightTask.setDeliveryCode", caller(f.actors.memberA).knightTask.setDeliveryCode({ needId, code: "7788" }));
    // Timers that publish to requesters: a missed check-in alert and the duty-limit prompt.
    await t.db.assignment.update({ where: { id: assignmentId }, data: { lastCheckInAt: new Date(Date.now() - 30 * 60_000) } });
    expect(await runCheckInJob(t.db, assignmentId)).toBe("alerted");
    const stint = await t.db.knightProfile.findUniqueOrThrow({ where: { id: knight.knightId }, select: { dutyStintStartedAt: true } });
    await runDutyLimitJob(t.db, { knightId: knight.knightId, stintStartedAt: stint.dutyStintStartedAt!.toISOString(), phase: "prompt" });
    await record("dispatcher notification.list", d.notification.list({}));
    await record("knight notification.list", k.notification.list({}));
    // Finish the task: the dispatcher confirms.
    await k.knightTask.advance({ assignmentId, to: "PICKED_UP" });
    await k.knightTask.advance({ assignmentId, to: "AT_DROPOFF" });
    await record("knightTask.advance DELIVERED", k.knightTask.advance({ assignmentId, to: "DELIVERED" }));
    await record("knightTask.confirmCompletion", d.knightTask.confirmCompletion({ assignmentId }));
    await record("knightTask.myTasks after", k.knightTask.myTasks());
    await record("knightTask.myStanding after", k.knightTask.myStanding());
    await record("need.get after", d.need.get({ id: needId }));
    expect(await failure(other.need.get({ id: needId }))).toBe("NOT_FOUND");

    const secrets = await storedSecrets();
    expect(secrets).toContain(32.1745678); // the scan compares against what is really stored
    expect(secrets).toContain(31.9876543);
    expect(responses.length).toBeGreaterThanOrEqual(25);
    for (const r of responses) scan(r.name, r.value, [...secrets, 32.1734567, 118.9256789]);
    // The scan can fail: the dispatcher's track response is caught by it.
    expect(() => scan("probe", { position: { lat: 32.1745678 } }, secrets)).toThrow();
  });

  it("live events and notifications outside the dispatcher-only track topic carry no exact position", async () => {
    const secrets = await storedSecrets();
    const events = await t.db.liveEvent.findMany({ select: { topic: true, kind: true, data: true } });
    const track = events.filter((e) => e.topic === liveTopics.taskTrack(assignmentId));
    expect(track.map((e) => e.kind)).toContain("knight.position");
    const rest = events.filter((e) => !e.topic.startsWith("track:"));
    expect(rest.map((e) => e.kind)).toEqual(expect.arrayContaining(["task.updated", "alert.checkin", "duty.restDue", "points.awarded"]));
    for (const e of rest) scan(`live ${e.topic} ${e.kind}`, e.data, secrets);
    const notes = await t.db.notification.findMany({ select: { kind: true, payload: true } });
    for (const n of notes) scan(`notification ${n.kind}`, n.payload, secrets);
  });

  it("track: the dispatcher of the live task sees the exact position; other orgs, peers and everyone after the end do not", async () => {
    const k2 = await createKnight(t.db, { at: { lat: 32.1811111, lng: 118.9122222, when: new Date() } });
    const need2 = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId);
    const a2 = await acceptTask(t.db, need2, k2.knightId);
    const tr = await caller(f.actors.dispatcherA).knightTask.track({ assignmentId: a2 });
    expect(tr.position).toMatchObject({ lat: 32.1811111, lng: 118.9122222 });
    expect(await failure(caller(f.actors.memberB).knightTask.track({ assignmentId: a2 }))).toBe("FORBIDDEN");
    expect(await failure(caller(peer.actor).knightTask.track({ assignmentId: a2 }))).toBe("FORBIDDEN");
    expect(await failure(caller(f.actors.supplier).knightTask.track({ assignmentId: a2 }))).toBe("FORBIDDEN");
    expect(await canTrackTask(t.db, f.actors.dispatcherA, a2)).toBe(true);
    for (const who of [f.actors.memberB, peer.actor, k2.actor, f.actors.supplier]) expect(await canTrackTask(t.db, who, a2)).toBe(false);
    expect(await canTrackTask(t.db, f.actors.dispatcherA, assignmentId)).toBe(false);
    // The completed task of the first knight: no longer shared, even with its dispatcher.
    expect(await failure(caller(f.actors.dispatcherA).knightTask.track({ assignmentId }))).toBe("FORBIDDEN");
    expect(await failure(caller(f.actors.admin).knightTask.track({ assignmentId }))).toBe("FORBIDDEN");
  });
});
