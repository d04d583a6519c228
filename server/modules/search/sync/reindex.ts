import type { Db } from "@/server/db";
import type { SearchEngine, SearchKind } from "@/server/modules/search/search-types";
import { scanSearchDocuments } from "@/server/modules/search/load-search-documents";
import { documentsFor } from "@/server/modules/search/sync/sync-batch";
import { SEARCH_KINDS, SEARCH_TABLE } from "@/server/modules/search/sync/search-tables";
import { Prisma } from "@/server/generated/prisma/client";

export type ReindexProgress = { kind: SearchKind; done: number; total: number };
export type ReindexResult = { documents: number; removed: number; ms: number; perKind: Record<SearchKind, number> };

/** Rows per kind, for the progress bar's total (an upper bound: not every row is indexable, e.g. closed needs). */
export async function countRows(db: Db): Promise<Record<SearchKind, number>> {
  const out = {} as Record<SearchKind, number>;
  for (const kind of SEARCH_KINDS) {
    const rows = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM ${Prisma.raw(`"${SEARCH_TABLE[kind]}"`)}`;
    out[kind] = Number(rows[0]!.n);
  }
  return out;
}

/**
 * Rebuilds every engine from the database: settings first, then every kind in id pages (documents carry their
 * versions, so a sync worker running meanwhile is never undone), then removes what the engines hold that the
 * database no longer indexes. Safe to run while the app and the worker run.
 */
export async function reindexAll(
  db: Db,
  engines: SearchEngine[],
  /**
   * `limit`: stop each kind after about this many documents and skip the orphan pass (the benchmark's sample).
   * `bulk`: let engines load in bulk (PostgreSQL drops its GIN/GiST indexes and builds them once at the end:
   * searches are slow until then), for a first build or a planned rebuild.
   */
  opts: { page?: number; kinds?: SearchKind[]; limit?: number; bulk?: boolean; onProgress?: (p: ReindexProgress) => void } = {},
): Promise<ReindexResult> {
  const started = performance.now();
  for (const engine of engines) await engine.ensureSettings();
  if (opts.bulk) {
    // nested: each engine's bulk mode wraps the whole load
    const load = engines.reduceRight<() => Promise<ReindexResult>>(
      (inner, e) => (e.bulkLoad ? () => e.bulkLoad!(inner) : inner),
      () => reindexPages(db, engines, opts, started),
    );
    const r = await load();
    return { ...r, ms: performance.now() - started };
  }
  return reindexPages(db, engines, opts, started);
}

async function reindexPages(
  db: Db, engines: SearchEngine[], opts: { page?: number; kinds?: SearchKind[]; limit?: number; onProgress?: (p: ReindexProgress) => void }, started: number,
): Promise<ReindexResult> {
  const page = opts.page ?? 1000;
  const totals = await countRows(db);
  const perKind = {} as Record<SearchKind, number>;
  let documents = 0;
  let removed = 0;
  for (const kind of opts.kinds ?? SEARCH_KINDS) {
    const seen = new Set<string>();
    let after: string | null = null;
    let scanned = 0;
    // the next page is read while this one is written: the database and the app's term cutting overlap
    let next = scanSearchDocuments(db, kind, after, page);
    for (;;) {
      const { docs, lastId } = await next;
      if (lastId === null) break;
      after = lastId;
      const last = opts.limit !== undefined && scanned + docs.length >= opts.limit;
      if (!last) next = scanSearchDocuments(db, kind, after, page);
      for (const d of docs) seen.add(d.id);
      await Promise.all(engines.map((e) => e.upsert(docs)));
      scanned += docs.length;
      opts.onProgress?.({ kind, done: scanned, total: Math.max(totals[kind], scanned) });
      if (opts.limit !== undefined && scanned >= opts.limit) break;
    }
    opts.onProgress?.({ kind, done: scanned, total: scanned }); // not every row is indexable (e.g. closed needs)
    perKind[kind] = scanned;
    documents += scanned;
    for (const engine of opts.limit === undefined ? engines : []) {
      let cursor: string | null = null;
      const gone: string[] = [];
      for (;;) {
        const rows = await engine.versions(kind, cursor, 5000);
        if (rows.length === 0) break;
        cursor = rows[rows.length - 1]!.id;
        for (const r of rows) if (!seen.has(r.id)) gone.push(r.id);
      }
      for (let i = 0; i < gone.length; i += 500) {
        // Re-read: a document created after its page was scanned is kept (upserted), not removed.
        const { docs, removed: refs } = await documentsFor(db, kind, gone.slice(i, i + 500));
        if (docs.length) await engine.upsert(docs);
        if (refs.length) await engine.remove(refs);
        removed += refs.length;
      }
    }
  }
  return { documents, removed, ms: performance.now() - started, perKind };
}
