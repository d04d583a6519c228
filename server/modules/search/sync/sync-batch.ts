import type { Db, PrismaClient } from "@/server/db";
import type { SearchDocument, SearchEngine, SearchKind, SearchRef } from "@/server/modules/search/search-types";
import { loadSearchDocuments } from "@/server/modules/search/load-search-documents";
import { claimOutboxRows, markOutboxFailed, markOutboxProcessed, requeueForEngine, type OutboxKind, type OutboxRow } from "@/server/modules/search/sync/outbox-claim";
import { FAN_OUT_CHUNK, runFanOuts } from "@/server/modules/search/sync/fan-out";
import { SEARCH_TABLE, currentVersions } from "@/server/modules/search/sync/search-tables";

export type SyncBatchResult = {
  /** Outbox rows claimed (0: nothing was ready). */
  rows: number;
  /** Documents written or removed, over all engines' first pass. */
  documents: number;
  /** commit → indexed latency of each processed row, ms. */
  latenciesMs: number[];
  failed: boolean;
};

/** The first engine is the primary one (PostgreSQL): it must take the batch, or the whole batch is retried. */
export type SyncOptions = {
  engines: SearchEngine[];
  batch?: number;
  /** Dependents a batch touches at most for organisation / type / incident / user / region changes (FAN_OUT_CHUNK). */
  fanOutChunk?: number;
  log?: (message: string, error?: unknown) => void;
};

/** Current documents of these ids, plus removal refs for the ids that are gone or no longer indexable. */
export async function documentsFor(db: Db, kind: SearchKind, ids: string[]): Promise<{ docs: SearchDocument[]; removed: SearchRef[] }> {
  if (ids.length === 0) return { docs: [], removed: [] };
  const docs = await loadSearchDocuments(db, kind, ids);
  const present = new Set(docs.map((d) => d.id));
  const absent = ids.filter((id) => !present.has(id));
  const versions = await currentVersions(db, kind, absent);
  return { docs, removed: absent.map((id) => ({ kind, id, version: versions.get(id)! })) };
}

async function push(engine: SearchEngine, docs: SearchDocument[], removed: SearchRef[]) {
  if (docs.length) await engine.upsert(docs);
  if (removed.length) await engine.remove(removed);
}

/**
 * One batch in one transaction: claim (SKIP LOCKED, deduped by aggregate), fan organisation / type / incident
 * changes out to the documents that show them (a bounded chunk of them; the rest continues in later batches), read the current documents, push them with their versions, mark
 * the rows processed. A crash anywhere before the commit leaves the rows pending for the next worker; pushing a
 * document twice is harmless (an engine keeps the highest version). A failing primary engine rolls the batch back
 * and the rows wait with backoff; a failing secondary engine gets its own retry rows, so PostgreSQL search never
 * waits for Meilisearch.
 */
export async function runSyncBatch(db: PrismaClient, opts: SyncOptions): Promise<SyncBatchResult> {
  let claimed: OutboxRow[] = [];
  try {
    return await db.$transaction(
      async (tx) => {
        claimed = await claimOutboxRows(tx, opts.batch ?? 500);
        if (claimed.length === 0) return { rows: 0, documents: 0, latenciesMs: [], failed: false };
        const forEngine = new Map<string | null, Map<OutboxKind, Set<string>>>();
        for (const r of claimed) {
          const kinds = forEngine.get(r.engine) ?? new Map<OutboxKind, Set<string>>();
          forEngine.set(r.engine, kinds);
          const ids = kinds.get(r.kind) ?? new Set<string>();
          kinds.set(r.kind, ids);
          ids.add(r.aggregateId);
        }
        let documents = 0;
        for (const [only, kinds] of forEngine) {
          const engines = only === null ? opts.engines : opts.engines.filter((e) => e.name === only);
          if (only === null) await runFanOuts(tx, claimed.filter((r) => r.engine === null), opts.fanOutChunk ?? FAN_OUT_CHUNK);
          const attempts = Math.max(0, ...claimed.filter((r) => r.engine === only).map((r) => r.attempts));
          for (const kind of Object.keys(SEARCH_TABLE) as SearchKind[]) {
            const ids = [...(kinds.get(kind) ?? [])];
            if (ids.length === 0) continue;
            const { docs, removed } = await documentsFor(tx, kind, ids);
            documents += docs.length + removed.length;
            for (const [i, engine] of engines.entries()) {
              if (i === 0 && only === null) {
                await push(engine, docs, removed);
                continue;
              }
              try {
                await push(engine, docs, removed);
              } catch (e) {
                opts.log?.(`search sync: ${engine.name} failed, its ${ids.length} ${kind} document(s) will be retried`, e);
                await requeueForEngine(tx, engine.name, ids.map((id) => ({ kind, id })), attempts, e);
              }
            }
          }
        }
        const latenciesMs = await markOutboxProcessed(tx, claimed.map((r) => r.id));
        return { rows: claimed.length, documents, latenciesMs, failed: false };
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (e) {
    opts.log?.(`search sync: a batch of ${claimed.length} outbox row(s) failed; retrying with backoff`, e);
    await markOutboxFailed(db, claimed, e);
    return { rows: claimed.length, documents: 0, latenciesMs: [], failed: true };
  }
}
