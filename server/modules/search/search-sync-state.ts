import type { Db } from "@/server/db";
import type { SearchEngineName } from "@/server/modules/search/search-types";

/**
 * The sync worker's report of how far an engine's index lags the database (search_sync_state). searchExchange
 * reads it to decide whether Meilisearch may answer.
 */

export type SyncLag = { lagMs: number; updatedAt: Date };

export async function recordSyncLag(db: Db, engine: SearchEngineName, lagMs: number): Promise<void> {
  const lag = Math.max(0, Math.round(lagMs));
  await db.$executeRaw`
    INSERT INTO search_sync_state (engine, lag_ms, updated_at) VALUES (${engine}, ${lag}, now())
    ON CONFLICT (engine) DO UPDATE SET lag_ms = EXCLUDED.lag_ms, updated_at = EXCLUDED.updated_at`;
}

export async function readSyncLag(db: Db, engine: SearchEngineName): Promise<SyncLag | null> {
  const rows = await db.$queryRaw<{ lag_ms: bigint | number; updated_at: Date }[]>`
    SELECT lag_ms, updated_at FROM search_sync_state WHERE engine = ${engine}`;
  const r = rows[0];
  return r ? { lagMs: Number(r.lag_ms), updatedAt: r.updated_at } : null;
}
