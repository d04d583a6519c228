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

/**
 * The upsert of one hit, its subject and window start given as SQL expressions over `source` (a FROM clause,
 * or none): HIT_SQL counts a known subject; the API-key lookup (server/auth/actor.ts) counts the key it
 * finds in the same statement.
 */
export function hitUpsertSql(subject: string, windowStart: string, source = ""): string {
  return `
INSERT INTO rate_limit_bucket AS b (key, window_start, hits)
SELECT ${subject}, ${windowStart}, 1 ${source}
ON CONFLICT (key) DO UPDATE
  SET hits = CASE WHEN EXCLUDED.window_start > b.window_start THEN 1 ELSE b.hits + 1 END,
      window_start = GREATEST(b.window_start, EXCLUDED.window_start)
RETURNING b.hits, b.window_start`;
}

const HIT_SQL = hitUpsertSql("$1::text", "$2::timestamptz");

/** A subject's window after one hit: what the upsert returns. */
export type CountedHit = { hits: number; window_start: Date };

export const windowStart = (now: Date, b: Budget) => {
  const ms = b.windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
};

const secondsLeft = (start: Date, b: Budget, now: Date) =>
  Math.max(1, Math.ceil((start.getTime() + b.windowSeconds * 1000 - now.getTime()) / 1000));

export async function countHit(db: Db, hit: Hit, now: Date): Promise<HitResult> {
  const [row] = await preparedQuery<CountedHit>(db, "rate_limit_hit", HIT_SQL, [hit.key, windowStart(now, hit.budget)]);
  return hitResult(hit, row!, now);
}

/** The verdict on a hit once counted (here, or in the statement that found the API key). */
export function hitResult(hit: Hit, row: CountedHit, now: Date): HitResult {
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
