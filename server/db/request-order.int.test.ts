import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { inRequestOrder, serveOldestRequestFirst } from "@/server/db/request-order";
import { isDbUnavailable } from "@/server/db-errors";
import { createPrismaClient, poolStats } from "@/server/db";

/** A pool of one connection, held by the test, so that every query waits until it is given back. */
let t: TestDatabase;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => t.cleanup());

const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.end()));
});

async function heldPool(connectionTimeoutMillis = 10_000) {
  const pool = new pg.Pool({ connectionString: t.url, max: 1, connectionTimeoutMillis });
  pools.push(pool);
  serveOldestRequestFirst(pool);
  const held = await pool.connect();
  return { pool, release: () => held.release() };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("database pools serve waiting queries by the start of their request", () => {
  it("a request's later query goes before the queries of requests that started after it", async () => {
    const { pool, release } = await heldPool();
    const served: string[] = [];
    const query = (label: string) => pool.query(`SELECT '${label}' AS label`).then((r) => served.push(r.rows[0].label));
    let secondQueryOfFirst!: () => void;
    const firstMayGoOn = new Promise<void>((r) => (secondQueryOfFirst = r));
    // request 1 starts first but asks for its query last
    const first = inRequestOrder(async () => {
      await firstMayGoOn;
      await query("first request");
    });
    await tick();
    const second = inRequestOrder(() => query("second request"));
    await tick();
    const background = query("no request"); // a job: counts from when it asks
    await tick();
    secondQueryOfFirst();
    await tick();
    expect(pool.waitingCount).toBe(3);
    release();
    await Promise.all([first, second, background]);
    expect(served).toEqual(["first request", "second request", "no request"]);
  });

  it("waiters of the same moment keep their arrival order", async () => {
    const { pool, release } = await heldPool();
    const served: number[] = [];
    const all = inRequestOrder(() =>
      Promise.all([1, 2, 3, 4].map((n) => pool.query(`SELECT ${n}::int AS n`).then((r) => served.push(r.rows[0].n)))),
    );
    await tick();
    release();
    await all;
    expect(served).toEqual([1, 2, 3, 4]);
  });

  it("a waiter still times out as pg-pool's own would, and leaves the queue", async () => {
    const { pool, release } = await heldPool(100);
    const err = await inRequestOrder(() => pool.query("SELECT 1")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe("timeout exceeded when trying to connect");
    // the app answers such a wait with a 503 (server/db-errors.ts)
    expect(isDbUnavailable(err)).toBe(true);
    expect(pool.waitingCount).toBe(0);
    release();
    expect((await pool.query("SELECT 2 AS n")).rows[0].n).toBe(2);
  });

  it("holds through Prisma, for its queries and its transactions, as the app runs them", async () => {
    const db = createPrismaClient(t.url, 1);
    try {
      const served: string[] = [];
      let releaseHolder!: () => void;
      const holderMayEnd = new Promise<void>((r) => (releaseHolder = r));
      // the one connection, held by a transaction that waits for the test
      let holding = false;
      const holder = db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        holding = true;
        await holderMayEnd;
      });
      await vi.waitFor(() => expect(holding).toBe(true), { timeout: 5000 });
      let firstMayGoOn!: () => void;
      const gate = new Promise<void>((r) => (firstMayGoOn = r));
      const first = inRequestOrder(async () => {
        await gate;
        await db.$transaction(async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          served.push("first request");
        });
      });
      await tick();
      const second = inRequestOrder(async () => {
        await db.$queryRaw`SELECT 2`;
        served.push("second request");
      });
      await tick();
      firstMayGoOn();
      // Both wait for the one connection before it is given back, however slow the machine.
      await vi.waitFor(() => expect(poolStats(db)?.waiting).toBe(2), { timeout: 5000 });
      releaseHolder();
      await Promise.all([holder, first, second]);
      expect(served).toEqual(["first request", "second request"]);
    } finally {
      await db.$disconnect();
    }
  });

  it("refuses to install on a pool whose waiting list is not pg-pool's empty array", async () => {
    const { pool, release } = await heldPool();
    const waiting = pool.query("SELECT 1");
    expect(() => serveOldestRequestFirst(pool)).toThrow(/_pendingQueue/);
    release();
    await waiting;
  });
});
