import type { Db } from "@/server/db";
import type { SearchEngine, SearchKind, VersionRow } from "@/server/modules/search/search-types";
import { scanSearchDocuments } from "@/server/modules/search/load-search-documents";
import { documentsFor } from "@/server/modules/search/sync/sync-batch";
import { SEARCH_KINDS, SEARCH_TABLE } from "@/server/modules/search/sync/search-tables";
import { Prisma } from "@/server/generated/prisma/client";

/**
 * The periodic reconcile: walks the database's documents and each engine's (id, version) pairs in id order, side
 * by side, and repairs what differs — missing from the engine, stale there, or an orphan the database no longer
 * indexes. A repair re-reads the current document at repair time (never the possibly older page the walk read),
 * so a change the worker syncs meanwhile is not undone: the engine keeps the higher version either way.
 */

export type DriftCounts = { missing: number; stale: number; orphan: number; newer: number };
export type ReconcileReport = Record<SearchKind, DriftCounts> & { checked: number; repaired: number };

const PAGE = 2000;

/** Every page of a keyset-paged source (ordered by id on its own side, so `after` is consistent there). */
async function* pages(fetch: (afterId: string | null) => Promise<VersionRow[]>): AsyncGenerator<VersionRow[]> {
  let after: string | null = null;
  for (;;) {
    const rows = await fetch(after);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Ids whose engine entry differs from the database's document. The engine's pairs are held in a map (about 100 MB
 * at a million documents) rather than merged in id order: the database's collation and the engine's order of ids
 * need not agree.
 */
export async function diffKind(db: Db, engine: SearchEngine, kind: SearchKind, page = PAGE): Promise<{ counts: DriftCounts; ids: string[]; newerIds: Set<string>; checked: number }> {
  const indexed = new Map<string, bigint>();
  for await (const rows of pages((after) => engine.versions(kind, after, page))) for (const r of rows) indexed.set(r.id, BigInt(r.version));
  const counts: DriftCounts = { missing: 0, stale: 0, orphan: 0, newer: 0 };
  const ids: string[] = [];
  const newerIds = new Set<string>();
  let checked = indexed.size;
  for (let after: string | null = null; ; ) {
    const { docs, lastId } = await scanSearchDocuments(db, kind, after, page);
    if (lastId === null) break;
    after = lastId;
    for (const r of docs) {
      const v = BigInt(r.version);
      const have = indexed.get(r.id);
      indexed.delete(r.id);
      if (have === undefined) {
        checked++;
        counts.missing++;
      } else if (have < v) counts.stale++;
      else if (have > v) {
        counts.newer++;
        newerIds.add(r.id);
      } else continue;
      ids.push(r.id);
    }
  }
  counts.orphan = indexed.size;
  ids.push(...indexed.keys());
  return { counts, ids, newerIds, checked };
}

/** Compares every kind on one engine and repairs the drift; returns what it found. */
export async function reconcileEngine(db: Db, engine: SearchEngine, opts: { repair?: boolean } = {}): Promise<ReconcileReport> {
  const report = { checked: 0, repaired: 0 } as ReconcileReport;
  for (const kind of SEARCH_KINDS) {
    const { counts, ids, newerIds, checked } = await diffKind(db, engine, kind);
    report[kind] = counts;
    report.checked += checked;
    if (opts.repair === false || ids.length === 0) continue;
    for (let i = 0; i < ids.length; i += 500) {
      const slice = ids.slice(i, i + 500);
      // An engine entry newer than the database's row cannot be overwritten (versions only grow, removals leave
      // tombstones): touch the row instead, which gives it a version above every one drawn so far.
      const ahead = slice.filter((id) => newerIds.has(id));
      if (ahead.length) await db.$executeRaw`UPDATE ${Prisma.raw(`"${SEARCH_TABLE[kind]}"`)} SET search_version = 0 WHERE id = ANY(${ahead}::text[])`;
      const { docs, removed } = await documentsFor(db, kind, slice);
      if (docs.length) await engine.upsert(docs);
      if (removed.length) await engine.remove(removed);
      report.repaired += slice.length;
    }
  }
  return report;
}

export const totalDrift = (r: ReconcileReport) =>
  SEARCH_KINDS.reduce((n, k) => n + r[k].missing + r[k].stale + r[k].orphan + r[k].newer, 0);
