import type { PrismaClient } from "@/server/db";
import { requireDatabaseUrl } from "@/lib/env";
import { enqueueJob, type JobHandler } from "@/server/jobs/queue";
import { reconcileEngine, totalDrift } from "@/server/modules/search/sync/reconcile";
import { startSearchSync, type SearchSync } from "@/server/modules/search/sync/sync-worker";
import { syncEngines } from "@/server/modules/search/sync/sync-engines";
import { pruneSearchOutbox } from "@/server/modules/search/sync/outbox-claim";

export const SEARCH_RECONCILE_QUEUE = "search.reconcile";

/** Hourly: a full walk costs about as much as a reindex read (≈ a minute at a million listings on 2 cores). */
const RECONCILE_EVERY_MS = 3600_000;

/**
 * The periodic reconcile (compare ids and versions between the database and each engine, repair drift; then drop
 * search outbox rows processed over a day ago). It
 * re-arms itself under one key, as the live-event prune does; the first run, armed at worker start, also fills
 * an empty index after a bulk seed (the seed loads with triggers off).
 */
export function searchJobHandlers(db: PrismaClient): Record<string, JobHandler> {
  return {
    [SEARCH_RECONCILE_QUEUE]: async () => {
      try {
        for (const engine of syncEngines(db)) {
          const report = await reconcileEngine(db, engine);
          if (totalDrift(report) > 0) console.warn(`[muster] search reconcile (${engine.name}) repaired drift: ${JSON.stringify(report)}`);
        }
        await pruneSearchOutbox(db);
      } finally {
        await enqueueJob(db, { queue: SEARCH_RECONCILE_QUEUE, key: SEARCH_RECONCILE_QUEUE, runAt: new Date(Date.now() + RECONCILE_EVERY_MS) });
      }
    },
  };
}

/** Arms the reconcile once at worker start unless a run is pending or in progress. */
export async function armSearchReconcile(db: PrismaClient): Promise<void> {
  const job = await db.job.findUnique({ where: { key: SEARCH_RECONCILE_QUEUE }, select: { doneAt: true, failedAt: true } });
  if (job && !job.doneAt && !job.failedAt) return;
  await enqueueJob(db, { queue: SEARCH_RECONCILE_QUEUE, key: SEARCH_RECONCILE_QUEUE });
}

/** The outbox → engines loop (LISTEN/NOTIFY-driven), next to the job worker. */
export function startSearchSyncWorker(db: PrismaClient): SearchSync {
  return startSearchSync(db, { url: requireDatabaseUrl(), engines: syncEngines(db) });
}
