import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createPrismaClient, type PrismaClient } from "@/server/db";
import { countHit } from "@/server/modules/rate-limit/rate-limit";

// Hits arriving together through one client are counted in one statement (rate-limit.ts countHits): each must
// still be told exactly what a single upsert in arrival order would have told it, across instances too.
let t: TestDatabase;
let other: PrismaClient;

beforeAll(async () => {
  t = await testDb();
  other = createPrismaClient(t.url, 2);
});
afterAll(async () => {
  await other.$disconnect();
  await t.cleanup();
});

const budget = { limit: 5, windowSeconds: 60 };

describe("counting a burst of hits", () => {
  it("a burst on two instances: hit numbers 1..N with no repeat, exactly `limit` allowed, the row holds N", async () => {
    const now = new Date("2026-12-06T08:00:01.000Z");
    const hits = await Promise.all(Array.from({ length: 24 }, (_, i) => countHit(i % 2 ? other : t.db, { key: "burst:a", budget }, now)));
    // remaining = limit − hit number while allowed; the allowed ones are hit numbers 1..5, each exactly once.
    const allowed = hits.filter((h) => h.allowed);
    expect(allowed.map((h) => h.remaining).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(hits.filter((h) => !h.allowed)).toHaveLength(19);
    expect(hits.every((h) => h.resetSeconds === 59 && h.windowSeconds === 60 && h.limit === 5)).toBe(true);
    const [row] = await t.db.$queryRawUnsafe<{ hits: number }[]>(`SELECT hits FROM rate_limit_bucket WHERE key = 'burst:a'`);
    expect(row!.hits).toBe(24);
  });

  it("one batch over several keys counts each key apart; in arrival order; a later window restarts the count", async () => {
    const now = new Date("2026-12-06T09:00:01.000Z");
    const order = ["k1", "k2", "k1", "k1", "k2", "k3"];
    const hits = await Promise.all(order.map((k) => countHit(t.db, { key: `burst:${k}`, budget: { limit: 2, windowSeconds: 60 } }, now)));
    // The first call goes alone, the rest share the next statement; within it arrival order decides.
    expect(hits.map((h) => h.allowed)).toEqual([true, true, true, false, true, true]);
    expect(hits.map((h) => h.remaining)).toEqual([1, 1, 0, 0, 0, 1]);
    const later = new Date(now.getTime() + 60_000);
    const again = await Promise.all(["k1", "k1", "k1"].map((k) => countHit(t.db, { key: `burst:${k}`, budget: { limit: 2, windowSeconds: 60 } }, later)));
    expect(again.map((h) => h.allowed)).toEqual([true, true, false]);
    const rows = await t.db.$queryRawUnsafe<{ key: string; hits: number }[]>(`SELECT key, hits FROM rate_limit_bucket WHERE key LIKE 'burst:k%' ORDER BY key`);
    expect(rows).toEqual([{ key: "burst:k1", hits: 3 }, { key: "burst:k2", hits: 2 }, { key: "burst:k3", hits: 1 }]);
  });
});
