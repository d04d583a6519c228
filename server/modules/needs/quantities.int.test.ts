import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createPrismaClient, type PrismaClient } from "@/server/db";
import { createIncident } from "@/server/modules/incidents/create-incident";
import { incidentInput, needInput, seedIncidentFixtures } from "@/server/modules/incidents/test-fixtures";
import { createNeed } from "@/server/modules/needs/create-need";
import { commitQuantity, markEnRoute, markOnScene, markReleased, releaseCommitted } from "@/server/modules/needs/quantities";

/**
 * Quantity bookkeeping under concurrency: every call is one guarded UPDATE, so parallel callers on
 * separate connections never drift and never overshoot the requested quantity.
 */

let t: TestDatabase;
let pool: PrismaClient; // a wide pool: the parallel calls really run on separate connections
let f: Awaited<ReturnType<typeof seedIncidentFixtures>>;
let incidentId = "";

beforeAll(async () => {
  t = await testDb();
  pool = createPrismaClient(t.url, 25);
  f = await seedIncidentFixtures(t.db);
  incidentId = (await createIncident(t.db, f.actors.memberA, { ...incidentInput })).id;
});
afterAll(async () => {
  await pool.$disconnect();
  await t.cleanup();
});

const newNeed = async (quantity: number) => (await createNeed(t.db, f.actors.memberA, needInput(incidentId, f.types.pump, { quantity }))).id;
const read = (id: string) =>
  t.db.need.findUniqueOrThrow({ where: { id }, select: { status: true, qtyCommitted: true, qtyEnRoute: true, qtyOnScene: true, qtyReleased: true } });

describe("quantity bookkeeping", () => {
  it("50 parallel calls (30 commits, 20 releases) on quantity 100 leave exact totals", async () => {
    const id = await newNeed(100);
    for (let i = 0; i < 20; i++) await commitQuantity(t.db, id, 1); // so every release has something to release
    const calls = [
      ...Array.from({ length: 30 }, () => () => commitQuantity(pool, id, 1)),
      ...Array.from({ length: 20 }, () => () => releaseCommitted(pool, id, 1)),
    ].sort(() => Math.random() - 0.5);
    const results = await Promise.allSettled(calls.map((c) => c()));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await read(id)).toMatchObject({ qtyCommitted: 30, status: "PARTIALLY_FILLED" });
  });

  it("30 commits and 20 releases from zero: committed = successful commits − successful releases", async () => {
    const id = await newNeed(100);
    const calls = [
      ...Array.from({ length: 30 }, () => ({ kind: "commit", run: () => commitQuantity(pool, id, 1) })),
      ...Array.from({ length: 20 }, () => ({ kind: "release", run: () => releaseCommitted(pool, id, 1) })),
    ];
    const results = await Promise.allSettled(calls.map((c) => c.run()));
    const ok = (kind: string) => results.filter((r, i) => r.status === "fulfilled" && calls[i]!.kind === kind).length;
    expect(ok("commit")).toBe(30);
    const after = await read(id);
    expect(after.qtyCommitted).toBe(30 - ok("release"));
    expect(after.qtyCommitted).toBeGreaterThanOrEqual(10);
  });

  it("50 parallel commits on quantity 10: exactly 10 succeed, the rest are refused, status FILLED", async () => {
    const id = await newNeed(10);
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => commitQuantity(pool, id, 1)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(40);
    expect(refused.every((r) => r.reason.code === "CONFLICT")).toBe(true);
    expect(await read(id)).toMatchObject({ qtyCommitted: 10, status: "FILLED" });
  });

  it("a commit larger than what is left is refused whole; releases reopen the need", async () => {
    const id = await newNeed(5);
    await commitQuantity(t.db, id, 3);
    await expect(commitQuantity(t.db, id, 3)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Only 2/) });
    expect((await commitQuantity(t.db, id, 2)).status).toBe("FILLED");
    expect((await releaseCommitted(t.db, id, 5)).status).toBe("OPEN");
    await expect(releaseCommitted(t.db, id, 1)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(commitQuantity(t.db, id, 0)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(commitQuantity(t.db, "nope", 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("units move committed → en route → on scene → released and stay counted as filled", async () => {
    const id = await newNeed(4);
    await commitQuantity(t.db, id, 4);
    await markEnRoute(t.db, id, 3);
    await markOnScene(t.db, id, 2);
    const q = await markReleased(t.db, id, 1);
    expect(q).toMatchObject({ committed: 1, enRoute: 1, onScene: 1, released: 1, status: "FILLED" });
    await expect(markOnScene(t.db, id, 2)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(commitQuantity(t.db, id, 1)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("parallel moves between buckets never drive a bucket below zero", async () => {
    const id = await newNeed(20);
    await commitQuantity(t.db, id, 20);
    const results = await Promise.allSettled([
      ...Array.from({ length: 25 }, () => markEnRoute(pool, id, 1)),
      ...Array.from({ length: 25 }, () => markOnScene(pool, id, 1)),
    ]);
    const enRouteOk = results.slice(0, 25).filter((r) => r.status === "fulfilled").length;
    const onSceneOk = results.slice(25).filter((r) => r.status === "fulfilled").length;
    expect(enRouteOk).toBe(20);
    const after = await read(id);
    expect(after).toMatchObject({ qtyCommitted: 0, qtyEnRoute: 20 - onSceneOk, qtyOnScene: onSceneOk, status: "FILLED" });
  });

  it("a closed need takes no commitments but still takes releases, keeping its status", async () => {
    const id = await newNeed(5);
    await commitQuantity(t.db, id, 2);
    await t.db.need.update({ where: { id }, data: { status: "CLOSED", unmetReason: "TOO_LATE" } });
    await expect(commitQuantity(t.db, id, 1)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await releaseCommitted(t.db, id, 2)).toMatchObject({ committed: 0, status: "CLOSED" });
  });
});
