import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { isDbUnavailable } from "@/server/db-errors";
import { LiveHub } from "@/server/modules/live/live-hub";

/**
 * A connection the server ends while the app holds it (a transaction between two statements) fails that
 * transaction as "unavailable" (a 503) and the process lives on: without a listener on the checked-out client,
 * pg emitted an unhandled 'error' and the surge drill lost an app instance in its PostgreSQL restart.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => t.cleanup());

const terminate = (pid: number) => t.db.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
const settle = () => new Promise((r) => setTimeout(r, 300)); // the FATAL reaches the client

describe("a connection the server ends while it is checked out", () => {
  it("fails the transaction that held it as unavailable, and nothing is left uncaught", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onUncaught);
    try {
      const held = t.db.$transaction(async (tx) => {
        const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        await terminate(pid);
        await settle();
        return tx.$queryRaw`SELECT 1`;
      });
      const error = await held.then(() => null, (e: unknown) => e);
      expect(error).not.toBeNull();
      expect(isDbUnavailable(error)).toBe(true);
      expect(uncaught).toEqual([]);
      // the pool gave the dead connection up: the next query gets a live one
      expect(await t.db.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
    } finally {
      process.off("uncaughtException", onUncaught);
      warn.mockRestore();
    }
  });

  it("the live hub's pool too: a checked-out connection ended by the server is not an uncaught error", async () => {
    const hub = new LiveHub({ url: t.url, log: () => {} });
    const pool = (hub as unknown as { pool: import("pg").Pool }).pool;
    const client = await pool.connect();
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onUncaught);
    try {
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      await terminate(rows[0]!.pid);
      await settle();
      expect(uncaught).toEqual([]);
      await expect(client.query("SELECT 1")).rejects.toThrow();
    } finally {
      client.release(true);
      process.off("uncaughtException", onUncaught);
      await hub.stop();
    }
  });
});
