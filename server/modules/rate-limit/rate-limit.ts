import { preparedQuery, type Db } from "@/server/db";
import type { Budget } from "@/server/modules/rate-limit/rate-limit-config";
import { MicroBatcher } from "@/server/modules/dispatch/micro-batcher";

/**
 * A fixed-window counter per subject in `rate_limit_bucket`, shared by every app instance: one atomic
 * upsert counts the hits (one round trip for a request, or for a burst of them) and returns the window's count. A row from an older
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
 * The upsert of one hit, its subject and window start given as SQL expressions over `source` (a FROM clause):
 * the API-key lookup (server/auth/actor.ts) counts the key it finds in the same statement.
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

/** A subject's window after one hit: what the upsert returns. */
export type CountedHit = { hits: number; window_start: Date };

export const windowStart = (now: Date, b: Budget) => {
  const ms = b.windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
};

const secondsLeft = (start: Date, b: Budget, now: Date) =>
  Math.max(1, Math.ceil((start.getTime() + b.windowSeconds * 1000 - now.getTime()) / 1000));

/** One batcher per database client: hits of one burst share a statement (see countHits). */
const batchers = new WeakMap<object, MicroBatcher<{ hit: Hit; now: Date }, HitResult>>();

/**
 * Counts one request. Through a client, hits arriving while an earlier statement runs are counted together
 * in the next one (countHits): a burst of hundreds of mutations (riders answering an offer wave) would
 * otherwise queue one round trip each on the few connections of the prepared-statement pool before any of
 * them reached its procedure. A lone hit is counted at once, as before. Inside a transaction: one statement.
 */
export async function countHit(db: Db, hit: Hit, now: Date): Promise<HitResult> {
  if (!("$transaction" in db)) return (await countHits(db, [{ hit, now }]))[0]!.value;
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new MicroBatcher((items) => countHits(db, items))));
  return batcher.submit({ hit, now });
}

const HITS_SQL = `
INSERT INTO rate_limit_bucket AS b (key, window_start, hits)
SELECT v.key, v.window_start, v.n FROM unnest($1::text[], $2::timestamptz[], $3::int[]) AS v(key, window_start, n)
ON CONFLICT (key) DO UPDATE
  SET hits = CASE WHEN EXCLUDED.window_start > b.window_start THEN EXCLUDED.hits ELSE b.hits + EXCLUDED.hits END,
      window_start = GREATEST(b.window_start, EXCLUDED.window_start)
RETURNING b.key, b.hits, b.window_start`;

/**
 * Several hits in one atomic upsert: per key, the n hits of the batch are added at once (a row from an older
 * window restarts at n), and the i-th of them (arrival order) is told it was hit number (total − n + i + 1) —
 * exactly what n single upserts in that order would have told them. Hits of one key in one batch share the
 * batch's latest window start (a batch spans microseconds; at a window edge they count in the new window).
 */
async function countHits(db: Db, items: { hit: Hit; now: Date }[]): Promise<{ ok: true; value: HitResult }[]> {
  const byKey = new Map<string, { windowStart: Date; indexes: number[] }>();
  items.forEach(({ hit, now }, i) => {
    const ws = windowStart(now, hit.budget);
    const g = byKey.get(hit.key);
    if (!g) byKey.set(hit.key, { windowStart: ws, indexes: [i] });
    else {
      g.indexes.push(i);
      if (ws > g.windowStart) g.windowStart = ws;
    }
  });
  const keys = [...byKey.keys()];
  const rows = await preparedQuery<CountedHit & { key: string }>(db, "rate_limit_hits", HITS_SQL, [
    keys,
    keys.map((k) => byKey.get(k)!.windowStart),
    keys.map((k) => byKey.get(k)!.indexes.length),
  ]);
  const out: { ok: true; value: HitResult }[] = new Array(items.length);
  for (const row of rows) {
    const g = byKey.get(row.key)!;
    g.indexes.forEach((index, i) => {
      const { hit, now } = items[index]!;
      out[index] = { ok: true, value: hitResult(hit, { hits: row.hits - g.indexes.length + i + 1, window_start: row.window_start }, now) };
    });
  }
  return out;
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
