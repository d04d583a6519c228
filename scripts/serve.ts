/**
 * One command to a running Muster: database (DATABASE_URL or the embedded PostgreSQL) →
 * migrations → seed if empty → build if needed → Next.js on PORT, plus the job worker (offer holds,
 * next-candidate offers). Ctrl-C stops the app and the worker, then the embedded database, cleanly.
 *   npm run demo        production build, seeded demo data
 *   npm run dev         next dev (hot reload), seeded demo data
 *   npm start           production build, no seeding
 */
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { resolveDatabase } from "./lib/database";
import { migrate } from "./lib/migrate";
import { localAuthSecret } from "./lib/auth-secret";
import { assertPortFree, run, start, waitForHttp } from "./lib/run";

const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const seedIfEmpty = args.has("--seed-if-empty") || dev;
const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1);

function needsBuild(): boolean {
  // Rebuild when any source is newer than the last build.
  const buildId = path.resolve(".next/BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const newer = (dir: string): boolean =>
    fs.existsSync(dir) &&
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? e.name !== "generated" && newer(p) : fs.statSync(p).mtimeMs > built;
    });
  return ["app", "components", "lib", "server", "public"].some(newer);
}

/** APP_URL, plus the local port when APP_URL points elsewhere (e.g. a proxy in front of this server). */
function readyAt(): string {
  const url = new URL(env.APP_URL);
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return port === String(env.PORT) ? env.APP_URL : `${env.APP_URL} (this server listens on port ${env.PORT})`;
}

async function main() {
  await assertPortFree(env.PORT);
  const db = await resolveDatabase({ externalUrl: env.DATABASE_URL, dataDir: env.MUSTER_DATA_DIR });
  let app: ReturnType<typeof start> | undefined;
  let worker: ReturnType<typeof start> | undefined;
  let stopping = false;
  const stopChild = async (child: ReturnType<typeof start> | undefined) => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  };
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.info("\n[muster] stopping …");
    await Promise.all([stopChild(app), stopChild(worker)]);
    await db.stop();
    console.info("[muster] stopped cleanly.");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: db.url,
      AUTH_SECRET: env.AUTH_SECRET ?? localAuthSecret(env.MUSTER_DATA_DIR),
      PORT: String(env.PORT),
      // The one address every child prints and links to (lib/env.ts derives it from PORT when unset).
      APP_URL: env.APP_URL,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    await migrate(db.url, { quiet: true });
    console.info(`[muster] migrations applied (${secs()} s)`);
    if (seedIfEmpty) await run(process.execPath, ["--import", "tsx", "prisma/seed.ts", "--if-empty"], childEnv);
    if (dev) {
      app = start(process.execPath, ["node_modules/next/dist/bin/next", "dev", "-p", String(env.PORT)], childEnv);
    } else {
      if (needsBuild()) {
        console.info("[muster] building the app (first start only) …");
        await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], { ...childEnv, NODE_ENV: "production" });
      }
      app = start(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(env.PORT)], {
        ...childEnv,
        NODE_ENV: "production",
      });
    }
    app.on("exit", (code) => void shutdown(code ?? 0));
    worker = start(process.execPath, ["--import", "tsx", "scripts/worker.ts"], childEnv);
    await waitForHttp(`http://127.0.0.1:${env.PORT}/api/health`, 180_000);
    console.info(`\n[muster] ready at ${readyAt()} — started in ${secs()} s (database: ${db.source}). Ctrl-C stops it.`);
  } catch (e) {
    console.error(`\n[muster] ${e instanceof Error ? e.message : String(e)}`);
    await shutdown(1);
  }
}

main().catch((e) => {
  console.error(`[muster] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
