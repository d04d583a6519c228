import type { PrismaClient } from "@/server/db";
import { enqueueJob, type JobHandler } from "@/server/jobs/queue";
import { LIVE_PRUNE_QUEUE, pruneLiveEvents } from "@/server/modules/live/prune-live-events";
import { pruneRateLimitBuckets } from "@/server/modules/rate-limit/rate-limit";

const PRUNE_EVERY_MS = 3600_000;

/**
 * The hourly retention job of the live-event log (and, riding along, of long-ended request-budget windows:
 * one row per caller otherwise stays forever). It re-arms itself under one key (the queue clears the
 * lock on re-arm, so the finished run does not mark the next one done).
 */
export function liveJobHandlers(db: PrismaClient): Record<string, JobHandler> {
  return {
    [LIVE_PRUNE_QUEUE]: async () => {
      await pruneLiveEvents(db);
      await pruneRateLimitBuckets(db);
      await enqueueJob(db, { queue: LIVE_PRUNE_QUEUE, key: LIVE_PRUNE_QUEUE, runAt: new Date(Date.now() + PRUNE_EVERY_MS) });
    },
  };
}

/** Arms the prune job once (at worker start) unless a run is already pending or in progress. */
export async function armLivePrune(db: PrismaClient): Promise<void> {
  const job = await db.job.findUnique({ where: { key: LIVE_PRUNE_QUEUE }, select: { doneAt: true, failedAt: true } });
  if (job && !job.doneAt && !job.failedAt) return;
  await enqueueJob(db, { queue: LIVE_PRUNE_QUEUE, key: LIVE_PRUNE_QUEUE });
}
