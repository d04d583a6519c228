import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { preparedQuery } from "@/server/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => t.cleanup());

describe("the prepared-statement pool", () => {
  it("survives the server ending its idle connections (restart, failover) and reconnects on the next query", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const pid = async () => (await preparedQuery<{ pid: number }>(t.db, "test_backend_pid", "SELECT pg_backend_pid() AS pid", []))[0]!.pid;
    // Many queries first: the pool must still hold one listener (one warning below), not one per query.
    for (let i = 0; i < 20; i++) await pid();
    const before = await pid();
    // From another connection, end the pool's now idle one, as a server restart would.
    await t.db.$queryRaw`SELECT pg_terminate_backend(${before}::int)`;
    await new Promise((r) => setTimeout(r, 300)); // the idle client sees the FATAL and the pool emits 'error'
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("an idle connection was closed"));
    expect(await pid()).not.toBe(before);
    warn.mockRestore();
  });
});
