import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { LiveHub, LIVE_RESET_KIND, type LiveDelivery } from "@/server/modules/live/live-hub";
import { publishLive } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import { pruneLiveEvents } from "@/server/modules/live/prune-live-events";

let t: TestDatabase;
let hubA: LiveHub;
let hubB: LiveHub;

beforeAll(async () => {
  t = await testDb();
  // Two hubs with their own connections = two app instances on one database.
  hubA = new LiveHub({ url: t.url, log: () => {} });
  hubB = new LiveHub({ url: t.url, log: () => {} });
  await Promise.all([hubA.start(), hubB.start()]);
});
afterAll(async () => {
  await hubA.stop();
  await hubB.stop();
  await t.cleanup();
});

/** Reads from a subscription in the background; `take(n)` waits until n events have arrived. */
function collect(source: AsyncGenerator<LiveDelivery>) {
  const got: LiveDelivery[] = [];
  const signal: { wake: (() => void) | null } = { wake: null };
  let failed: unknown = null;
  const done = (async () => {
    try {
      for await (const e of source) {
        got.push(e);
        signal.wake?.();
      }
    } catch (e) {
      failed = e;
      signal.wake?.();
    }
  })();
  return {
    got,
    done,
    async take(n: number, timeoutMs = 10_000): Promise<LiveDelivery[]> {
      const until = Date.now() + timeoutMs;
      while (got.length < n && failed === null) {
        if (Date.now() > until) throw new Error(`timed out with ${got.length}/${n} events: ${JSON.stringify(got.map((e) => e.data))}`);
        await new Promise<void>((r) => {
          signal.wake = r;
          setTimeout(r, 50);
        });
      }
      if (failed) throw failed;
      return got.slice(0, n);
    },
  };
}

const publish = (topic: string, ns: number[], kind = "test.event") =>
  t.db.$transaction((tx) => publishLive(tx, ns.map((n) => ({ topic, kind, data: { n } }))));
const ns = (events: LiveDelivery[]) => events.map((e) => e.data.n);
/** Lets the hubs finish a fetch (used only before asserting that nothing more arrived). */
const quiet = () => new Promise((r) => setTimeout(r, 300));

describe("LiveHub", () => {
  it("fans an event published through a third connection out to subscribers on both instances", async () => {
    const topic = liveTopics.knight("fanout");
    const ac = new AbortController();
    const onA = collect(hubA.subscribe([topic], null, ac.signal));
    const onA2 = collect(hubA.subscribe([topic, liveTopics.user("u-fanout")], null, ac.signal));
    const onB = collect(hubB.subscribe([topic], null, ac.signal));
    const other = collect(hubB.subscribe([liveTopics.knight("someone-else")], null, ac.signal));
    await quiet(); // subscriptions registered
    await publish(topic, [1, 2]);
    await publish(liveTopics.user("u-fanout"), [3]);
    expect(ns(await onA.take(2))).toEqual([1, 2]);
    expect(ns(await onB.take(2))).toEqual([1, 2]);
    expect(ns(await onA2.take(3))).toEqual([1, 2, 3]);
    await quiet();
    expect(onA.got).toHaveLength(2);
    expect(other.got).toHaveLength(0);
    ac.abort();
    await Promise.all([onA.done, onA2.done, onB.done, other.done]);
    expect(hubA.subscriberCount(topic)).toBe(0);
    expect(hubB.subscriberCount(topic)).toBe(0);
  });

  it("resumes after a disconnect with exactly the missed events, in order", async () => {
    const topic = liveTopics.need("resume");
    const first = new AbortController();
    const s1 = collect(hubA.subscribe([topic], null, first.signal));
    await quiet();
    await publish(topic, [1, 2, 3]);
    const seen = await s1.take(3);
    expect(ns(seen)).toEqual([1, 2, 3]);
    first.abort(); // "disconnect"
    await s1.done;
    await publish(topic, [4, 5]);
    await publish(liveTopics.need("noise"), [99]);
    await publish(topic, [6]);
    const second = new AbortController();
    const s2 = collect(hubB.subscribe([topic], seen[2]!.id, second.signal));
    expect(ns(await s2.take(3))).toEqual([4, 5, 6]);
    await publish(topic, [7]);
    expect(ns(await s2.take(4))).toEqual([4, 5, 6, 7]);
    await quiet();
    expect(ns(s2.got)).toEqual([4, 5, 6, 7]);
    second.abort();
    await s2.done;
  });

  it("loses nothing and repeats nothing when events are published while the replay runs", async () => {
    const topic = liveTopics.incident("race");
    const base = (await t.db.liveEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    await publish(topic, Array.from({ length: 50 }, (_, i) => i + 1));
    const ac = new AbortController();
    // Publisher and resuming subscriber race; the subscriber resumes from before the first event.
    const publishing = (async () => {
      for (let i = 51; i <= 150; i += 10) await publish(topic, Array.from({ length: 10 }, (_, k) => i + k));
    })();
    const s = collect(hubA.subscribe([topic], String(base), ac.signal));
    await publishing;
    const got = await s.take(150);
    expect(ns(got)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    await quiet();
    expect(s.got).toHaveLength(150);
    expect(new Set(s.got.map((e) => e.id)).size).toBe(150);
    ac.abort();
    await s.done;
  });

  it("delivers an event whose id was taken before a later one committed (id hole filled late)", async () => {
    const topic = liveTopics.knight("hole");
    const ac = new AbortController();
    const s = collect(hubA.subscribe([topic], null, ac.signal));
    await quiet();
    const slow = new pg.Client({ connectionString: t.url });
    await slow.connect();
    try {
      await slow.query("BEGIN");
      await slow.query("INSERT INTO live_event (topic, kind, data) VALUES ($1, 'test.event', '{\"n\":1}')", [topic]);
      await publish(topic, [2]); // later id, committed first
      expect(ns(await s.take(1))).toEqual([2]);
      await slow.query("COMMIT");
    } finally {
      await slow.end();
    }
    expect(ns(await s.take(2))).toEqual([2, 1]);
    ac.abort();
    await s.done;
  });

  it("resumes on another instance with the holes its cursor carries: an event that commits after a higher one was delivered is not lost (an instance killed mid-surge, surge drill)", async () => {
    const topic = liveTopics.knight("hole-resume");
    for (const commitBeforeResume of [true, false]) {
      const first = new AbortController();
      const s1 = collect(hubA.subscribe([topic], null, first.signal));
      await quiet();
      const slow = new pg.Client({ connectionString: t.url });
      await slow.connect();
      try {
        await slow.query("BEGIN");
        const held = (await slow.query<{ id: string }>("INSERT INTO live_event (topic, kind, data) VALUES ($1, 'test.event', '{\"n\":1}') RETURNING id::text AS id", [topic])).rows[0]!.id;
        await publish(topic, [2]); // a later id, committed first
        const [two] = await s1.take(1);
        // the cursor: everything up to event 2 was delivered, except the id still in flight
        expect(two!.cursor).toBe(`${two!.id}~${BigInt(two!.id) - BigInt(held)}`);
        first.abort(); // the instance is gone before the hole commits
        await s1.done;
        if (commitBeforeResume) await slow.query("COMMIT");
        const second = new AbortController();
        const s2 = collect(hubB.subscribe([topic], two!.cursor, second.signal));
        await quiet();
        if (!commitBeforeResume) await slow.query("COMMIT");
        const [one] = await s2.take(1);
        expect(one!.data.n).toBe(1);
        expect(one!.cursor).toBe(two!.id); // no hole left
        await publish(topic, [3]);
        expect(ns(await s2.take(2))).toEqual([1, 3]);
        await quiet();
        expect(ns(s2.got)).toEqual([1, 3]); // and event 2 is not repeated
        second.abort();
        await s2.done;
      } finally {
        await slow.end();
      }
    }
  });

  it("delivers a hole filled after its grace when the hub did not fetch meanwhile (a stalled instance, surge drill)", async () => {
    const hub = new LiveHub({ url: t.url, gapGraceMs: 200, pollMs: 60_000, log: () => {} });
    await hub.start();
    const topic = liveTopics.knight("stalled");
    const ac = new AbortController();
    const s = collect(hub.subscribe([topic], null, ac.signal));
    const slow = new pg.Client({ connectionString: t.url });
    await slow.connect();
    try {
      await slow.query("BEGIN");
      await slow.query("INSERT INTO live_event (topic, kind, data) VALUES ($1, 'test.event', '{\"n\":1}')", [topic]);
      await publish(topic, [2]); // later id, committed first: the hub records the hole
      expect(ns(await s.take(1))).toEqual([2]);
      // Nothing makes this hub fetch for longer than its grace (no commits, no poll) — then the hole commits.
      await new Promise((r) => setTimeout(r, 500));
      await slow.query("COMMIT");
    } finally {
      await slow.end();
    }
    expect(ns(await s.take(2, 5000))).toEqual([2, 1]);
    ac.abort();
    await s.done;
    await hub.stop();
  });

  it("delivers an event still in flight when the hub started (an instance restarted mid-surge, surge drill)", async () => {
    const topic = liveTopics.knight("started-mid-flight");
    const slow = new pg.Client({ connectionString: t.url });
    await slow.connect();
    const hub = new LiveHub({ url: t.url, log: () => {} });
    const ac = new AbortController();
    try {
      await slow.query("BEGIN");
      await slow.query("INSERT INTO live_event (topic, kind, data) VALUES ($1, 'test.event', '{\"n\":1}')", [topic]);
      await publish(topic, [2]); // later id, committed first: the new hub's cursor starts past the id in flight
      const s = collect(hub.subscribe([topic], null, ac.signal));
      await quiet();
      await slow.query("COMMIT");
      expect(ns(await s.take(1))).toEqual([1]);
      ac.abort();
      await s.done;
    } finally {
      await slow.end();
      await hub.stop();
    }
  });

  it("never hands a new subscriber events older than the hub's start, whatever a notification during start set off (surge drill)", async () => {
    const topic = liveTopics.knight("old-events");
    await publish(topic, [1, 2]); // history from before this hub started
    const hub = new LiveHub({ url: t.url, log: () => {} });
    // A loaded database: the cursor read takes 300 ms and a fetch of the stream 1.2 s, so a fetch set off by a
    // notification that arrives between LISTEN and the cursor read is still running when start() is done and a
    // client subscribes (what a restarted instance met in the drill).
    const pool = (hub as unknown as { pool: pg.Pool }).pool;
    const query = pool.query.bind(pool) as (text: string, ...a: unknown[]) => Promise<unknown>;
    (pool as unknown as { query: typeof query }).query = async (text, ...a) => {
      const delay = text.includes("max(id)") ? 300 : text.includes("ORDER BY live_event.id LIMIT") ? 1200 : 0;
      await new Promise((r) => setTimeout(r, delay));
      return query(text, ...a);
    };
    const ac = new AbortController();
    try {
      const started = hub.start();
      while (hub.listenerConnects === 0) await new Promise((r) => setTimeout(r, 5));
      await t.db.$executeRawUnsafe("NOTIFY muster_live");
      await started;
      const s = collect(hub.subscribe([topic], null, ac.signal));
      await new Promise((r) => setTimeout(r, 1500));
      await publish(topic, [3]);
      expect(ns(await s.take(1))).toEqual([3]);
      await quiet();
      expect(ns(s.got)).toEqual([3]);
      ac.abort();
      await s.done;
    } finally {
      await hub.stop();
    }
  });

  it("keeps delivering after its LISTEN connection is killed (reconnects and catches up)", async () => {
    const topic = liveTopics.user("reconnect");
    const ac = new AbortController();
    const s = collect(hubB.subscribe([topic], null, ac.signal));
    await quiet();
    const connects = hubB.listenerConnects;
    const killed = await t.db.$queryRawUnsafe<{ ok: boolean }[]>(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN muster_live' AND pid <> pg_backend_pid()`,
    );
    expect(killed.length).toBeGreaterThanOrEqual(2); // both instances' listeners
    await publish(topic, [1]);
    expect(ns(await s.take(1))).toEqual([1]);
    await publish(topic, [2]);
    expect(ns(await s.take(2))).toEqual([1, 2]);
    while (hubB.listenerConnects === connects) await quiet();
    await publish(topic, [3]); // now woken by NOTIFY on the new connection
    expect(ns(await s.take(3))).toEqual([1, 2, 3]);
    ac.abort();
    await s.done;
  });

  it("starts a resume that cannot be replayed in full with one live.reset, then the newest events", async () => {
    const small = new LiveHub({ url: t.url, replayLimit: 3, log: () => {} });
    try {
      const topic = liveTopics.need("overflow");
      const base = (await t.db.liveEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
      await publish(topic, [1, 2, 3, 4, 5]);
      const ac = new AbortController();
      const s = collect(small.subscribe([topic], String(base), ac.signal));
      const got = await s.take(4);
      expect(got[0]).toMatchObject({ kind: LIVE_RESET_KIND, id: String(base) });
      expect(ns(got.slice(1))).toEqual([3, 4, 5]);
      ac.abort();
      await s.done;
    } finally {
      await small.stop();
    }
  });

  it("drops a subscriber that falls too far behind with TOO_MANY_REQUESTS; resuming from its last id loses nothing", async () => {
    const tight = new LiveHub({ url: t.url, maxQueue: 3, log: () => {} });
    try {
      const topic = liveTopics.knight("slow");
      const base = String((await t.db.liveEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n);
      const it = tight.subscribe([topic], null);
      const first = it.next(); // registers, then waits; the consumer does not keep up with a burst of 5
      // Settle it into a value at once: the overflow may reject it while publish() is still awaited, and a
      // rejection with no handler yet is reported as unhandled.
      const outcome = first.then(() => null, (e: unknown) => e);
      await quiet();
      await publish(topic, [1, 2, 3, 4, 5]);
      expect(await outcome).toMatchObject({ code: "TOO_MANY_REQUESTS" });
      expect(tight.subscriberCount(topic)).toBe(0);
      const ac = new AbortController();
      const again = collect(tight.subscribe([topic], base, ac.signal));
      expect(ns(await again.take(5))).toEqual([1, 2, 3, 4, 5]);
      ac.abort();
      await again.done;
    } finally {
      await tight.stop();
    }
  });

  it("rejects a malformed resume cursor", async () => {
    const it = hubA.subscribe([liveTopics.command()], "12; DROP TABLE live_event");
    await expect(it.next()).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("prunes events older than the retention window only", async () => {
    await t.db.liveEvent.create({ data: { topic: "command", kind: "old", createdAt: new Date(Date.now() - 25 * 3600_000) } });
    const keep = await t.db.liveEvent.create({ data: { topic: "command", kind: "fresh" }, select: { id: true } });
    expect(await pruneLiveEvents(t.db)).toBe(1);
    expect(await t.db.liveEvent.count({ where: { kind: "old" } })).toBe(0);
    expect(await t.db.liveEvent.findUnique({ where: { id: keep.id } })).not.toBeNull();
  });
});
