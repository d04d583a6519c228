import crypto from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { resolveDatabase } from "@/scripts/lib/database";
import { migrate } from "@/scripts/lib/migrate";
import { withDatabase } from "@/tests/helpers/database-url";

/**
 * Global setup for database-backed projects. DATABASE_URL set → that server (e.g. the PostgreSQL 15
 * on 127.0.0.1:5432); unset → an embedded PostgreSQL in .data/test-<project>. One migrated template
 * per run; every test file copies it into a database of its own (tests/helpers/db.ts).
 */
export default async function setup(project: TestProject) {
  const runId = crypto.randomBytes(4).toString("hex");
  const external = process.env.DATABASE_URL || undefined;
  const server = await resolveDatabase({
    externalUrl: external ? withDatabase(external, "postgres") : undefined,
    dataDir: `.data/test-${project.name}`,
    database: "postgres",
    ephemeral: true,
    quiet: true,
  });
  const template = `muster_tpl_${runId}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  if (server.source === "embedded") {
    // Our own server: clear databases left by runs that crashed.
    const stale = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'muster\\_%'");
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
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
  };
}
