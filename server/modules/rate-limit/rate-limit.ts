import { preparedQuery, type Db } from "@/server/db";
import type { Budget } from "@/server/modules/rate-limit/rate-limit-config";

/**
 * A fixed-window counter per subject in `rate_limit_bucket`, shared by every app instance: one atomic
 * upsert per request (one round trip) counts the hit and returns the window's count. A row from an older
 * window restarts at 1; GREATEST keeps a slightly fast clock on another instance from rewinding a window.
 * Refused requests count too, which changes nothing: the window still ends on time.
 */
export type Hit = { key: string; budget: Budget };

export type HitResult = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends (≥ 1). */
  resetSeconds: number;
  windowSeconds: number;
};

const HIT_SQL = `
INSERT INTO rate_limit_bucket AS b (key, window_start, hits)
VALUES ($1::text, $2::timestamptz, 1)
ON CONFLICT (key) DO UPDATE
  SET hits = CASE WHEN EXCLUDED.window_start > b.window_start THEN 1 ELSE b.hits + 1 END,
      window_start = GREATEST(b.window_start, EXCLUDED.window_start)
RETURNING b.hits, b.window_start`;

type Row = { hits: number; window_start: Date };

const windowStart = (now: Date, b: Budget) => {
  const ms = b.windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
};

const secondsLeft = (start: Date, b: Budget, now: Date) =>
  Math.max(1, Math.ceil((start.getTime() + b.windowSeconds * 1000 - now.getTime()) / 1000));

export async function countHit(db: Db, hit: Hit, now: Date): Promise<HitResult> {
  const [row] = await preparedQuery<Row>(db, "rate_limit_hit", HIT_SQL, [hit.key, windowStart(now, hit.budget)]);
  const { limit } = hit.budget;
  return {
    allowed: row.hits <= limit,
    limit,
    remaining: Math.max(0, limit - row.hits),
    resetSeconds: secondsLeft(row.window_start, hit.budget, now),
    windowSeconds: hit.budget.windowSeconds,
  };
}

/** Rows whose window ended long ago carry no information; the worker drops them now and then. */
export async function pruneRateLimitBuckets(db: Db, now = new Date(), olderThanMs = 24 * 60 * 60 * 1000): Promise<number> {
  return db.$executeRaw`DELETE FROM rate_limit_bucket WHERE window_start < ${new Date(now.getTime() - olderThanMs)}`;
}
