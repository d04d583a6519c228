import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/server/db/embedded-postgres";

// The embedded server must shut down cleanly and come back with its data intact.
describe("embedded PostgreSQL", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "muster-embedded-"));
  fs.chmodSync(dir, 0o755);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function query(url: string, sql: string) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(sql)).rows;
    } finally {
      await c.end();
    }
  }

  it("keeps committed data across a clean stop and start, and has the extensions Muster needs", async () => {
    const first = await startEmbeddedPostgres({ dataDir: dir, database: "keep" });
    expect(first.reused).toBe(false);
    await query(first.url, "CREATE EXTENSION IF NOT EXISTS cube; CREATE EXTENSION IF NOT EXISTS earthdistance; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS btree_gist");
    await query(first.url, "CREATE TABLE kept (id int primary key, note text); INSERT INTO kept VALUES (1, '南京')");
    await first.stop();
    expect(fs.existsSync(path.join(dir, "pg", "postmaster.pid"))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir: dir, database: "keep" });
    try {
      expect(await query(second.url, "SELECT note FROM kept")).toEqual([{ note: "南京" }]);
      // A second launcher finds the running server and reuses it instead of failing on the lock file.
      const third = await startEmbeddedPostgres({ dataDir: dir, database: "keep" });
      expect(third.reused).toBe(true);
      expect(third.port).toBe(second.port);
      const [{ d }] = await query(second.url, "SELECT round(earth_distance(ll_to_earth(32.06, 118.79), ll_to_earth(31.23, 121.47))/1000) AS d");
      expect(Number(d)).toBeGreaterThan(260);
      expect(Number(d)).toBeLessThan(280);
    } finally {
      await second.stop();
    }
  });
});

describe("loading embedded-postgres", () => {
  it("leaves a process's exit code alone (a failed test run must exit non-zero)", async () => {
    const { execFile } = await import("node:child_process");
    // The library's exit hook used to call process.exit(0) when the loop drained, whatever exitCode was set.
    const script = `import("./server/db/embedded-postgres.ts")
      .then((m) => (m.loadEmbeddedPostgres ?? m.default.loadEmbeddedPostgres)())
      .then(() => { process.exitCode = 3; });`;
    const code = await new Promise<number | null>((resolve) => {
      execFile(process.execPath, ["--import", "tsx", "-e", script], { cwd: path.resolve(import.meta.dirname, "../..") }, (err) =>
        resolve(err ? ((err as { code?: number }).code ?? null) : 0),
      );
    });
    expect(code).toBe(3);
  }, 60_000);
});
