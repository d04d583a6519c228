import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { publishLive } from "@/server/modules/live/publish-live";
import { liveTopics, parseLiveTopic } from "@/server/modules/live/live-topics";

let t: TestDatabase;
let listener: pg.Client;
const notices: string[] = [];

beforeAll(async () => {
  t = await testDb();
  listener = new pg.Client({ connectionString: t.url });
  await listener.connect();
  listener.on("notification", (n) => notices.push(n.channel));
  await listener.query("LISTEN muster_live");
});
afterAll(async () => {
  await listener.end();
  await t.cleanup();
});

const settle = () => new Promise((r) => setTimeout(r, 150));

describe("publishLive", () => {
  it("appends events in order and wakes listeners once per batch, on commit", async () => {
    notices.length = 0;
    await t.db.$transaction(async (tx) => {
      await publishLive(tx, [
        { topic: liveTopics.knight("k1"), kind: "offer.new", data: { n: 1 } },
        { topic: liveTopics.knight("k2"), kind: "offer.new", data: { n: 2 } },
      ]);
      await settle();
      expect(notices).toHaveLength(0); // not before commit
    });
    // Wait for the first notice however busy the machine is, then long enough to see a second one if it came.
    await vi.waitFor(() => expect(notices.length).toBeGreaterThan(0), { timeout: 5000 });
    await settle();
    expect(notices).toEqual(["muster_live"]);
    const rows = await t.db.liveEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.topic, (r.data as { n: number }).n])).toEqual([["knight:k1", 1], ["knight:k2", 2]]);
    expect(rows[1]!.id).toBeGreaterThan(rows[0]!.id);
  });

  it("publishes nothing when the transaction rolls back", async () => {
    notices.length = 0;
    const before = await t.db.liveEvent.count();
    await expect(
      t.db.$transaction(async (tx) => {
        await publishLive(tx, [{ topic: liveTopics.need("n1"), kind: "need.updated", data: {} }]);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await settle();
    expect(notices).toHaveLength(0);
    expect(await t.db.liveEvent.count()).toBe(before);
  });

  it("parses topics back into kind and id", () => {
    expect(parseLiveTopic(liveTopics.taskTrack("a1"))).toEqual({ kind: "taskTrack", id: "a1" });
    expect(parseLiveTopic("command")).toEqual({ kind: "command", id: null });
    expect(parseLiveTopic(liveTopics.supplier("o1"))).toEqual({ kind: "supplier", id: "o1" });
    expect(parseLiveTopic("bogus:1")).toBeNull();
    expect(parseLiveTopic("knight:")).toBeNull();
  });
});
