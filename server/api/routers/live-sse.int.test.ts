import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { openTrpcSse, readSse, sseData, type SseMessage } from "@/tests/helpers/sse";
import type { Actor } from "@/server/auth/actor-type";
import type { TLiveEventDto } from "@/lib/schemas/live";
import { publishLive } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import { stopLiveHub } from "@/server/modules/live/live-hub";
import { notify } from "@/server/modules/notifications/notify";
import { createNeed, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;
let knightActor: Actor;
let knightProfileId: string;
let otherKnight: Actor;
let assignmentId: string;

beforeAll(async () => {
  t = await testDb();
  f = await seedOfferFixtures(t.db);
  const mk = async (email: string) => {
    const u = await t.db.user.create({ data: { email, name: email, kind: "KNIGHT" }, select: { id: true } });
    const p = await t.db.knightProfile.create({
      data: { userId: u.id, vehicle: "EBIKE", payloadKg: 20, homeDistrictCode: "320102", onDuty: true, lastLat: 32.0512345, lastLng: 118.7812345 },
      select: { id: true },
    });
    return { actor: { via: "session", userId: u.id, roles: ["KNIGHT"], memberships: [] } as Actor, profileId: p.id };
  };
  const k = await mk("k@sse.test");
  knightActor = k.actor;
  knightProfileId = k.profileId;
  otherKnight = (await mk("k2@sse.test")).actor;
  const needId = await createNeed(t.db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId);
  assignmentId = (
    await t.db.assignment.create({
      data: { needId, knightId: knightProfileId, unitIndex: null, status: "EN_ROUTE", windowStart: new Date(), windowEnd: new Date(Date.now() + 3600_000) },
      select: { id: true },
    })
  ).id;
});
afterAll(async () => {
  await stopLiveHub();
  await t.cleanup();
});

type Stream = { next: (n?: number) => Promise<SseMessage[]>; close: () => void };

/** Opens live.events over SSE and returns a reader of tracked data messages (pings skipped). */
async function subscribe(actor: Actor | null, topics: string[], lastEventId?: string): Promise<Stream & { status: number; contentType: string | null }> {
  const ac = new AbortController();
  const res = await openTrpcSse({ db: t.db, actor, path: "live.events", input: { topics }, lastEventId, signal: ac.signal });
  const it = readSse(res.body!);
  return {
    status: res.status,
    contentType: res.headers.get("content-type"),
    async next(n = 1) {
      const out: SseMessage[] = [];
      while (out.length < n) {
        const r = await it.next();
        if (r.done) break;
        if (r.value.event === "ping" || r.value.event === "connected") continue;
        out.push(r.value);
      }
      return out;
    },
    close() {
      ac.abort();
      void it.return(undefined);
    },
  };
}

const publish = (topic: string, kind: string, data: Record<string, unknown>) => t.db.$transaction((tx) => publishLive(tx, [{ topic, kind, data }]));
const events = (msgs: SseMessage[]) => msgs.map((m) => ({ sseId: m.id, ...sseData<TLiveEventDto>(m) }));
/** Let the subscription register with the hub before publishing (the stream opens asynchronously). */
const settle = () => new Promise((r) => setTimeout(r, 300));

/** Every key anywhere in a value, to assert on response shapes. */
function keysOf(v: unknown, out = new Set<string>()): Set<string> {
  if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keysOf(x, out);
    }
  }
  return out;
}

describe("live.events over SSE through the tRPC fetch handler", () => {
  it("streams a knight's offers with SSE ids, and resumes after a reconnect with Last-Event-ID", async () => {
    const topic = liveTopics.knight(knightProfileId);
    const s1 = await subscribe(knightActor, [topic]);
    expect(s1.status).toBe(200);
    expect(s1.contentType).toContain("text/event-stream");
    await settle();
    for (const n of [1, 2, 3]) await publish(topic, "offer.new", { n, offerId: `o${n}` });
    const first = events(await s1.next(3));
    expect(first.map((e) => e.data.n)).toEqual([1, 2, 3]);
    expect(first.map((e) => e.sseId)).toEqual(first.map((e) => e.id)); // SSE id = live_event id = resume cursor
    expect(first.every((e) => e.topic === topic && e.kind === "offer.new")).toBe(true);
    s1.close();

    for (const n of [4, 5, 6]) await publish(topic, n === 5 ? "offer.withdrawn" : "offer.new", { n });
    const s2 = await subscribe(knightActor, [topic], first[2]!.sseId);
    const resumed = events(await s2.next(3));
    expect(resumed.map((e) => e.data.n)).toEqual([4, 5, 6]);
    expect(resumed[1]!.kind).toBe("offer.withdrawn");
    await publish(topic, "offer.new", { n: 7 });
    expect(events(await s2.next(1)).map((e) => e.data.n)).toEqual([7]);
    s2.close();
  });

  it("refuses another knight's topic and a track topic of another organisation (FORBIDDEN), and anonymous callers", async () => {
    const cases: [Actor | null, string, string][] = [
      [otherKnight, liveTopics.knight(knightProfileId), "FORBIDDEN"],
      [f.actors.memberB, liveTopics.taskTrack(assignmentId), "FORBIDDEN"],
      [f.actors.supplier, liveTopics.need("x"), "FORBIDDEN"],
      [f.actors.admin, "bogus:1", "FORBIDDEN"],
      [null, liveTopics.command(), "UNAUTHORIZED"],
    ];
    for (const [actor, topic, code] of cases) {
      const s = await subscribe(actor, [topic]);
      const [msg] = await s.next(1);
      expect(msg!.event).toBe("serialized-error");
      expect(JSON.parse(msg!.data)).toMatchObject({ json: { data: { code } } });
      s.close();
    }
  });

  it("delivers exact positions only on the task-track topic, and stops when the task ends", async () => {
    // Publishing an exact knight position on any other topic is refused outright.
    await expect(publish(liveTopics.need("n"), "task.position", { lastLat: 32.05, lastLng: 118.78 })).rejects.toThrow(/exact position/);
    await expect(publish(liveTopics.knight(knightProfileId), "x", { nested: [{ knightLat: 1 }] })).rejects.toThrow(/exact position/);

    const track = liveTopics.taskTrack(assignmentId);
    const incident = liveTopics.incident(f.incidentId);
    const dispatcher = await subscribe(f.actors.dispatcherA, [track, incident]);
    const member = await subscribe(f.actors.memberA, [incident]);
    await settle();
    await publish(track, "knight.position", { assignmentId, lat: 32.0512345, lng: 118.7812345 });
    await publish(incident, "task.updated", { assignmentId, stage: "ON_SCENE", cell: "c1" });
    await publish(incident, "task.updated", { assignmentId, stage: "COMPLETED" }); // as advanceKnightTask publishes it
    await publish(track, "knight.position", { assignmentId, lat: 32.06, lng: 118.79 }); // after the end: not delivered
    await publish(incident, "task.updated", { assignmentId, stage: "RELEASED" });
    const seen = events(await dispatcher.next(4));
    expect(seen.map((e) => [e.topic, e.kind, e.data.stage ?? null])).toEqual([
      [track, "knight.position", null],
      [incident, "task.updated", "ON_SCENE"],
      [incident, "task.updated", "COMPLETED"],
      [incident, "task.updated", "RELEASED"],
    ]);
    const memberSeen = events(await member.next(2));
    for (const e of memberSeen) {
      const keys = keysOf(e);
      for (const k of ["lastLat", "lastLng", "knightLat", "knightLng"]) expect(keys.has(k)).toBe(false);
    }
    dispatcher.close();
    member.close();
  });

  it("re-checks the task on every track event: a task that ended without an event stops the positions", async () => {
    const needId = await createNeed(t.db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId);
    const start = Date.now() + 10 * 3600_000;
    const a = await t.db.assignment.create({
      data: { needId, knightId: knightProfileId, unitIndex: null, status: "ON_SCENE", windowStart: new Date(start), windowEnd: new Date(start + 3600_000) },
      select: { id: true },
    });
    const track = liveTopics.taskTrack(a.id);
    const marker = liveTopics.need(needId);
    const s = await subscribe(f.actors.dispatcherA, [track, marker]);
    await settle();
    await publish(track, "knight.position", { assignmentId: a.id, lat: 32.05, lng: 118.78, n: 1 });
    expect(events(await s.next(1))[0]).toMatchObject({ topic: track, data: { n: 1 } });
    await t.db.assignment.update({ where: { id: a.id }, data: { status: "CANCELLED" } });
    await publish(track, "knight.position", { assignmentId: a.id, lat: 32.05, lng: 118.78, n: 2 });
    await publish(marker, "need.updated", { n: 3 });
    expect(events(await s.next(1))[0]).toMatchObject({ topic: marker, data: { n: 3 } });
    s.close();
    const again = await subscribe(f.actors.dispatcherA, [track]);
    expect((await again.next(1))[0]!.event).toBe("serialized-error");
    again.close();
  });

  it("notify() reaches the user's live topic as notification.new in the same transaction", async () => {
    const s = await subscribe(f.actors.supplier, [liveTopics.user(f.actors.supplier.userId)]);
    await settle();
    await t.db.$transaction((tx) => notify(tx, [f.actors.supplier.userId, f.actors.memberA.userId], "offer.received", { assignmentId: "a1" }));
    const [e] = events(await s.next(1));
    const row = await t.db.notification.findFirst({ where: { userId: f.actors.supplier.userId }, select: { id: true } });
    expect(e).toMatchObject({ kind: "notification.new", data: { notificationId: row!.id, kind: "offer.received" } });
    s.close();
  });
});
