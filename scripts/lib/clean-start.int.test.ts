import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { resolveDatabase, type ResolvedDatabase } from "./database";
import { migrate } from "./migrate";

/**
 * The first `npm run demo` on a fresh clone: the launcher starts an empty embedded PostgreSQL, shows its
 * ERROR/FATAL/PANIC log lines as `[postgres] …`, and migrates. Nothing is wrong, so nothing may read as an
 * error. Its own server (not the shared test one), because the first migration of an empty database is
 * the case, and only a server started here lets the test read the log the launcher reads (and stop it).
 */
describe("first start on an empty database", () => {
  const dataDir = path.resolve(".data/test", `clean-start-${crypto.randomBytes(4).toString("hex")}`);
  let db: ResolvedDatabase | undefined;

  afterAll(async () => {
    await db?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("migrates twice (fresh, then up to date) without one ERROR line from the launcher or the server", async () => {
    const printed: string[] = [];
    const capture = (...args: unknown[]) => void printed.push(args.map(String).join(" "));
    const error = vi.spyOn(console, "error").mockImplementation(capture);
    const info = vi.spyOn(console, "info").mockImplementation(capture);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (capture(String(chunk)), true));
    try {
      db = await resolveDatabase({ dataDir, ephemeral: true });
      await migrate(db.url, { quiet: true });
      await migrate(db.url, { quiet: true });

      // A statement that does fail: its line proves the server log reaches this test, and — the log being
      // one ordered stream — that every line the migrations caused has arrived before it.
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      await client.query("SELECT * FROM clean_start_probe_missing").catch(() => undefined);
      await client.end();
      await vi.waitFor(() => expect(printed.join("\n")).toContain("clean_start_probe_missing"), { timeout: 10_000 });
    } finally {
      error.mockRestore();
      info.mockRestore();
      stderr.mockRestore();
    }

    const errors = printed.flatMap((l) => l.split("\n")).filter((l) => /ERROR|FATAL|PANIC/.test(l) && !l.includes("clean_start_probe_missing"));
    expect(errors).toEqual([]);
    expect(printed.some((l) => l.includes("embedded PostgreSQL started"))).toBe(true);
  });

  it("stops (Ctrl-C) without a FATAL line for the connections still open", async () => {
    const printed: string[] = [];
    const error = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(" ")));
    try {
      // The app and the worker still hold connections when Ctrl-C reaches PostgreSQL.
      const client = new pg.Client({ connectionString: db!.url });
      client.on("error", () => undefined);
      await client.connect();
      await db!.stop();
      await client.end().catch(() => undefined);
    } finally {
      error.mockRestore();
    }
    expect(printed).toEqual([]);
  });
});
