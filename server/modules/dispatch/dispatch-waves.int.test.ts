import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { countStatements } from "@/tests/helpers/count-statements";
import { liveTopics } from "@/server/modules/live/live-topics";
import { createPrismaClient } from "@/server/db";
import { claimJobs, runJobs } from "@/server/jobs/queue";
import { allJobHandlers } from "@/server/jobs/worker";
import { DISPATCH_WAVE_QUEUE, dispatchWaveKey } from "@/server/modules/dispatch/dispatch-config";
import { runDispatchWave, startDispatch } from "@/server/modules/dispatch/dispatch-waves";
import { createKnight, createKnightNeed, liveEvents, northOf, offeredByWave, seedDispatchFixtures } from "@/server/modules/dispatch/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedDispatchFixtures>>;
// Each test works around its own point, 0.5° (≈55 km) apart, so their knights never meet.
let area = 0;
const nextArea = () => ({ lat: 31.0 + 0.5 * area++, lng: 118.79 });

beforeAll(async () => {
  t = await testDb();
  f = await seedDispatchFixtures(t.db);
});
afterAll(async () => t.cleanup());

const sec = (d: Date, s: number) => new Date(d.getTime() + s * 1000);

describe("dispatch waves", () => {
  it("widen 3 → 6 → 12 km on each timeout, skip knights offered before, and stop at the maximum radius with unmet demand", async () => {
    const at = nextArea();
    const T0 = new Date();
    const k2 = await createKnight(t.db, northOf(2, at), { positionAt: T0 });
    const k5 = await createKnight(t.db, northOf(5, at), { positionAt: T0 });
    const k10 = await createKnight(t.db, northOf(10, at), { positionAt: T0 });
    const k20 = await createKnight(t.db, northOf(20, at), { positionAt: T0 });
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 1 });

    const s1 = await startDispatch(t.db, f.actors.dispatcherA, needId, { now: T0 });
    expect(s1).toMatchObject({ wave: 1, radiusKm: 3, slots: 1, accepted: 0, pendingOffers: 1, status: "OPEN", unmet: false });
    expect(await offeredByWave(t.db, needId)).toEqual({ 1: [k2.id] });
    const job = await t.db.job.findUniqueOrThrow({ where: { key: dispatchWaveKey(needId) }, select: { runAt: true, payload: true, doneAt: true } });
    expect(job).toMatchObject({ runAt: sec(T0, 60), payload: { needId, wave: 1 }, doneAt: null });
    const firstOffer = await t.db.offer.findFirstOrThrow({ where: { needId, knightId: k2.id } });
    expect(firstOffer).toMatchObject({ distanceBand: "1–3 km", expiresAt: sec(T0, 60), status: "PENDING" });
    expect(await liveEvents(t.db, liveTopics.knight(k2.id), "offer.new")).toEqual([
      expect.objectContaining({ offerId: firstOffer.id, needId, distanceBand: "1–3 km", wave: 1, expiresAt: sec(T0, 60).toISOString(), rewardPoints: 20 }),
    ]);

    // A timer that fires before the wave ends changes nothing.
    expect(await runDispatchWave(t.db, needId, 1, { now: sec(T0, 30) })).toBe("early");
    expect(await offeredByWave(t.db, needId)).toEqual({ 1: [k2.id] });

    expect(await runDispatchWave(t.db, needId, 1, { now: sec(T0, 61) })).toBe("widened");
    expect(await offeredByWave(t.db, needId)).toEqual({ 1: [k2.id], 2: [k5.id] });
    expect((await t.db.offer.findFirstOrThrow({ where: { needId, knightId: k2.id } })).status).toBe("EXPIRED");
    expect(await liveEvents(t.db, liveTopics.knight(k2.id), "offer.withdrawn")).toEqual([{ offerId: firstOffer.id, needId, reason: "EXPIRED" }]);
    expect((await t.db.job.findUniqueOrThrow({ where: { key: dispatchWaveKey(needId) } })).payload).toEqual({ needId, wave: 2 });

    // The old wave's timer is stale now.
    expect(await runDispatchWave(t.db, needId, 1, { now: sec(T0, 200) })).toBe("stale");

    expect(await runDispatchWave(t.db, needId, 2, { now: sec(T0, 122) })).toBe("widened");
    expect(await offeredByWave(t.db, needId)).toEqual({ 1: [k2.id], 2: [k5.id], 3: [k10.id] });

    expect(await runDispatchWave(t.db, needId, 3, { now: sec(T0, 183) })).toBe("unmet");
    const waves = await t.db.dispatchWave.findMany({ where: { needId }, orderBy: { wave: "asc" }, select: { wave: true, radiusKm: true, closeReason: true } });
    expect(waves).toEqual([
      { wave: 1, radiusKm: 3, closeReason: "WIDENED" },
      { wave: 2, radiusKm: 6, closeReason: "WIDENED" },
      { wave: 3, radiusKm: 12, closeReason: "UNMET" },
    ]);
    const need = await t.db.need.findUniqueOrThrow({ where: { id: needId }, select: { status: true, unmetReason: true, unmetNote: true } });
    expect(need.status).toBe("OPEN");
    expect(need.unmetReason).toBe("ALL_BUSY");
    expect(need.unmetNote).toContain("3 knights offered");
    expect(await t.db.offer.count({ where: { needId, knightId: k20.id } })).toBe(0);
    const notes = await t.db.notification.findMany({ where: { userId: f.actors.dispatcherA.userId, kind: "dispatch.unmet" }, select: { payload: true } });
    expect(notes.map((n) => (n.payload as { needId: string }).needId)).toContain(needId);
    const updates = await liveEvents(t.db, liveTopics.need(needId), "dispatch.updated");
    expect(updates.at(-1)).toMatchObject({ needId, wave: 3, radiusKm: 12, unmet: true, pendingOffers: 0 });
    expect(await liveEvents(t.db, liveTopics.incident(f.incidentId), "dispatch.updated")).toEqual(expect.arrayContaining([updates.at(-1)]));
    // Nothing more is offered after the stop.
    expect(await runDispatchWave(t.db, needId, 3, { now: sec(T0, 300) })).toBe("stale");
  });

  it("a radius with nobody to offer widens at once; nobody within the maximum → NO_SUPPLIER_IN_RANGE without waiting", async () => {
    const at = nextArea();
    const k4 = await createKnight(t.db, northOf(4, at));
    const near = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, maxDistanceKm: 5 });
    expect(await startDispatch(t.db, f.actors.dispatcherA, near)).toMatchObject({ wave: 2, radiusKm: 5, pendingOffers: 1 });
    expect(await offeredByWave(t.db, near)).toEqual({ 2: [k4.id] });

    const empty = nextArea();
    const none = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: empty.lat, stagingLng: empty.lng, maxDistanceKm: 5 });
    expect(await startDispatch(t.db, f.actors.dispatcherA, none)).toMatchObject({ wave: 2, radiusKm: 5, pendingOffers: 0, unmet: true });
    expect(await t.db.need.findUniqueOrThrow({ where: { id: none }, select: { unmetReason: true } })).toEqual({ unmetReason: "NO_SUPPLIER_IN_RANGE" });
    expect(await t.db.job.count({ where: { key: dispatchWaveKey(none), doneAt: null } })).toBe(0);
  });

  it("offers 2×K nearest eligible knights only: duty, freshness, vehicle, payload, trainings, suspension, busy", async () => {
    const at = nextArea();
    const deadline = new Date(Date.now() + 2 * 3_600_000);
    const ok = await createKnight(t.db, northOf(1.0, at), { vehicle: "CAR", payloadKg: 200, trainings: [{ code: "FIRST_AID", validUntil: null }] });
    const ok2 = await createKnight(t.db, northOf(2.5, at), { vehicle: "VAN", payloadKg: 600, trainings: [{ code: "FIRST_AID", validUntil: new Date(deadline.getTime() + 86_400_000) }] });
    const excluded = await Promise.all([
      createKnight(t.db, northOf(0.2, at), { vehicle: "CAR", payloadKg: 200, trainings: [{ code: "FIRST_AID" }], onDuty: false }),
      createKnight(t.db, northOf(0.3, at), { vehicle: "CAR", payloadKg: 200, trainings: [{ code: "FIRST_AID" }], positionAt: new Date(Date.now() - 11 * 60_000) }),
      createKnight(t.db, northOf(0.4, at), { vehicle: "EBIKE", payloadKg: 200, trainings: [{ code: "FIRST_AID" }] }),
      createKnight(t.db, northOf(0.5, at), { vehicle: "CAR", payloadKg: 40, trainings: [{ code: "FIRST_AID" }] }),
      createKnight(t.db, northOf(0.6, at), { vehicle: "CAR", payloadKg: 200, trainings: [{ code: "FIRST_AID", validUntil: new Date(deadline.getTime() - 60_000) }] }),
      createKnight(t.db, northOf(0.7, at), { vehicle: "CAR", payloadKg: 200 }),
      createKnight(t.db, northOf(0.8, at), { vehicle: "CAR", payloadKg: 200, trainings: [{ code: "FIRST_AID" }], status: "SUSPENDED" }),
      createKnight(t.db, northOf(0.9, at), { vehicle: "CAR", payloadKg: 200, trainings: [{ code: "FIRST_AID" }] }),
    ]);
    const busy = excluded.at(-1)!;
    const other = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat + 0.2, stagingLng: at.lng });
    await t.db.assignment.create({
      data: { needId: other, knightId: busy.id, status: "ACCEPTED", quantity: 1, unitIndex: null, windowStart: new Date(), windowEnd: new Date(Date.now() + 5 * 3_600_000) },
    });
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, {
      stagingLat: at.lat, stagingLng: at.lng, quantity: 3, neededBy: deadline, taskKind: "DELIVERY", pickupLat: at.lat, pickupLng: at.lng,
      pickupAddress: "仓库", cargoKg: 100, requiredVehicle: ["CAR", "VAN"], requiredTrainings: ["FIRST_AID"],
    });
    const s = await startDispatch(t.db, f.actors.dispatcherA, needId);
    // 2×K = 6 wanted, only two eligible in 3 km.
    expect(s).toMatchObject({ wave: 1, pendingOffers: 2 });
    expect(await offeredByWave(t.db, needId)).toEqual({ 1: [ok.id, ok2.id].sort() });
  });

  it("only the task's dispatchers start it, once, and only a live knight task", async () => {
    const at = nextArea();
    await createKnight(t.db, northOf(1, at));
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng });
    await expect(startDispatch(t.db, f.actors.memberB, needId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(startDispatch(t.db, f.actors.supplier, needId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await startDispatch(t.db, f.actors.memberA, needId);
    await expect(startDispatch(t.db, f.actors.admin, needId)).rejects.toMatchObject({ code: "CONFLICT", message: "This task is already being dispatched." });
    const draft = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { status: "DRAFT" });
    await expect(startDispatch(t.db, f.actors.dispatcherA, draft)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a restart mid-wave resumes the timer: the wave job is a row, a new worker picks it up after the old one died holding it", async () => {
    const at = nextArea();
    const near = await createKnight(t.db, northOf(1, at));
    const farther = await createKnight(t.db, northOf(4, at));
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng });
    // Started 61 s ago: wave 1 has just timed out.
    await startDispatch(t.db, f.actors.dispatcherA, needId, { now: new Date(Date.now() - 61_000) });
    expect(await offeredByWave(t.db, needId)).toEqual({ 1: [near.id] });

    // Worker A claims the timer and dies before running it (its process and connection are gone).
    const a = createPrismaClient(t.url, 1);
    const claimed = await claimJobs(a, { queues: [DISPATCH_WAVE_QUEUE], handlers: {}, workerId: "worker-A" });
    expect(claimed.map((j) => j.payload)).toContainEqual({ needId, wave: 1 });
    await a.$disconnect();
    expect(await offeredByWave(t.db, needId)).toEqual({ 1: [near.id] });

    // A fresh worker B (new client, as after a restart) takes over the expired lease and runs the wave.
    const b = createPrismaClient(t.url, 2);
    try {
      await runJobs(b, { queues: [DISPATCH_WAVE_QUEUE], handlers: allJobHandlers(b), workerId: "worker-B", lockTimeoutSeconds: 0 });
    } finally {
      await b.$disconnect();
    }
    expect(await offeredByWave(t.db, needId)).toEqual({ 1: [near.id], 2: [farther.id] });
    const job = await t.db.job.findUniqueOrThrow({ where: { key: dispatchWaveKey(needId) }, select: { payload: true, doneAt: true, runAt: true, lastError: true } });
    // Re-armed for wave 2 (the handler re-keyed the same row), in the future, not finished.
    expect(job.payload).toEqual({ needId, wave: 2 });
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(job.lastError).toBeNull();
    expect(job.doneAt).toBeNull();
  });
});

describe("startDispatch round trips", () => {
  it("locks, checks scope and reads the zones in one statement; the wave, offers, events and timer in one more (10 in all)", async () => {
    const at = nextArea();
    const knights = [];
    for (let i = 0; i < 5; i++) knights.push(await createKnight(t.db, northOf(0.5 + i * 0.3, at)));
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 2 });
    const T0 = new Date();
    const { result, statements } = await countStatements(() => startDispatch(t.db, f.actors.dispatcherA, needId, { now: T0 }));
    // BEGIN, lock (+ scope + zones), waves and pending offers, candidates (between bitmap scans off and on again:
    // find-offerable-knights.ts), the wave's one write, audit lock + row, COMMIT
    expect(statements.length).toBe(10);
    expect(result).toEqual({ needId, wave: 1, radiusKm: 3, slots: 2, accepted: 0, pendingOffers: 4, status: "OPEN", unmet: false });
    // The one write: the wave, 2×K offers to the nearest, their offer.new, the timer, then dispatch.updated after them.
    expect(await offeredByWave(t.db, needId)).toEqual({ 1: knights.slice(0, 4).map((k) => k.id).sort() });
    expect(await t.db.dispatchWave.findMany({ where: { needId }, select: { wave: true, radiusKm: true, closedAt: true, endsAt: true } })).toEqual([
      { wave: 1, radiusKm: 3, closedAt: null, endsAt: sec(T0, 60) },
    ]);
    expect(await t.db.job.findUniqueOrThrow({ where: { key: dispatchWaveKey(needId) }, select: { runAt: true, payload: true, doneAt: true } })).toEqual({
      runAt: sec(T0, 60), payload: { needId, wave: 1 }, doneAt: null,
    });
    const events = await t.db.liveEvent.findMany({
      where: { OR: [{ topic: liveTopics.need(needId) }, ...knights.map((k) => ({ topic: liveTopics.knight(k.id) }))] },
      orderBy: { id: "asc" }, select: { kind: true, topic: true, data: true },
    });
    expect(events.map((e) => e.kind)).toEqual(["offer.new", "offer.new", "offer.new", "offer.new", "dispatch.updated"]);
    expect(events.at(-1)!.data).toEqual(result);
    expect(await t.db.auditEvent.count({ where: { entityId: needId, action: "dispatch.start" } })).toBe(1);
  });

  it("a need outside the caller's scope is not found and not locked; a resource need is refused before anything is written", async () => {
    const at = nextArea();
    await createKnight(t.db, northOf(1, at));
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng });
    // Another session holds the need's lock: an out-of-scope caller is answered at once instead of waiting on it.
    const holder = createPrismaClient(t.url, 1);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const holding = holder.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM need WHERE id = ${needId} FOR UPDATE`;
      await held;
    });
    try {
      await new Promise((r) => setTimeout(r, 200));
      await expect(startDispatch(t.db, f.actors.memberB, needId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    } finally {
      release();
      await holding;
      await holder.$disconnect();
    }
    const resource = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { category: "MATERIAL" });
    await expect(startDispatch(t.db, f.actors.dispatcherA, resource)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.dispatchWave.count({ where: { needId: { in: [needId, resource] } } })).toBe(0);
  });
});
