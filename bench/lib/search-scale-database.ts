import path from "node:path";
import { env } from "@/lib/env";
import { createPrismaClient } from "@/server/db";
import { resolveDatabase, type ResolvedDatabase } from "@/scripts/lib/database";
import { migrate } from "@/scripts/lib/migrate";
import { run } from "@/scripts/lib/run";

/** The 1M seed's hot set plus the search documents: as bench/match.ts, it must fit in memory. */
export const SCALE_SHARED_BUFFERS = "2GB";

/**
 * The same scratch database bench/match.ts uses: an embedded PostgreSQL in <MUSTER_DATA_DIR>/bench-N, migrated
 * and seeded once with `prisma/seed.ts --scale N` and reused by later runs (of either benchmark).
 */
export async function openScaleDatabase(scale: number, log: (line: string) => void): Promise<ResolvedDatabase> {
  const dataDir = path.resolve(env.MUSTER_DATA_DIR, `bench-${scale}`);
  const database = await resolveDatabase({ dataDir, ephemeral: true, quiet: true, sharedBuffers: SCALE_SHARED_BUFFERS });
  await migrate(database.url, { quiet: true });
  const db = createPrismaClient(database.url, 2);
  try {
    const have = Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM resource`)[0]!.n);
    if (have < scale * 0.9) {
      log(`seeding a scratch database with --scale ${scale} …`);
      await run(process.execPath, ["--import", "tsx", "prisma/seed.ts", "--scale", String(scale)], { ...process.env, DATABASE_URL: database.url });
    }
  } finally {
    await db.$disconnect();
  }
  return database;
}
