import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient, poolStats, type PrismaClient } from "@/server/db";
import { testDb, type TestDatabase } from "@/tests/helpers/db";

/**
 * A connection that dies inside an interactive transaction (PostgreSQL restarted, backend terminated) must give
 * its pool slot back. Prisma's transaction manager releases the pg client only after its ROLLBACK succeeds,
 * and a ROLLBACK on a dead connection fails: without the pool's own eviction each such transaction leaked a
 * slot, and once all were gone every query of the instance waited (the surge drill's stall after a restart).
 */
let t: TestDatabase;
let db: PrismaClient;

beforeAll(async () => {
  t = await testDb();
  db = createPrismaClient(t.url, 2);
});
afterAll(async () => {
  await db.$disconnect();
  await t.cleanup();
});

async function dieInsideTransaction() {
  await expect(
    db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      // The backend ends itself: the same error every open transaction sees when the server restarts.
      await tx.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`;
    }),
  ).rejects.toThrow();
}

describe("pool after a connection dies in a transaction", () => {
  it("evicts the dead client so the slot serves the next queries", async () => {
    // Twice the pool size: every slot would have leaked.
    for (let i = 0; i < 4; i++) await dieInsideTransaction();
    const rows = await db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`;
    expect(rows[0]!.one).toBe(1);
    const tx = await db.$transaction(async (t) => t.$queryRaw<{ two: number }[]>`SELECT 2 AS two`);
    expect(tx[0]!.two).toBe(2);
    expect(poolStats(db)!.total).toBeLessThanOrEqual(2);
    // Nothing left checked out once the last dead client's eviction ran.
    await vi.waitFor(() => expect(poolStats(db)!.total - poolStats(db)!.idle).toBe(0), { timeout: 5000 });
  });

  it("survives a transaction that times out after its connection died (no unhandled rejection)", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      await expect(
        db.$transaction(async (tx) => {
          const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
          // Killed from outside while the transaction waits: as a PostgreSQL restart does to every open one.
          await db.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
          // Past the timeout: Prisma's timer now sends ROLLBACK on the dead connection.
          await new Promise((r) => setTimeout(r, 600));
          await tx.$queryRaw`SELECT 1`;
        }, { timeout: 200 }),
      ).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 200));
      expect(unhandled).toEqual([]);
      const rows = await db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`;
      expect(rows[0]!.one).toBe(1);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("fails a wait for a connection with a timeout instead of queueing forever", async () => {
    const small = createPrismaClient(t.url, 1, { connectionTimeoutMillis: 300 });
    try {
      let release!: () => void;
      const held = small.$transaction(async (t) => {
        await t.$queryRaw`SELECT 1`;
        await new Promise<void>((r) => (release = r));
      }, { timeout: 30_000, maxWait: 30_000 });
      while (!release) await new Promise((r) => setTimeout(r, 10));
      await expect(small.$queryRaw`SELECT 1`).rejects.toThrow(/timeout exceeded when trying to connect/);
      release();
      await held;
    } finally {
      await small.$disconnect();
    }
  });
});
