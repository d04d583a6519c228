import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { openLiveSse, readSse, sseData, type SseMessage } from "@/tests/helpers/sse";
import type { Actor } from "@/server/auth/actor-type";
import type { TLiveEventDto } from "@/lib/schemas/live";
import { publishLive } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import { getLiveHub, LiveHub, stopLiveHub } from "@/server/modules/live/live-hub";
import { LIVE_RETRY_MS, openLiveSseCount, pingLiveStreams } from "@/server/modules/live/live-sse-response";
import { handleLiveSse } from "@/server/api/live-sse";
import { GET } from "@/app/api/live/route";
import { createSessionForUser } from "@/server/auth/session-store";
import { createContext } from "@/server/api/trpc";
import { createPrismaClient } from "@/server/db";
import { freePort } from "@/server/db/embedded-postgres";
import type { RateLimiter } from "@/server/modules/rate-limit/rate-limit-config";
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

type Opened = Stream & { status: number; contentType: string | null; res: Response };

/** Reads a live stream's data messages (pings and the retry hint are no messages). */
function reader(res: Response, ac: AbortController): Opened {
  const it = readSse(res.body!);
  return {
    res,
    status: res.status,
    contentType: res.headers.get("content-type"),
    async next(n = 1) {
      const out: SseMessage[] = [];
      while (out.length < n) {
        const r = await it.next();
        if (r.done) break;
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

/** Opens the live stream through its handler (GET /api/live) with a fixed actor. */
async function subscribe(actor: Actor | null, topics: string[], lastEventId?: string, query?: Record<string, string>): Promise<Opened> {
  const ac = new AbortController();
  return reader(await openLiveSse({ db: t.db, actor, topics, lastEventId, query, signal: ac.signal }), ac);
}

/** A refusal before the stream: the status and the JSON body (no stream to read). */
async function refusal(res: Response) {
  expect(res.headers.get("content-type")).toContain("application/json");
  return { status: res.status, body: (await res.json()) as { code: string; message: string } };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
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

describe("the live stream (GET /api/live)", () => {
  it("streams a knight's offers with SSE ids, and resumes after a reconnect with Last-Event-ID", async () => {
    const topic = liveTopics.knight(knightProfileId);
    const s1 = await subscribe(knightActor, [topic]);
    expect(s1.status).toBe(200);
    expect(s1.contentType).toContain("text/event-stream");
    expect(s1.res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(s1.res.headers.get("x-accel-buffering")).toBe("no");
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

  it("refuses another knight's topic and a track topic of another organisation (403), and anonymous callers (401), before any stream", async () => {
    const cases: [Actor | null, string, number, string][] = [
      [otherKnight, liveTopics.knight(knightProfileId), 403, "FORBIDDEN"],
      [f.actors.memberB, liveTopics.taskTrack(assignmentId), 403, "FORBIDDEN"],
      [f.actors.supplier, liveTopics.need("x"), 403, "FORBIDDEN"],
      [f.actors.admin, "bogus:1", 403, "FORBIDDEN"],
      [null, liveTopics.command(), 401, "UNAUTHORIZED"],
    ];
    for (const [actor, topic, status, code] of cases) {
      const res = await openLiveSse({ db: t.db, actor, topics: [topic] });
      expect(await refusal(res)).toMatchObject({ status, body: { code } });
    }
    expect(openLiveSseCount()).toBe(0);
  });

  it("refuses a bad request (no topics, too many, a bad resume id) with 400", async () => {
    const topic = liveTopics.knight(knightProfileId);
    const bad = [
      await openLiveSse({ db: t.db, actor: knightActor, topics: [] }),
      await openLiveSse({ db: t.db, actor: knightActor, topics: Array.from({ length: 21 }, (_, i) => `${topic}${i}`) }),
      await openLiveSse({ db: t.db, actor: knightActor, topics: [topic], lastEventId: "12x" }),
      await openLiveSse({ db: t.db, actor: knightActor, topics: [topic], query: { lastEventId: "-1" } }),
    ];
    for (const res of bad) expect(await refusal(res)).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
  });

  it("refuses a caller whose roles lack live.read with 403 (deny by default)", async () => {
    const noRoles: Actor = { via: "session", userId: knightActor.userId, roles: [], memberships: [] };
    expect(await refusal(await openLiveSse({ db: t.db, actor: noRoles, topics: [liveTopics.knight(knightProfileId)] }))).toMatchObject({
      status: 403,
      body: { code: "FORBIDDEN", message: "You do not have permission to do this." },
    });
  });

  it("counts a bad API key against the client's failed-key budget (429 with Retry-After), as the tRPC route does", async () => {
    const now = new Date("2026-12-06T08:00:01.000Z");
    const budget = { limit: 1, windowSeconds: 60 };
    const tiny: RateLimiter = {
      now: () => now,
      budgets: { apiKey: budget, platformKey: budget, commandKey: budget, user: budget, anonymous: budget, authFailure: budget, search: budget, pdfExport: budget },
    };
    const call = async () => {
      const req = new Request(`http://localhost/api/live?topic=${encodeURIComponent(liveTopics.command())}`, {
        headers: { authorization: "Bearer mk_live_nope", "x-forwarded-for": "203.0.113.9" },
      });
      return handleLiveSse(req, async () => ({ db: t.db, actor: null, headers: req.headers, ip: "203.0.113.9", http: { transport: "sse", resHeaders: new Headers(), limiter: tiny } }));
    };
    expect(await refusal(await call())).toMatchObject({ status: 401, body: { code: "UNAUTHORIZED" } });
    const limited = await call();
    expect(limited.headers.get("retry-after")).toBe("59");
    expect(limited.headers.get("ratelimit-limit")).toBe("1");
    expect(await refusal(limited)).toMatchObject({ status: 429, body: { code: "TOO_MANY_REQUESTS" } });
  });

  it("answers 503 with Retry-After when the database is unreachable while resolving the caller", async () => {
    const dead = createPrismaClient(`postgresql://muster@127.0.0.1:${await freePort()}/muster`, 1);
    try {
      const req = new Request(`http://localhost/api/live?topic=${encodeURIComponent(liveTopics.command())}`, { headers: { cookie: "authjs.session-token=abc" } });
      const res = await handleLiveSse(req, () => createContext({ headers: req.headers, db: dead, http: { transport: "sse", resHeaders: new Headers() } }));
      expect(res.headers.get("retry-after")).toBeTruthy();
      expect(await refusal(res)).toMatchObject({ status: 503, body: { code: "SERVICE_UNAVAILABLE" } });
    } finally {
      await dead.$disconnect();
    }
  });

  it("resolves the caller from the Auth.js session cookie in the route (401 without one)", async () => {
    const topic = liveTopics.knight(knightProfileId);
    const url = `http://localhost/api/live?topic=${encodeURIComponent(topic)}`;
    expect(await refusal(await GET(new Request(url)))).toMatchObject({ status: 401, body: { code: "UNAUTHORIZED" } });
    const session = await createSessionForUser(t.db, knightActor.userId);
    const other = await createSessionForUser(t.db, otherKnight.userId);
    expect(await refusal(await GET(new Request(url, { headers: { cookie: `${other.cookieName}=${other.sessionToken}` } })))).toMatchObject({ status: 403 });
    const ac = new AbortController();
    const s = reader(await GET(new Request(url, { headers: { cookie: `${session.cookieName}=${session.sessionToken}` }, signal: ac.signal })), ac);
    expect(s.status).toBe(200);
    await publish(topic, "offer.new", { n: "route" });
    expect(events(await s.next(1))[0]).toMatchObject({ topic, kind: "offer.new", data: { n: "route" } });
    s.close();
  });

  it("resumes from the lastEventId parameter on the first connect; a Last-Event-ID header (a reconnect) wins over it", async () => {
    const topic = liveTopics.knight(knightProfileId);
    const base = await subscribe(knightActor, [topic]);
    for (const n of [1, 2, 3]) await publish(topic, "offer.new", { n: `q${n}` });
    const ids = events(await base.next(3)).map((e) => e.sseId!);
    base.close();
    const fromParam = await subscribe(knightActor, [topic], undefined, { lastEventId: ids[0]! });
    expect(events(await fromParam.next(2)).map((e) => e.data.n)).toEqual(["q2", "q3"]);
    fromParam.close();
    const fromHeader = await subscribe(knightActor, [topic], ids[1], { lastEventId: ids[0]! });
    expect(events(await fromHeader.next(1)).map((e) => e.data.n)).toEqual(["q3"]);
    fromHeader.close();
  });

  it("ends the stream when the hub drops a client that fell behind; resuming from its last id loses and repeats nothing", async () => {
    const hub = new LiveHub({ url: t.url, maxQueue: 2 });
    try {
      const topic = liveTopics.knight(knightProfileId);
      const ac = new AbortController();
      const req = new Request(`http://localhost/api/live?topic=${encodeURIComponent(topic)}`, { signal: ac.signal });
      const s = reader(await handleLiveSse(req, async () => ({ db: t.db, actor: knightActor, headers: req.headers, ip: null }), hub), ac);
      await publish(topic, "offer.new", { n: 0 });
      const [seen] = events(await s.next(1));
      // One transaction: the hub hands all six over at once, more than the client's queue holds.
      await t.db.$transaction((tx) => publishLive(tx, [1, 2, 3, 4, 5, 6].map((n) => ({ topic, kind: "offer.new", data: { n } }))));
      expect(await s.next(1)).toEqual([]); // the stream ended
      // What a reconnecting EventSource sends: the last id it got.
      const again = new Request(req.url, { headers: { "last-event-id": seen!.sseId! } });
      const resumed = reader(await handleLiveSse(again, async () => ({ db: t.db, actor: knightActor, headers: again.headers, ip: null }), hub), new AbortController());
      expect(events(await resumed.next(6)).map((e) => e.data.n)).toEqual([1, 2, 3, 4, 5, 6]);
      resumed.close();
    } finally {
      await hub.stop();
    }
  });

  it("starts with a retry hint; the shared ping reaches every open stream as an SSE comment", async () => {
    const before = openLiveSseCount();
    const streams = await Promise.all([knightActor, otherKnight].map((a) => openLiveSse({ db: t.db, actor: a, topics: [liveTopics.user(a.userId)] })));
    const readers = streams.map((r) => r.body!.getReader());
    const text = async (r: ReadableStreamDefaultReader<Uint8Array>) => new TextDecoder().decode((await r.read()).value);
    for (const r of readers) expect(await text(r)).toBe(`retry: ${LIVE_RETRY_MS}\n\n`);
    pingLiveStreams();
    for (const r of readers) expect(await text(r)).toBe(": ping\n\n");
    // The timer pings a slice at a time, in turn: one stream per call here, so as many calls reach every stream.
    const open = openLiveSseCount();
    for (let i = 0; i < open; i++) pingLiveStreams(1 / open);
    const within = (p: Promise<string>) => Promise.race([p, new Promise<string>((r) => setTimeout(() => r("no ping"), 2000))]);
    for (const r of readers) expect(await within(text(r))).toBe(": ping\n\n");
    for (const r of readers) await r.cancel();
    expect(openLiveSseCount()).toBe(before);
  });

  it("closes cleanly when the client goes away: the hub subscription and the ping registration end", async () => {
    const topic = liveTopics.user(otherKnight.userId);
    const before = openLiveSseCount();
    const s = await subscribe(otherKnight, [topic]);
    await until(() => getLiveHub().subscriberCount(topic) === 1 && openLiveSseCount() === before + 1);
    s.close();
    await until(() => getLiveHub().subscriberCount(topic) === 0 && openLiveSseCount() === before);
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
    expect(await refusal(await openLiveSse({ db: t.db, actor: f.actors.dispatcherA, topics: [track] }))).toMatchObject({ status: 403 });
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
