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
    // The idle client sees the FATAL and the pool emits 'error'; then a moment more, to see a second warning if any.
    await vi.waitFor(() => expect(warn).toHaveBeenCalled(), { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("an idle connection was closed"));
    expect(await pid()).not.toBe(before);
    warn.mockRestore();
  });

  it("has the server end a transaction left idle for a minute, on both pools' sessions", async () => {
    type Setting = { v: string; source: string };
    const sql = "SELECT setting AS v, source FROM pg_settings WHERE name = 'idle_in_transaction_session_timeout'";
    const [prepared] = await preparedQuery<Setting>(t.db, "test_idle_tx_timeout", sql, []);
    const [main] = await t.db.$queryRawUnsafe<Setting[]>(sql);
    expect(prepared).toEqual({ v: "60000", source: "client" });
    expect(main).toEqual({ v: "60000", source: "client" });
  });

  it("counts without waiting for a WAL flush, while transactions (everyone's data) keep the server's setting", async () => {
    type Setting = { v: string; source: string };
    const sql = "SELECT setting AS v, source FROM pg_settings WHERE name = 'synchronous_commit'";
    const [pooled] = await preparedQuery<Setting>(t.db, "test_sync_commit", sql, []);
    // set by this pool's own connection options ("client"), not inherited from the server or the database
    expect(pooled).toEqual({ v: "off", source: "client" });
    // inside a transaction preparedQuery runs on the transaction's own (main pool) connection
    const [inTx] = await t.db.$transaction((tx) => preparedQuery<Setting>(tx, "test_sync_commit", sql, []));
    expect(inTx!.source).not.toBe("client");
  });
});
