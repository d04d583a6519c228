import type { Db } from "@/server/db";
import type { FanOutCursor } from "@/server/modules/search/sync/fan-out";

/**
 * The search rows of the outbox (written by triggers, migration 20261206150000_search_sync_outbox): claimed oldest
 * first with FOR UPDATE SKIP LOCKED inside the caller's transaction, so a worker that dies mid-batch simply lets
 * its rows go (the transaction aborts with the connection) and another worker takes them. Nothing is leased.
 */

/** Outbox topics the sync reads: the four searchable kinds, plus rows that only fan out to the documents showing them. */
export const OUTBOX_KINDS = ["resource", "need", "organization", "type", "incident", "user", "region"] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export type OutboxRow = {
  id: string;
  kind: OutboxKind;
  aggregateId: string;
  attempts: number;
  createdAt: Date;
  engine: string | null;
  /** A fan-out's continuation: where the previous batch stopped touching this row's dependents. */
  fanOut: FanOutCursor | null;
};

type Raw = { id: string; topic: string; aggregate_id: string; attempts: number; created_at: Date; engine: string | null; fan_out: FanOutCursor | null };

/**
 * A row's `available_at` is the trigger's clock_timestamp() stored in milliseconds, and PostgreSQL rounds to them:
 * a change committed a moment before the claim could lie up to half a millisecond "in the future" and wait for the
 * next wake-up (CI saw a batch right after a rename claim nothing). Backoffs are whole seconds; a millisecond's
 * allowance changes none of them.
 */
const ROUNDING_ALLOWANCE = "1 millisecond";

/**
 * Claims up to `batch` pending rows, and with them every other pending row of the same aggregates (dedupe: the
 * document is read after the claim, so it covers every change committed before it). Rows another worker holds
 * are skipped, never waited for.
 */
export async function claimOutboxRows(tx: Db, batch: number): Promise<OutboxRow[]> {
  const rows = await tx.$queryRaw<Raw[]>`
    WITH picked AS (
      SELECT topic, aggregate_id FROM outbox_event
      WHERE processed_at IS NULL AND topic LIKE 'search.%' AND available_at <= statement_timestamp() + ${ROUNDING_ALLOWANCE}::interval
      ORDER BY created_at
      LIMIT ${batch}
      FOR UPDATE SKIP LOCKED)
    SELECT o.id, o.topic, o.aggregate_id, o.attempts, o.created_at, o.payload->>'engine' AS engine, o.payload->'fanOut' AS fan_out
    FROM outbox_event o
    WHERE o.processed_at IS NULL AND o.topic LIKE 'search.%' AND o.available_at <= statement_timestamp() + ${ROUNDING_ALLOWANCE}::interval
      AND (o.topic, o.aggregate_id) IN (SELECT DISTINCT topic, aggregate_id FROM picked)
    FOR UPDATE OF o SKIP LOCKED`;
  return rows
    .map((r) => ({ id: r.id, kind: r.topic.slice("search.".length) as OutboxKind, aggregateId: r.aggregate_id, attempts: r.attempts, createdAt: r.created_at, engine: r.engine, fanOut: r.fan_out }))
    .filter((r) => (OUTBOX_KINDS as readonly string[]).includes(r.kind));
}

/** Marks claimed rows done; returns each row's commit → indexed latency in ms (clock of the database). */
export async function markOutboxProcessed(tx: Db, ids: string[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await tx.$queryRaw<{ ms: number }[]>`
    UPDATE outbox_event SET processed_at = clock_timestamp(), last_error = NULL
    WHERE id = ANY(${ids}::text[])
    RETURNING (extract(epoch FROM processed_at - created_at) * 1000)::float8 AS ms`;
  return rows.map((r) => r.ms);
}

/** Backoff before retry n (1-based): 2^n seconds, capped at 10 minutes (as the job queue). */
export function syncBackoffSeconds(attempt: number): number {
  return Math.min(600, 2 ** attempt);
}

/** After a failed batch (its transaction rolled back): count the attempt, keep the error, wait before the next. */
export async function markOutboxFailed(db: Db, rows: OutboxRow[], error: unknown): Promise<void> {
  if (rows.length === 0) return;
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  await db.$executeRaw`
    UPDATE outbox_event SET attempts = attempts + 1, last_error = ${message},
      available_at = clock_timestamp() + make_interval(secs => least(600, power(2, attempts + 1))::float8)
    WHERE id = ANY(${rows.map((r) => r.id)}::text[]) AND processed_at IS NULL`;
}

type SearchRef = { kind: OutboxKind; id: string };

/**
 * Queues search rows for these refs in the batch's transaction: with `payload` (an engine, a fan-out cursor) and,
 * for a retry, its attempt count, error and backoff.
 */
async function queueSearchRows(tx: Db, refs: SearchRef[], payload: object, retry = { attempts: 0, error: null as string | null, delayS: 0 }): Promise<void> {
  if (refs.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO outbox_event (id, topic, aggregate_id, payload, attempts, last_error, created_at, available_at)
    SELECT 'sx' || replace(gen_random_uuid()::text, '-', ''), 'search.' || k, i, ${JSON.stringify(payload)}::jsonb,
      ${retry.attempts}, ${retry.error}::text, clock_timestamp(), clock_timestamp() + make_interval(secs => ${retry.delayS})
    FROM unnest(${refs.map((r) => r.kind)}::text[], ${refs.map((r) => r.id)}::text[]) AS u(k, i)`;
}

/**
 * Queues rows for one engine only (a secondary engine that failed: the primary already has the documents, so it
 * must not wait for the secondary one). Same transaction as the batch.
 */
export async function requeueForEngine(tx: Db, engine: string, refs: SearchRef[], attempts: number, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  await queueSearchRows(tx, refs, { engine }, { attempts: attempts + 1, error: message, delayS: syncBackoffSeconds(attempts + 1) });
}

/** Queues the rest of a fan-out that stopped at `cursor`: one row per source, ready at once (same transaction as the batch). */
export async function queueFanOutContinuation(tx: Db, refs: SearchRef[], cursor: FanOutCursor): Promise<void> {
  await queueSearchRows(tx, refs, { fanOut: cursor });
}

/** Age of the oldest pending search row in ms (0 when none): what "the index lags the database" means. */
export async function oldestPendingAgeMs(db: Db, engine?: string): Promise<number> {
  const rows = engine
    ? await db.$queryRaw<{ ms: number | null }[]>`
        SELECT (extract(epoch FROM clock_timestamp() - min(created_at)) * 1000)::float8 AS ms FROM outbox_event
        WHERE processed_at IS NULL AND topic LIKE 'search.%' AND (payload->>'engine' IS NULL OR payload->>'engine' = ${engine})`
    : await db.$queryRaw<{ ms: number | null }[]>`
        SELECT (extract(epoch FROM clock_timestamp() - min(created_at)) * 1000)::float8 AS ms FROM outbox_event
        WHERE processed_at IS NULL AND topic LIKE 'search.%'`;
  return Math.max(0, Math.round(rows[0]?.ms ?? 0));
}

/** Processed search rows are only history: kept a day for looking into a lag, then deleted (by the reconcile job). */
export async function pruneSearchOutbox(db: Db, olderThanMs = 86_400_000): Promise<number> {
  return db.$executeRaw`
    DELETE FROM outbox_event WHERE topic LIKE 'search.%' AND processed_at < clock_timestamp() - make_interval(secs => ${olderThanMs / 1000})`;
}
