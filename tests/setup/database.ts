import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { resolveDatabase } from "@/scripts/lib/database";
import { migrate } from "@/scripts/lib/migrate";
import { withDatabase } from "@/tests/helpers/database-url";

/**
 * Global setup for database-backed projects. DATABASE_URL set → that server (e.g. the PostgreSQL 15
 * on 127.0.0.1:5432); unset → an embedded PostgreSQL of this run's own in .data/test/<project>-<run>,
 * so runs side by side never share (or stop) each other's server. One migrated template per run;
 * every test file copies it into a database of its own (tests/helpers/db.ts).
 */
const EMBEDDED_ROOT = path.resolve(".data/test");

/** Data folders of earlier runs whose server is no longer running (a crashed or killed run). */
function removeAbandonedRuns() {
  if (!fs.existsSync(EMBEDDED_ROOT)) return;
  for (const name of fs.readdirSync(EMBEDDED_ROOT)) {
    // A run that is still initialising has no server yet: leave recent folders alone.
    if (Date.now() - fs.statSync(path.join(EMBEDDED_ROOT, name)).mtimeMs < 15 * 60_000) continue;
    const pidFile = path.join(EMBEDDED_ROOT, name, "pg", "postmaster.pid");
    const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]) : NaN;
    let alive = false;
    try {
      alive = Number.isFinite(pid) && process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive) fs.rmSync(path.join(EMBEDDED_ROOT, name), { recursive: true, force: true });
  }
}

export default async function setup(project: TestProject) {
  const runId = crypto.randomBytes(4).toString("hex");
  const external = process.env.DATABASE_URL || undefined;
  const dataDir = path.join(EMBEDDED_ROOT, `${project.name}-${runId}`);
  if (!external) removeAbandonedRuns();
  const server = await resolveDatabase({
    externalUrl: external ? withDatabase(external, "postgres") : undefined,
    dataDir,
    database: "postgres",
    ephemeral: true,
    quiet: true,
  });
  const template = `muster_tpl_${runId}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${template}"`);
  await migrate(withDatabase(server.url, template), { quiet: true });
  await admin.end();

  project.provide("databaseAdminUrl", server.url);
  project.provide("templateDatabase", template);
  project.provide("testRunId", runId);
  console.info(`[tests] ${project.name}: ${server.source} PostgreSQL, template ${template} migrated`);

  return async () => {
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    const mine = await c.query("SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2", [`muster_t_${runId}_%`, template]);
    for (const { datname } of mine.rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await c.end();
    await server.stop();
    if (server.source === "embedded") fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
