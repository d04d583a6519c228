import crypto from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { freePort } from "@/server/db/embedded-postgres";
import { run, waitForHttp } from "@/scripts/lib/run";
import { resolveChromium } from "@/tests/helpers/browser";
import { withDatabase } from "@/tests/helpers/database-url";

/**
 * e2e global setup: builds the app (production build, as users get it), seeds a database copied
 * from the migrated template, and serves it with `next start` on a free port.
 */
export default async function setup(project: TestProject) {
  // Resolve (and, for the bundled one, unpack) the browser once, and say which one the run drives.
  const browser = await resolveChromium();
  console.info(`[tests] e2e: ${browser.kind === "system" ? "system" : "npm-installed (@sparticuz/chromium)"} Chromium at ${browser.executablePath}`);
  const provided = project.getProvidedContext();
  const adminUrl = provided.databaseAdminUrl;
  const template = provided.templateDatabase;
  const name = `muster_t_${provided.testRunId}_app`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await admin.end();
  const url = withDatabase(adminUrl, name);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    NEXT_TELEMETRY_DISABLED: "1",
    MUSTER_TEST: "1",
  };
  await run(process.execPath, ["--import", "tsx", "prisma/seed.ts", "--scale", "400", "--quiet"], env);
  await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], { ...env, NODE_ENV: "production" });

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...env, NODE_ENV: "production", PORT: String(port), APP_URL: baseUrl, AUTH_URL: baseUrl },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForHttp(`${baseUrl}/api/health`, 120_000);
  project.provide("appBaseUrl", baseUrl);
  project.provide("appDatabaseUrl", url);

  return async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
  };
}
