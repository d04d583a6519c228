import type { PrismaClient } from "@/server/db";
import { startPollingLoop, type JobWorker } from "@/server/jobs/queue";
import { KNIGHT_COUNTS_EVERY_MS, publishKnightCountChanges, type KnightCounts } from "@/server/modules/command/knight-count-changes";

/**
 * Keeps the command centres' knight counts live (knight-count-changes.ts). A timer, not a queued job: it holds
 * the last reading in memory, and a missed tick only delays the next refresh. Two workers publish twice, which
 * the map's refetch coalesces.
 */
export function startKnightCountWatcher(db: PrismaClient, everyMs = KNIGHT_COUNTS_EVERY_MS): JobWorker {
  let last: KnightCounts | null = null;
  let failing = false;
  return startPollingLoop(async () => {
    try {
      last = (await publishKnightCountChanges(db, last)).counts;
      failing = false;
    } catch (e) {
      if (!failing) console.warn(`[muster] command centre: could not compare knight counts, trying again every ${everyMs} ms (${(e as Error).message})`);
      failing = true;
    }
    return false;
  }, everyMs);
}
