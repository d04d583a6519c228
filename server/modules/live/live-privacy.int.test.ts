import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { LiveHub, type LiveEvent } from "@/server/modules/live/live-hub";
import { openLiveStream } from "@/server/modules/live/live-stream";
import { liveTopics } from "@/server/modules/live/live-topics";
import { startDispatch } from "@/server/modules/dispatch/dispatch-waves";
import { acceptKnightOffer } from "@/server/modules/dispatch/answer-knight-offer";
import { reportKnightPosition } from "@/server/modules/knights/knight-position";
import { createKnight, createKnightNeed, seedDispatchFixtures, type TestKnight } from "@/server/modules/dispatch/test-fixtures";

let t: TestDatabase;
let hub: LiveHub;
let f: Awaited<ReturnType<typeof seedDispatchFixtures>>;
let knights: TestKnight[];
let needId: string;
let assignmentId: string;
const exact: number[] = [];

/** Every number anywhere in a value. */
function numbersIn(v: unknown, out: number[] = []): number[] {
  if (typeof v === "number") out.push(v);
  else if (typeof v === "string" && /^-?\d+\.\d{5,}$/.test(v)) out.push(Number(v));
  else if (v && typeof v === "object") for (const x of Object.values(v)) numbersIn(x, out);
  return out;
}
const leaksExact = (data: unknown) => numbersIn(data).some((n) => exact.some((e) => Math.abs(n - e) < 1e-9));

beforeAll(async () => {
  t = await testDb();
  hub = new LiveHub({ url: t.url, log: () => {} });
  f = await seedDispatchFixtures(t.db);
  // Exact positions with many decimals, so any copy of one is recognisable.
  knights = [];
  for (let i = 0; i < 4; i++) knights.push(await createKnight(t.db, { lat: 32.0531234567 + i * 0.0071234, lng: 118.7912345678 + i * 0.0011111 }));
  for (const k of knights) exact.push(k.lat, k.lng);
  needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { quantity: 1 });
  await startDispatch(t.db, f.actors.dispatcherA, needId);
  const offer = await t.db.offer.findFirstOrThrow({ where: { needId, knightId: knights[0]!.id }, select: { id: true } });
  assignmentId = (await acceptKnightOffer(t.db, knights[0]!.actor, offer.id)).assignmentId!;
  const moved = { lat: 32.0555554321, lng: 118.7955554321 };
  exact.push(moved.lat, moved.lng);
  await reportKnightPosition(t.db, knights[0]!.actor, moved, new Date(Date.now() + 10 * 60_000));
});
afterAll(async () => {
  await hub.stop();
  await t.cleanup();
});

describe("exact knight positions in live events", () => {
  it("appear only on the task-track topic, in every event the dispatch flow published", async () => {
    const rows = await t.db.liveEvent.findMany({ select: { topic: true, kind: true, data: true } });
    expect(rows.some((r) => r.kind === "offer.new")).toBe(true);
    expect(rows.some((r) => r.kind === "offer.accepted")).toBe(true);
    // The check can fail: the knight's reported position is on its task's track topic.
    const track = rows.filter((r) => r.topic === liveTopics.taskTrack(assignmentId));
    expect(track.some((r) => leaksExact(r.data))).toBe(true);
    const leaks = rows.filter((r) => !r.topic.startsWith("track:") && leaksExact(r.data));
    expect(leaks).toEqual([]);
  });

  it("never reach a requester, a knight or an admin through their subscriptions (replayed from the start)", async () => {
    const read = async (actor: Parameters<typeof openLiveStream>[2], topics: string[]) => {
      const ac = new AbortController();
      const stream = await openLiveStream(t.db, hub, actor, { topics, lastEventId: "0" }, ac.signal);
      const got: LiveEvent[] = [];
      const total = await t.db.liveEvent.count({ where: { topic: { in: topics } } });
      if (total === 0) {
        ac.abort();
        return got;
      }
      for await (const e of stream) {
        got.push(e);
        if (got.length >= total) break;
      }
      ac.abort();
      return got;
    };
    const requester = await read(f.actors.memberA, [liveTopics.need(needId), liveTopics.incident(f.incidentId)]);
    const admin = await read(f.actors.admin, [liveTopics.command(), liveTopics.need(needId)]);
    // Knights offered the task (two per place) have offer events on their own topic.
    const knightsOwn = (await Promise.all(knights.map((k) => read(k.actor, [liveTopics.knight(k.id)])))).filter((e) => e.length > 0);
    expect(knightsOwn.length).toBeGreaterThanOrEqual(2);
    for (const events of [requester, admin, ...knightsOwn]) {
      expect(events.length).toBeGreaterThan(0);
      for (const e of events) expect(leaksExact(e.data)).toBe(false);
    }
    // The dispatcher of that task, on its track topic, does get it.
    const tracked = await read(f.actors.dispatcherA, [liveTopics.taskTrack(assignmentId)]);
    expect(tracked.some((e) => leaksExact(e.data))).toBe(true);
  });
});
