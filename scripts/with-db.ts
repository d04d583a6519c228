/**
 * Runs a TypeScript script with a migrated database: DATABASE_URL if set, else the embedded
 * PostgreSQL (started for the run, stopped after). Used by `npm run seed` and `npm run admin:create`.
 *   tsx scripts/with-db.ts prisma/seed.ts --scale 1000000
 */
import { env } from "@/lib/env";
import { resolveDatabase } from "./lib/database";
import { migrate } from "./lib/migrate";
import { run } from "./lib/run";

async function main() {
  const [script, ...rest] = process.argv.slice(2);
  if (!script) throw new Error("usage: tsx scripts/with-db.ts <script.ts> [args…]");
  const db = await resolveDatabase({ externalUrl: env.DATABASE_URL, dataDir: env.MUSTER_DATA_DIR, quiet: true });
  const stop = async () => db.stop();
  process.on("SIGINT", () => void stop().then(() => process.exit(130)));
  try {
    await migrate(db.url, { quiet: true });
    await run(process.execPath, ["--import", "tsx", script, ...rest], { ...process.env, DATABASE_URL: db.url });
  } finally {
    await stop();
  }
}

main().catch((e) => {
  console.error(`[muster] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
