import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createPrismaClient, type PrismaClient } from "@/server/db";
import { isAppError } from "@/server/errors";
import { verifyAuditChain } from "@/server/modules/audit/verify-audit-chain";
import { liveTopics } from "@/server/modules/live/live-topics";
import { DISPATCH_CONFIG, dispatchWaveKey } from "@/server/modules/dispatch/dispatch-config";
import { startDispatch } from "@/server/modules/dispatch/dispatch-waves";
import { acceptKnightOffer, declineKnightOffer, EXPIRED_MESSAGE, TAKEN_MESSAGE } from "@/server/modules/dispatch/answer-knight-offer";
import { cancelKnightTask, markKnightNoShow, withdrawFromKnightTask } from "@/server/modules/dispatch/cancel-task";
import { setKnightOnDuty } from "@/server/modules/knights/knight-profile";
import { createKnight, createKnightNeed, liveEvents, northOf, seedDispatchFixtures, type TestKnight } from "@/server/modules/dispatch/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedDispatchFixtures>>;
let area = 0;
const nextArea = () => ({ lat: 33.0 + 0.5 * area++, lng: 119.5 });

beforeAll(async () => {
  t = await testDb();
  f = await seedDispatchFixtures(t.db);
});
afterAll(async () => t.cleanup());

async function knightsAround(at: { lat: number; lng: number }, n: number, step = 0.1): Promise<TestKnight[]> {
  const out: TestKnight[] = [];
  for (let i = 0; i < n; i++) out.push(await createKnight(t.db, northOf(0.2 + i * step, at)));
  return out;
}

async function offerOf(needId: string, knightId: string) {
  return t.db.offer.findUniqueOrThrow({ where: { needId_knightId: { needId, knightId } }, select: { id: true, status: true, slotIndex: true } });
}

describe("accepting knight offers", () => {
  it("first accepts fill the slots; the last one stands every other offered knight down, live; late accepts are refused", async () => {
    const at = nextArea();
    const ks = await knightsAround(at, 6);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 2 });
    await startDispatch(t.db, f.actors.dispatcherA, needId);
    const offered = (await t.db.offer.findMany({ where: { needId }, select: { knightId: true } })).map((o) => o.knightId);
    expect(offered.sort()).toEqual(ks.slice(0, 4).map((k) => k.id).sort());

    const first = await acceptKnightOffer(t.db, ks[0]!.actor, (await offerOf(needId, ks[0]!.id)).id);
    expect(first).toMatchObject({ status: "ACCEPTED", slotIndex: 0 });
    expect(await t.db.need.findUniqueOrThrow({ where: { id: needId }, select: { status: true, qtyCommitted: true } })).toEqual({ status: "PARTIALLY_FILLED", qtyCommitted: 1 });
    expect(await liveEvents(t.db, liveTopics.knight(ks[0]!.id), "offer.accepted")).toEqual([{ offerId: first.offerId, needId, assignmentId: first.assignmentId }]);

    const second = await acceptKnightOffer(t.db, ks[1]!.actor, (await offerOf(needId, ks[1]!.id)).id);
    expect(second).toMatchObject({ status: "ACCEPTED", slotIndex: 1 });
    const assignments = await t.db.assignment.findMany({ where: { needId }, select: { knightId: true, status: true, quantity: true } });
    expect(assignments.sort((a, b) => a.knightId!.localeCompare(b.knightId!))).toEqual(
      [ks[0]!, ks[1]!].map((k) => ({ knightId: k.id, status: "ACCEPTED", quantity: 1 })).sort((a, b) => a.knightId.localeCompare(b.knightId)),
    );
    expect((await t.db.need.findUniqueOrThrow({ where: { id: needId } })).status).toBe("FILLED");

    // Stand-down reaches every other offered knight.
    for (const k of ks.slice(2, 4)) {
      const o = await offerOf(needId, k.id);
      expect(o.status).toBe("WITHDRAWN");
      expect(await liveEvents(t.db, liveTopics.knight(k.id), "offer.withdrawn")).toEqual([{ offerId: o.id, needId, reason: "FILLED" }]);
    }
    for (const k of ks.slice(0, 2)) expect(await liveEvents(t.db, liveTopics.knight(k.id), "offer.withdrawn")).toEqual([]);
    expect(await t.db.job.findUniqueOrThrow({ where: { key: dispatchWaveKey(needId) }, select: { doneAt: true, lastError: true } })).toMatchObject({ lastError: "cancelled" });
    expect((await t.db.dispatchWave.findFirstOrThrow({ where: { needId } })).closeReason).toBe("FILLED");

    await expect(acceptKnightOffer(t.db, ks[2]!.actor, (await offerOf(needId, ks[2]!.id)).id)).rejects.toMatchObject({ code: "CONFLICT", message: TAKEN_MESSAGE });
    await expect(acceptKnightOffer(t.db, ks[0]!.actor, first.offerId)).rejects.toMatchObject({ code: "CONFLICT" });
    // Another knight's offer is not yours.
    await expect(acceptKnightOffer(t.db, ks[5]!.actor, first.offerId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a decline passes the slot on at once to the next nearest eligible knight; an expired offer cannot be accepted", async () => {
    const at = nextArea();
    const ks = await knightsAround(at, 4);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 1 });
    await startDispatch(t.db, f.actors.dispatcherA, needId);
    expect((await t.db.offer.findMany({ where: { needId } })).map((o) => o.knightId).sort()).toEqual([ks[0]!.id, ks[1]!.id].sort());

    const declined = await declineKnightOffer(t.db, ks[0]!.actor, (await offerOf(needId, ks[0]!.id)).id, "电量不足");
    expect(declined.status).toBe("DECLINED");
    expect((await t.db.knightProfile.findUniqueOrThrow({ where: { id: ks[0]!.id } })).declinedCount).toBe(1);
    const next = await t.db.offer.findUniqueOrThrow({ where: { needId_knightId: { needId, knightId: ks[2]!.id } } });
    expect(next).toMatchObject({ status: "PENDING", wave: 1 });
    expect(await t.db.offer.count({ where: { needId, knightId: ks[3]!.id } })).toBe(0);
    await expect(declineKnightOffer(t.db, ks[0]!.actor, (await offerOf(needId, ks[0]!.id)).id)).rejects.toMatchObject({ code: "CONFLICT" });

    const later = new Date(next.expiresAt.getTime() + 1000);
    await expect(acceptKnightOffer(t.db, ks[2]!.actor, next.id, { now: later })).rejects.toMatchObject({ code: "CONFLICT", message: EXPIRED_MESSAGE });
  });

  it("over-acceptance is impossible: 40 knights accept at once on separate connections, K = 3", async () => {
    const at = nextArea();
    const ks = await knightsAround(at, 40, 0.05);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 3 });
    await startDispatch(t.db, f.actors.dispatcherA, needId, { config: { ...DISPATCH_CONFIG, offersPerSlot: 14 } });
    const offers = await t.db.offer.findMany({ where: { needId }, select: { id: true, knightId: true } });
    expect(offers).toHaveLength(40);
    const byKnight = new Map(offers.map((o) => [o.knightId, o.id]));
    const clients: PrismaClient[] = ks.map(() => createPrismaClient(t.url, 1));
    try {
      const results = await Promise.all(
        ks.map((k, i) =>
          acceptKnightOffer(clients[i]!, k.actor, byKnight.get(k.id)!).then(
            (r) => ({ ok: true as const, slot: r.slotIndex }),
            (e: unknown) => ({ ok: false as const, conflict: isAppError(e) && e.code === "CONFLICT" && e.message === TAKEN_MESSAGE, message: String(e) }),
          ),
        ),
      );
      const won = results.filter((r) => r.ok);
      const lost = results.filter((r) => !r.ok);
      expect(won).toHaveLength(3);
      expect(won.map((w) => w.slot).sort()).toEqual([0, 1, 2]);
      expect(lost).toHaveLength(37);
      expect(lost.every((l) => l.conflict)).toBe(true);
    } finally {
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
    expect(await t.db.assignment.count({ where: { needId } })).toBe(3);
    expect(await t.db.offer.count({ where: { needId, status: "ACCEPTED" } })).toBe(3);
    expect(await t.db.offer.count({ where: { needId, status: "PENDING" } })).toBe(0);
    expect(await t.db.need.findUniqueOrThrow({ where: { id: needId }, select: { qtyCommitted: true, status: true } })).toEqual({ qtyCommitted: 3, status: "FILLED" });
    // Every loser was stood down with exactly one event.
    const losers = (await t.db.offer.findMany({ where: { needId, status: "WITHDRAWN" }, select: { knightId: true } })).map((o) => o.knightId);
    expect(losers).toHaveLength(37);
    const withdrawnEvents = await t.db.liveEvent.count({ where: { kind: "offer.withdrawn", topic: { in: losers.map((k) => liveTopics.knight(k)) } } });
    expect(withdrawnEvents).toBe(37);
  }, 60_000);

  it("a burst on one instance is settled in batches: first come first served, one audit row per winner, clear answers for the rest", async () => {
    const at = nextArea();
    const ks = await knightsAround(at, 12, 0.05);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 4 });
    await startDispatch(t.db, f.actors.dispatcherA, needId, { config: { ...DISPATCH_CONFIG, offersPerSlot: 3 } });
    const byKnight = new Map((await t.db.offer.findMany({ where: { needId }, select: { id: true, knightId: true } })).map((o) => [o.knightId, o.id]));
    expect(byKnight.size).toBe(12);
    // ks[1] already has a live task over the window: its place must go to the next in line.
    const other = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 1 });
    await t.db.assignment.create({ data: { needId: other, knightId: ks[1]!.id, status: "ACCEPTED", unitIndex: null, windowStart: new Date(), windowEnd: new Date(Date.now() + 9 * 3_600_000) } });
    const auditBefore = await t.db.auditEvent.count({ where: { action: "knightOffer.accept" } });

    // All submitted in one turn of the event loop through the same client: one batch, decided in this order.
    const order = [ks[0]!, ks[1]!, ks[0]!, ...ks.slice(2)];
    const results = await Promise.all(
      order.map((k) =>
        acceptKnightOffer(t.db, k.actor, byKnight.get(k.id)!).then(
          (r) => ({ knight: k.id, slot: r.slotIndex, message: null as string | null }),
          (e: unknown) => ({ knight: k.id, slot: null, message: isAppError(e) ? e.message : String(e) }),
        ),
      ),
    );
    expect(results.map((r) => r.slot)).toEqual([0, null, null, 1, 2, 3, ...Array(7).fill(null)]);
    expect(results[1]!.message).toBe("You already have a task at that time.");
    expect(results[2]!.message).toBe("You already accepted this offer.");
    expect(results.slice(6).every((r) => r.message === TAKEN_MESSAGE)).toBe(true);

    expect(await t.db.need.findUniqueOrThrow({ where: { id: needId }, select: { qtyCommitted: true, status: true } })).toEqual({ qtyCommitted: 4, status: "FILLED" });
    const tasks = await t.db.assignment.findMany({ where: { needId }, select: { knightId: true, taskStage: true, lastCheckInAt: true } });
    expect(tasks.map((a) => a.knightId).sort()).toEqual([ks[0]!.id, ks[2]!.id, ks[3]!.id, ks[4]!.id].sort());
    expect(tasks.every((a) => a.taskStage === "ACCEPTED" && a.lastCheckInAt !== null)).toBe(true);
    // every winner's safety timer is armed
    expect(await t.db.job.count({ where: { queue: "knight.checkIn", key: { in: (await t.db.assignment.findMany({ where: { needId }, select: { id: true } })).map((a) => `checkin:${a.id}`) } } })).toBe(4);
    expect(await t.db.auditEvent.count({ where: { action: "knightOffer.accept" } })).toBe(auditBefore + 4);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    // the losers still pending were stood down (ks[1]'s offer too: it could not take a place)
    expect(await t.db.offer.count({ where: { needId, status: "PENDING" } })).toBe(0);
    expect(await t.db.offer.count({ where: { needId, status: "WITHDRAWN" } })).toBe(8);
  });

  it("a batch the database refuses for one knight is settled again one by one: that knight is told, the others still win", async () => {
    const at = nextArea();
    const ks = await knightsAround(at, 4, 0.05);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 2 });
    await startDispatch(t.db, f.actors.dispatcherA, needId);
    const byKnight = new Map((await t.db.offer.findMany({ where: { needId }, select: { id: true, knightId: true } })).map((o) => [o.knightId, o.id]));
    // Stands in for a race no pre-check can see (the knight took another task in the same instant): the
    // database refuses ks[0]'s assignment with the exclusion constraint's error.
    await t.db.$executeRawUnsafe(`
      CREATE FUNCTION test_refuse_knight() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.knight_id = '${ks[0]!.id}' THEN
          RAISE EXCEPTION 'conflicting key value violates exclusion constraint "assignment_knight_no_overlap"' USING ERRCODE = '23P01';
        END IF;
        RETURN NEW;
      END $$`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER test_refuse_knight BEFORE INSERT ON assignment FOR EACH ROW EXECUTE FUNCTION test_refuse_knight()`);
    try {
      const results = await Promise.all(
        ks.slice(0, 3).map((k) =>
          acceptKnightOffer(t.db, k.actor, byKnight.get(k.id)!).then(
            (r) => ({ slot: r.slotIndex, message: null as string | null }),
            (e: unknown) => ({ slot: null, message: isAppError(e) ? e.message : String(e) }),
          ),
        ),
      );
      expect(results).toEqual([
        { slot: null, message: "You already have a task at that time." },
        { slot: 0, message: null },
        { slot: 1, message: null },
      ]);
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER test_refuse_knight ON assignment`);
      await t.db.$executeRawUnsafe(`DROP FUNCTION test_refuse_knight()`);
    }
    expect(await t.db.need.findUniqueOrThrow({ where: { id: needId }, select: { qtyCommitted: true, status: true } })).toEqual({ qtyCommitted: 2, status: "FILLED" });
    expect((await offerOf(needId, ks[0]!.id)).status).toBe("WITHDRAWN");
  });

  it("the race is real: a naive check-then-insert accept without the need lock over-accepts", async () => {
    // Proves the concurrency test above can fail: clients that count then insert without locking anything take
    // more than K = 3 places when their reads interleave. The interleaving is forced (every client has read before
    // any inserts) so a loaded machine cannot serialise them by chance and hide the race.
    await t.db.$executeRawUnsafe(`CREATE TABLE naive_accept (slot_holder text PRIMARY KEY)`);
    const clients: PrismaClient[] = Array.from({ length: 8 }, () => createPrismaClient(t.url, 1));
    let read = 0;
    let allRead!: () => void;
    const everyoneRead = new Promise<void>((r) => (allRead = r));
    try {
      await Promise.all(
        clients.map((c, i) =>
          c.$transaction(async (tx) => {
            const [{ n }] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM naive_accept`;
            if (++read === clients.length) allRead();
            await everyoneRead;
            if (n < 3) await tx.$executeRaw`INSERT INTO naive_accept (slot_holder) VALUES (${`k${i}`})`;
          }, { timeout: 60_000, maxWait: 30_000 }),
        ),
      );
    } finally {
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
    const [{ n }] = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM naive_accept`;
    expect(n).toBe(clients.length);
  }, 120_000);

  it("the database refuses a second ACCEPTED offer on one slot (backstop) and overlapping live tasks of one knight", async () => {
    const at = nextArea();
    const [a, b] = await knightsAround(at, 2);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 2 });
    await startDispatch(t.db, f.actors.dispatcherA, needId);
    await t.db.offer.update({ where: { needId_knightId: { needId, knightId: a!.id } }, data: { status: "ACCEPTED", slotIndex: 0 } });
    await expect(t.db.offer.update({ where: { needId_knightId: { needId, knightId: b!.id } }, data: { status: "ACCEPTED", slotIndex: 0 } })).rejects.toThrow();

    const other = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 1 });
    await t.db.assignment.create({ data: { needId: other, knightId: b!.id, status: "ACCEPTED", unitIndex: null, windowStart: new Date(), windowEnd: new Date(Date.now() + 9 * 3_600_000) } });
    // b's pending offer on `needId` predates that task: accepting now must be refused, not double-book.
    await expect(acceptKnightOffer(t.db, b!.actor, (await offerOf(needId, b!.id)).id)).rejects.toMatchObject({ code: "CONFLICT", message: "You already have a task at that time." });
  });

  it("cancel, no-show and withdraw free the slot and re-dispatch; the knight is told", async () => {
    const at = nextArea();
    const ks = await knightsAround(at, 6);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 1 });
    await startDispatch(t.db, f.actors.dispatcherA, needId);
    const won = await acceptKnightOffer(t.db, ks[0]!.actor, (await offerOf(needId, ks[0]!.id)).id);
    expect((await t.db.need.findUniqueOrThrow({ where: { id: needId } })).status).toBe("FILLED");

    await expect(markKnightNoShow(t.db, f.actors.memberB, { assignmentId: won.assignmentId! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(markKnightNoShow(t.db, ks[1]!.actor, { assignmentId: won.assignmentId! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const res = await markKnightNoShow(t.db, f.actors.dispatcherA, { assignmentId: won.assignmentId!, reason: "未到取货点" });
    expect(res.dispatch).toMatchObject({ status: "OPEN", accepted: 0, wave: 2, radiusKm: 3 });
    expect((await t.db.assignment.findUniqueOrThrow({ where: { id: won.assignmentId! } })).status).toBe("CANCELLED");
    expect((await t.db.knightProfile.findUniqueOrThrow({ where: { id: ks[0]!.id } })).noShowCount).toBe(1);
    expect(await liveEvents(t.db, liveTopics.knight(ks[0]!.id), "task.cancelled")).toEqual([{ assignmentId: won.assignmentId, needId, title: "送药到安置点", reason: "NO_SHOW" }]);
    const cancelledNote = async (k: TestKnight) =>
      (await t.db.notification.findMany({ where: { userId: k.userId, kind: "knight.taskCancelled" }, select: { payload: true } })).map((n) => (n.payload as { reason: string }).reason);
    expect(await cancelledNote(ks[0]!)).toEqual(["NO_SHOW"]);
    // The new wave offers knights never offered before (ks[1] was stood down in wave 1, so it is skipped).
    const wave2 = (await t.db.offer.findMany({ where: { needId, wave: 2 }, select: { knightId: true } })).map((o) => o.knightId).sort();
    expect(wave2).toEqual([ks[2]!.id, ks[3]!.id].sort());

    const again = await acceptKnightOffer(t.db, ks[2]!.actor, (await offerOf(needId, ks[2]!.id)).id);
    expect(again.slotIndex).toBe(0);
    const withdrawn = await withdrawFromKnightTask(t.db, ks[2]!.actor, { assignmentId: again.assignmentId! });
    expect(withdrawn.dispatch).toMatchObject({ accepted: 0, status: "OPEN" });
    const third = await t.db.offer.findMany({ where: { needId, wave: 3 }, select: { knightId: true } });
    expect(third.map((o) => o.knightId).sort()).toEqual([ks[4]!.id, ks[5]!.id].sort());
    const last = await acceptKnightOffer(t.db, ks[4]!.actor, (await offerOf(needId, ks[4]!.id)).id);
    const cancelled = await cancelKnightTask(t.db, f.actors.dispatcherA, { assignmentId: last.assignmentId!, reason: "任务变更" });
    expect(cancelled.status).toBe("CANCELLED");
    expect(await cancelledNote(ks[4]!)).toEqual(["CANCELLED"]);
    expect(await cancelledNote(ks[2]!)).toEqual([]); // withdrew by themself: nothing to tell
    expect((await t.db.need.findUniqueOrThrow({ where: { id: needId } })).qtyCommitted).toBe(0);
    await expect(cancelKnightTask(t.db, f.actors.dispatcherA, { assignmentId: last.assignmentId! })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a knight going off duty in the app stands down their pending offers, and the place passes on", async () => {
    const at = nextArea();
    const ks = await knightsAround(at, 3);
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 1 });
    await startDispatch(t.db, f.actors.dispatcherA, needId);
    const before = await offerOf(needId, ks[0]!.id);
    expect(before.status).toBe("PENDING");
    expect((await offerOf(needId, ks[1]!.id)).status).toBe("PENDING");

    await setKnightOnDuty(t.db, ks[0]!.actor, { onDuty: false });
    expect((await offerOf(needId, ks[0]!.id)).status).toBe("WITHDRAWN");
    expect(await liveEvents(t.db, liveTopics.knight(ks[0]!.id), "offer.withdrawn")).toEqual([{ offerId: before.id, needId, reason: "CANCELLED" }]);
    // the third knight (not offered in wave 1 with 2 × K = 2 places) now gets the freed offer
    expect((await offerOf(needId, ks[2]!.id)).status).toBe("PENDING");
    await expect(acceptKnightOffer(t.db, ks[0]!.actor, before.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
