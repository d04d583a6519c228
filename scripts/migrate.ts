/** `npm run db:migrate`: apply the committed migrations to DATABASE_URL or the embedded PostgreSQL. */
import { env } from "@/lib/env";
import { resolveDatabase } from "./lib/database";
import { migrate } from "./lib/migrate";

async function main() {
  const db = await resolveDatabase({ externalUrl: env.DATABASE_URL, dataDir: env.MUSTER_DATA_DIR });
  try {
    await migrate(db.url);
  } finally {
    await db.stop();
  }
}

main().catch((e) => {
  console.error(`[muster] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
