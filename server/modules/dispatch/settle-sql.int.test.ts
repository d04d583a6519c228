import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { env } from "@/lib/env";
import { verifyAuditChain } from "@/server/modules/audit/verify-audit-chain";
import { liveTopics } from "@/server/modules/live/live-topics";
import { DISPATCH_CONFIG, dispatchWaveKey } from "@/server/modules/dispatch/dispatch-config";
import { lockDispatchNeed, readDispatchNeed } from "@/server/modules/dispatch/dispatch-need";
import { dispatchStatus } from "@/server/modules/dispatch/dispatch-status";
import { startDispatch } from "@/server/modules/dispatch/dispatch-waves";
import { acceptKnightOffer } from "@/server/modules/dispatch/answer-knight-offer";
import { createKnight, createKnightNeed, liveEvents, northOf, seedDispatchFixtures, type TestKnight } from "@/server/modules/dispatch/test-fixtures";

// The accept settlement writes everything in one statement (settle-sql.ts): these check that it leaves exactly
// what the step-by-step helpers of the other flows would have left (status counts, timers, events, audit).
let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedDispatchFixtures>>;

beforeAll(async () => {
  t = await testDb();
  f = await seedDispatchFixtures(t.db);
});
afterAll(async () => t.cleanup());

async function offerIds(needId: string): Promise<Map<string, string>> {
  return new Map((await t.db.offer.findMany({ where: { needId }, select: { id: true, knightId: true } })).map((o) => [o.knightId, o.id]));
}

describe("lockDispatchNeed (lock + read in one statement)", () => {
  it("reads the need exactly as the Prisma read does, nullable knight-task fields and arrays included", async () => {
    const full = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, {
      pickupLat: 32.06, pickupLng: 118.79, pickupAddress: "鼓楼医院", cargoKg: 4.5, cargoVolumeL: 12,
      requiredVehicle: ["EBIKE", "CAR"], requiredTrainings: ["FIRST_AID"], unmetReason: "ALL_BUSY", quantity: 3,
    });
    const bare = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { taskKind: null, rewardPoints: null });
    for (const id of [full, bare]) {
      const locked = await t.db.$transaction((tx) => lockDispatchNeed(tx, id));
      expect(locked).toEqual(await readDispatchNeed(t.db, id));
    }
    await expect(t.db.$transaction((tx) => lockDispatchNeed(tx, "no-such-need"))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("one-statement accept settlement", () => {
  it("a partial and then a filling batch: assignments, timers, counts and every live event as the status read from the database says", async () => {
    const at = { lat: 34.2, lng: 119.9 };
    const ks: TestKnight[] = [];
    for (let i = 0; i < 8; i++) ks.push(await createKnight(t.db, northOf(0.2 + i * 0.05, at)));
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 3 });
    await startDispatch(t.db, f.actors.dispatcherA, needId, { config: { ...DISPATCH_CONFIG, offersPerSlot: 2 } });
    const byKnight = await offerIds(needId);
    expect(byKnight.size).toBe(6);
    const auditBefore = await t.db.auditEvent.count({ where: { action: "knightOffer.accept" } });

    // Batch 1 (one turn of the event loop): two places of three.
    const now1 = new Date();
    const first = await Promise.all(ks.slice(0, 2).map((k) => acceptKnightOffer(t.db, k.actor, byKnight.get(k.id)!, { now: now1 })));
    expect(first.map((r) => r.slotIndex)).toEqual([0, 1]);
    const partial = await readDispatchNeed(t.db, needId);
    expect(partial).toMatchObject({ status: "PARTIALLY_FILLED", qtyCommitted: 2 });
    // dispatch.updated carries the counts after the batch, to the need, its incident and the command centre.
    const expected1 = await dispatchStatus(t.db, partial, now1);
    expect(expected1).toMatchObject({ accepted: 2, pendingOffers: 4, slots: 3, wave: 1 });
    for (const topic of [liveTopics.need(needId), liveTopics.incident(f.incidentId), liveTopics.command()]) {
      expect((await liveEvents(t.db, topic, "dispatch.updated")).filter((d) => d.needId === needId).at(-1)).toEqual(expected1);
    }
    for (const [i, k] of ks.slice(0, 2).entries()) {
      const a = await t.db.assignment.findUniqueOrThrow({
        where: { id: first[i]!.assignmentId! },
        select: { knightId: true, status: true, quantity: true, unitIndex: true, taskStage: true, lastCheckInAt: true, acceptedAt: true, respondedAt: true, offeredAt: true },
      });
      const offer = await t.db.offer.findUniqueOrThrow({ where: { id: byKnight.get(k.id)! }, select: { status: true, slotIndex: true, respondedAt: true, sentAt: true } });
      expect(a).toEqual({ knightId: k.id, status: "ACCEPTED", quantity: 1, unitIndex: null, taskStage: "ACCEPTED", lastCheckInAt: now1, acceptedAt: now1, respondedAt: now1, offeredAt: offer.sentAt });
      expect(offer).toMatchObject({ status: "ACCEPTED", slotIndex: i, respondedAt: now1 });
      expect(await liveEvents(t.db, liveTopics.knight(k.id), "offer.accepted")).toEqual([{ offerId: byKnight.get(k.id), needId, assignmentId: first[i]!.assignmentId }]);
      const timer = await t.db.job.findUniqueOrThrow({ where: { key: `checkin:${first[i]!.assignmentId}` }, select: { queue: true, payload: true, runAt: true, doneAt: true } });
      expect(timer).toEqual({ queue: "knight.checkIn", payload: { assignmentId: first[i]!.assignmentId }, runAt: new Date(now1.getTime() + env.KNIGHT_CHECKIN_MINUTES * 60_000), doneAt: null });
    }
    expect(await t.db.offer.count({ where: { needId, status: "PENDING" } })).toBe(4);
    expect((await t.db.dispatchWave.findFirstOrThrow({ where: { needId } })).closedAt).toBeNull();

    // Batch 2: three claims for the last place; the first wins, the need fills, everyone else stands down.
    const now2 = new Date(now1.getTime() + 1000);
    const second = await Promise.all(
      ks.slice(2, 5).map((k) =>
        acceptKnightOffer(t.db, k.actor, byKnight.get(k.id)!, { now: now2 }).then(
          (r) => r.slotIndex,
          (e: { code?: string }) => e.code,
        ),
      ),
    );
    expect(second).toEqual([2, "CONFLICT", "CONFLICT"]);
    const filled = await readDispatchNeed(t.db, needId);
    expect(filled).toMatchObject({ status: "FILLED", qtyCommitted: 3 });
    const expected2 = await dispatchStatus(t.db, filled, now2);
    expect(expected2).toMatchObject({ accepted: 3, pendingOffers: 0, status: "FILLED" });
    expect((await liveEvents(t.db, liveTopics.need(needId), "dispatch.updated")).at(-1)).toEqual(expected2);
    const withdrawn = await t.db.offer.findMany({ where: { needId, status: "WITHDRAWN" }, select: { id: true, knightId: true } });
    expect(withdrawn).toHaveLength(3);
    for (const o of withdrawn) expect(await liveEvents(t.db, liveTopics.knight(o.knightId), "offer.withdrawn")).toEqual([{ offerId: o.id, needId, reason: "FILLED" }]);
    expect(await t.db.dispatchWave.findFirstOrThrow({ where: { needId }, select: { closedAt: true, closeReason: true } })).toEqual({ closedAt: now2, closeReason: "FILLED" });
    expect(await t.db.job.findUniqueOrThrow({ where: { key: dispatchWaveKey(needId) }, select: { doneAt: true, lastError: true } })).toEqual({ doneAt: now2, lastError: "cancelled" });

    // One audit row per winner, the filling one naming how many were stood down; the chain still verifies.
    const audits = await t.db.auditEvent.findMany({ where: { action: "knightOffer.accept", entityId: { in: [...byKnight.values()] } }, orderBy: { seq: "asc" }, select: { data: true } });
    expect(audits).toHaveLength(3);
    expect(await t.db.auditEvent.count({ where: { action: "knightOffer.accept" } })).toBe(auditBefore + 3);
    expect(audits.map((a) => (a.data as { withdrawn: number }).withdrawn)).toEqual([0, 0, 3]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});

describe("startDispatch publishes the counts it already knows", () => {
  it("offers and their events in one statement; dispatch.updated equals the status read back, whether offered at once or widened to unmet", async () => {
    const at = { lat: 35.2, lng: 119.9 };
    const ks: TestKnight[] = [];
    for (let i = 0; i < 5; i++) ks.push(await createKnight(t.db, northOf(0.2 + i * 0.05, at)));
    const now = new Date();
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 2 });
    const started = await startDispatch(t.db, f.actors.dispatcherA, needId, { now });
    const offers = await t.db.offer.findMany({ where: { needId }, select: { id: true, knightId: true, wave: true, status: true, sentAt: true, distanceBand: true } });
    expect(offers).toHaveLength(4);
    for (const o of offers) {
      expect(o).toMatchObject({ wave: 1, status: "PENDING", sentAt: now });
      expect(await liveEvents(t.db, liveTopics.knight(o.knightId), "offer.new")).toEqual([expect.objectContaining({ offerId: o.id, needId, distanceBand: o.distanceBand, wave: 1 })]);
    }
    const read = await dispatchStatus(t.db, await readDispatchNeed(t.db, needId), now);
    expect(read).toMatchObject({ wave: 1, pendingOffers: 4 });
    expect(started).toEqual(read);
    expect((await liveEvents(t.db, liveTopics.need(needId), "dispatch.updated")).at(-1)).toEqual(read);

    // Nobody anywhere near: the waves widen to the last radius at once and the dispatch ends unmet.
    const far = { lat: 20.1, lng: 100.1 };
    const lonely = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: far.lat, stagingLng: far.lng, quantity: 1 });
    const unmet = await startDispatch(t.db, f.actors.dispatcherA, lonely, { now });
    const readUnmet = await dispatchStatus(t.db, await readDispatchNeed(t.db, lonely), now);
    expect(readUnmet).toMatchObject({ pendingOffers: 0, unmet: true });
    expect(readUnmet.wave).toBeGreaterThan(1);
    expect(unmet).toEqual(readUnmet);
    expect((await liveEvents(t.db, liveTopics.need(lonely), "dispatch.updated")).at(-1)).toEqual(readUnmet);
  });
});
