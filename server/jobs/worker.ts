import { hostname } from "node:os";
import type { PrismaClient } from "@/server/db";
import { startJobWorker, type JobHandler, type JobWorker } from "@/server/jobs/queue";
import { offerJobHandlers } from "@/server/jobs/offer-jobs";
import { knightJobHandlers } from "@/server/jobs/knight-jobs";
import { dispatchJobHandlers } from "@/server/jobs/dispatch-jobs";
import { armLivePrune, liveJobHandlers } from "@/server/jobs/live-jobs";
import { armSearchReconcile, SEARCH_RECONCILE_QUEUE, searchJobHandlers, startSearchSyncWorker } from "@/server/jobs/search-jobs";
import { startAuditChainer } from "@/server/jobs/audit-jobs";
import { paymentJobHandlers } from "@/server/jobs/payment-jobs";
import { startKnightCountWatcher } from "@/server/jobs/knight-count-watcher";
import { NOTIFICATION_EMAIL_QUEUE, sendNotificationEmail } from "@/server/modules/notifications/notify";

/** Every queue the app runs; other slices add their handlers here (e.g. knight dispatch waves). */
export function allJobHandlers(db: PrismaClient): Record<string, JobHandler> {
  return {
    ...offerJobHandlers(db),
    ...knightJobHandlers(db),
    ...dispatchJobHandlers(db),
    ...liveJobHandlers(db),
    ...searchJobHandlers(db),
    ...paymentJobHandlers(db),
    [NOTIFICATION_EMAIL_QUEUE]: (job) => sendNotificationEmail(db, job.payload as Parameters<typeof sendNotificationEmail>[1]),
  };
}

/**
 * Queues whose one job works for many seconds (a search reconcile slice: 20 s). They get a loop of their own: in a
 * shared batch, the hold expiries claimed beside a slice waited for it, slice after slice after a restart (the surge
 * drill's jobs still claimed at its end).
 */
export const LONG_JOB_QUEUES: readonly string[] = [SEARCH_RECONCILE_QUEUE];

/** Runs `handlers`: the quick queues in batches of 10, the long ones one job at a time in a loop beside them. */
export function startQueueLoops(db: PrismaClient, handlers: Record<string, JobHandler>, workerId: string, intervalMs = 1000): JobWorker {
  const queues = Object.keys(handlers);
  const long = queues.filter((q) => LONG_JOB_QUEUES.includes(q));
  const loops = [startJobWorker(db, { queues: queues.filter((q) => !long.includes(q)), handlers, workerId, batch: 10, intervalMs })];
  if (long.length > 0) loops.push(startJobWorker(db, { queues: long, handlers, workerId, batch: 1, intervalMs }));
  return { stop: async () => void (await Promise.all(loops.map((l) => l.stop()))) };
}

/**
 * Starts the app's worker over every registered queue, and beside it the search sync loop (outbox → search
 * engines, woken by NOTIFY), the chaining of audit rows left pending and the watch on the command map's knight
 * counts; `stop()` finishes the current batches and returns.
 */
export function startAppWorker(db: PrismaClient, intervalMs = 1000): JobWorker {
  const handlers = allJobHandlers(db);
  void armLivePrune(db).catch((e) => console.error("[muster] could not arm the live-event retention job", e));
  void armSearchReconcile(db).catch((e) => console.error("[muster] could not arm the search reconcile job", e));
  const jobs = startQueueLoops(db, handlers, `${hostname()}:${process.pid}`, intervalMs);
  const search = startSearchSyncWorker(db);
  const audits = startAuditChainer(db);
  const knightCounts = startKnightCountWatcher(db);
  return { stop: async () => void (await Promise.all([jobs.stop(), search.stop(), audits.stop(), knightCounts.stop()])) };
}
