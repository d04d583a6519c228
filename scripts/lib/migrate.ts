import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const MIGRATIONS_DIR = path.resolve("prisma/migrations");

/** True when every committed migration is recorded as applied (so the Prisma CLI's start-up can be skipped). */
async function upToDate(url: string): Promise<boolean> {
  const committed = fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Probe for the table rather than fail on it: a failed query is an ERROR line in the server log, which
    // the launcher shows, and a newcomer reads it as a failed first start.
    const { rows: found } = await client.query<{ exists: boolean }>(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists`);
    if (!found[0]?.exists) return false; // an empty database: nothing applied yet
    const { rows } = await client.query<{ name: string }>(
      `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((r) => r.name));
    return committed.every((m) => applied.has(m));
  } finally {
    await client.end();
  }
}

/**
 * Runs the Prisma CLI against `url` (the engine reads it from DATABASE_URL, see prisma.config.ts). Quiet:
 * output is collected and returned instead of shown.
 */
export function prismaCli(url: string, args: string[], opts: { quiet?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const cli = path.resolve("node_modules/prisma/build/index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: opts.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d) => (stdout += d));
    child.stderr?.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (c) => resolve({ code: c ?? 1, stdout, stderr }));
  });
}

/** Applies the committed Prisma migrations (prisma migrate deploy) — the same command on every path. */
export async function migrate(url: string, opts: { quiet?: boolean } = {}) {
  if (await upToDate(url)) return;
  const { code, stdout, stderr } = await prismaCli(url, ["migrate", "deploy"], opts);
  if (code !== 0 && opts.quiet) process.stderr.write(stdout + stderr);
  if (code !== 0) throw new Error(`Database migration failed (prisma migrate deploy exited with ${code}); see the output above.`);
}
