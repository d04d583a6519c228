import path from "node:path";
import { env } from "@/lib/env";
import { createPrismaClient, type PrismaClient } from "@/server/db";
import { resolveDatabase } from "@/scripts/lib/database";
import { migrate } from "@/scripts/lib/migrate";
import { run } from "@/scripts/lib/run";

/** The 1M seed's hot set must fit in memory (as in bench/match.ts). */
const SCALE_SHARED_BUFFERS = "2GB";

/**
 * The scale-N scratch database bench/match.ts builds: an embedded PostgreSQL in <MUSTER_DATA_DIR>/bench-N,
 * migrated on every open (new migrations apply on top) and seeded with `prisma/seed.ts --scale N` only when
 * it holds fewer resources than asked, so later runs (and other benches) reuse it.
 */
export async function openScaleDatabase(scale: number, log: (l: string) => void = console.info): Promise<{ url: string; db: PrismaClient; stop: () => Promise<void> }> {
  const dataDir = path.resolve(env.MUSTER_DATA_DIR, `bench-${scale}`);
  const database = await resolveDatabase({ dataDir, ephemeral: true, quiet: true, sharedBuffers: SCALE_SHARED_BUFFERS });
  const db = createPrismaClient(database.url, 4);
  try {
    await migrate(database.url, { quiet: true });
    const have = Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM resource`)[0]!.n);
    if (have < scale * 0.9) {
      log(`[bench] seeding a scratch database with --scale ${scale} …`);
      const t0 = Date.now();
      await run(process.execPath, ["--import", "tsx", "prisma/seed.ts", "--scale", String(scale), "--quiet"], { ...process.env, DATABASE_URL: database.url });
      log(`[bench] seeded in ${Math.round((Date.now() - t0) / 1000)} s`);
    }
  } catch (e) {
    await db.$disconnect();
    await database.stop();
    throw e;
  }
  return {
    url: database.url,
    db,
    stop: async () => {
      await db.$disconnect();
      await database.stop();
    },
  };
}
