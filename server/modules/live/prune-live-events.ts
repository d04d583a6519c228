import type { Db } from "@/server/db";

export const LIVE_PRUNE_QUEUE = "live.prune";
/** Events are a resume buffer, not a history: a client away longer than this refetches its state. */
export const LIVE_RETENTION_HOURS = 24;

/** Deletes live events older than the retention window; returns how many went. */
export async function pruneLiveEvents(db: Db, now = new Date(), retentionHours = LIVE_RETENTION_HOURS): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionHours * 3600_000);
  const res = await db.liveEvent.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return res.count;
}
