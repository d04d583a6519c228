import type { PrismaClient } from "@/server/db";
import { requireDatabaseUrl } from "@/lib/env";
import { enqueueJob, type JobHandler } from "@/server/jobs/queue";
import { diffPage, repair, type ReconcilePhase } from "@/server/modules/search/sync/reconcile";
import { startSearchSync, type SearchSync } from "@/server/modules/search/sync/sync-worker";
import { syncEngines } from "@/server/modules/search/sync/sync-engines";
import { pruneSearchOutbox } from "@/server/modules/search/sync/outbox-claim";
import { SEARCH_KINDS } from "@/server/modules/search/sync/search-tables";
import { pruneSearchTerms } from "@/server/modules/search/postgres-index";
import type { SearchEngine, SearchKind } from "@/server/modules/search/search-types";

export const SEARCH_RECONCILE_QUEUE = "search.reconcile";

/** Hourly: a full walk reads every (id, version) pair of the database and of each engine. */
const RECONCILE_EVERY_MS = 3600_000;

/**
 * One job run works for about this long, then re-arms itself (same key, due at once) with its cursor in the
 * payload: a run stays far inside the job lease (renewed by the queue's heartbeat meanwhile), a crash loses one
 * page of work, and the single keyed job row means two workers never walk at once.
 */
export const RECONCILE_SLICE_MS = 20_000;

/** A stage of the walk, named so a cursor saved under another engine set (MEILI_HOST changed) restarts cleanly. */
type Stage =
  | { name: string; run: "diff"; engine: SearchEngine; kind: SearchKind; phase: ReconcilePhase }
  | { name: string; run: "terms" }
  | { name: string; run: "outbox" };

export type ReconcileCursor = { stage: string; after: string | null; drift: number };

function stagesOf(engines: SearchEngine[]): Stage[] {
  const diff = engines.flatMap((engine) =>
    SEARCH_KINDS.flatMap((kind) => (["db", "engine"] as const).map((phase) => ({ name: `${engine.name}:${kind}:${phase}`, run: "diff" as const, engine, kind, phase }))),
  );
  return [...diff, { name: "terms", run: "terms" }, { name: "outbox", run: "outbox" }];
}

function cursorOf(payload: Record<string, unknown>, stages: Stage[]): ReconcileCursor {
  const c = payload.cursor as Partial<ReconcileCursor> | undefined;
  if (!c || typeof c.stage !== "string" || !stages.some((s) => s.name === c.stage)) return { stage: stages[0]!.name, after: null, drift: 0 };
  return { stage: c.stage, after: typeof c.after === "string" ? c.after : null, drift: Number(c.drift ?? 0) };
}

/** One page of a stage: repairs what it found; returns where the stage goes on (null: stage done) and the drift. */
async function runPage(db: PrismaClient, stage: Stage, after: string | null): Promise<{ next: string | null; drift: number }> {
  switch (stage.run) {
    case "diff": {
      const s = await diffPage(db, stage.engine, stage.kind, stage.phase, after);
      if (s.ids.length > 0) await repair(db, stage.engine, stage.kind, s.ids, s.newerIds);
      return { next: s.next, drift: s.ids.length };
    }
    case "terms": {
      const r = await pruneSearchTerms(db, after, 500);
      return { next: r.lastTerm, drift: 0 };
    }
    case "outbox":
      await pruneSearchOutbox(db);
      return { next: null, drift: 0 };
  }
}

/**
 * Works through the walk from `cursor` until it ends (→ null) or `sliceMs` passes (→ where to go on). Exported for
 * tests, which run it with a tiny slice.
 */
export async function reconcileSlice(db: PrismaClient, engines: SearchEngine[], cursor: ReconcileCursor, sliceMs = RECONCILE_SLICE_MS): Promise<ReconcileCursor | null> {
  const stages = stagesOf(engines);
  const deadline = Date.now() + sliceMs;
  let i = stages.findIndex((s) => s.name === cursor.stage);
  let { after, drift } = cursor;
  if (i < 0) [i, after] = [0, null];
  while (i < stages.length) {
    const r = await runPage(db, stages[i]!, after);
    drift += r.drift;
    if (r.next === null) [i, after] = [i + 1, null];
    else after = r.next;
    if (i < stages.length && Date.now() >= deadline) return { stage: stages[i]!.name, after, drift };
  }
  if (drift > 0) console.warn(`[muster] search reconcile repaired ${drift} drifted document(s)`);
  return null;
}

/**
 * The periodic reconcile (compare ids and versions between the database and each engine, repair drift; prune the
 * typo vocabulary's dead terms; drop search outbox rows processed over a day ago), a slice per run. It re-arms
 * itself under one key, as the live-event prune does: at once with its cursor while the walk goes on, in an hour
 * once it is done. The first run, armed at worker start, also fills an empty index after a bulk seed (the seed
 * loads with triggers off).
 */
export function searchJobHandlers(db: PrismaClient): Record<string, JobHandler> {
  return {
    [SEARCH_RECONCILE_QUEUE]: async (job) => {
      const engines = syncEngines(db);
      let cursor: ReconcileCursor | null = cursorOf(job.payload, stagesOf(engines));
      let failed = true;
      try {
        cursor = await reconcileSlice(db, engines, cursor);
        failed = false;
      } finally {
        // on failure too: from the saved cursor (the page that failed is tried again), after a minute
        const runAt = new Date(Date.now() + (failed ? 60_000 : cursor === null ? RECONCILE_EVERY_MS : 0));
        await enqueueJob(db, { queue: SEARCH_RECONCILE_QUEUE, key: SEARCH_RECONCILE_QUEUE, runAt, payload: cursor ? { cursor } : {} });
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
