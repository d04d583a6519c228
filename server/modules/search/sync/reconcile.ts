import type { Db } from "@/server/db";
import type { SearchEngine, SearchKind, VersionRow } from "@/server/modules/search/search-types";
import { indexableVersionsOf, scanIndexableVersions } from "@/server/modules/search/load-search-documents";
import { documentsFor } from "@/server/modules/search/sync/sync-batch";
import { SEARCH_KINDS, SEARCH_TABLE } from "@/server/modules/search/sync/search-tables";
import { Prisma } from "@/server/generated/prisma/client";

/**
 * The periodic reconcile, in small steps that each finish in well under a second or two, so the job can stop
 * after any of them and continue from a cursor (server/jobs/search-jobs.ts), never outliving its lease:
 *  - "db" pages: the next PAGE ids of the kind's table, their versions beside the engine's for the same ids →
 *    missing, stale, or newer in the engine than in the database;
 *  - "engine" pages: the next PAGE ids the engine holds, looked up in the database → orphans.
 * Only (id, version) pairs are read; a repair re-reads the current document at repair time (never the possibly
 * older page the step read), so a change the worker syncs meanwhile is not undone: the engine keeps the higher
 * version either way. Each side pages in its own order; the other side is looked up by ids, so the database's
 * collation and the engine's order of ids need not agree.
 */

export type DriftCounts = { missing: number; stale: number; orphan: number; newer: number };
export type ReconcileReport = Record<SearchKind, DriftCounts> & { checked: number; repaired: number };
export type ReconcilePhase = "db" | "engine";
export type ReconcileStep = { counts: DriftCounts; ids: string[]; newerIds: string[]; checked: number; next: string | null };

export const RECONCILE_PAGE = 2000;

const noDrift = (): DriftCounts => ({ missing: 0, stale: 0, orphan: 0, newer: 0 });
const byId = (rows: VersionRow[]) => new Map(rows.map((r) => [r.id, BigInt(r.version)]));

/** Compares one page (of the database's ids or of the engine's) and says where the next page starts (null: done). */
export async function diffPage(db: Db, engine: SearchEngine, kind: SearchKind, phase: ReconcilePhase, after: string | null, page = RECONCILE_PAGE): Promise<ReconcileStep> {
  const counts = noDrift();
  const ids: string[] = [];
  const newerIds: string[] = [];
  if (phase === "db") {
    const { rows, lastId } = await scanIndexableVersions(db, kind, after, page);
    const indexed = byId(await engine.versionsOf(kind, rows.map((r) => r.id)));
    for (const r of rows) {
      const v = BigInt(r.version);
      const have = indexed.get(r.id);
      if (have === v) continue;
      if (have === undefined) counts.missing++;
      else if (have < v) counts.stale++;
      else {
        counts.newer++;
        newerIds.push(r.id);
      }
      ids.push(r.id);
    }
    return { counts, ids, newerIds, checked: rows.length, next: lastId };
  }
  const rows = await engine.versions(kind, after, page);
  if (rows.length === 0) return { counts, ids, newerIds, checked: 0, next: null };
  const live = byId(await indexableVersionsOf(db, kind, rows.map((r) => r.id)));
  for (const r of rows) if (!live.has(r.id)) ids.push(r.id);
  counts.orphan = ids.length;
  return { counts, ids, newerIds, checked: 0, next: rows[rows.length - 1]!.id };
}

/** Brings the engine's entries for these ids in line with the database (upsert the current document, or remove it). */
export async function repair(db: Db, engine: SearchEngine, kind: SearchKind, ids: string[], newerIds: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    // An engine entry newer than the database's row cannot be overwritten (versions only grow, removals leave
    // tombstones): touch the row instead, which gives it a version above every one drawn so far.
    const ahead = slice.filter((id) => newerIds.includes(id));
    if (ahead.length) await db.$executeRaw`UPDATE ${Prisma.raw(`"${SEARCH_TABLE[kind]}"`)} SET search_version = 0 WHERE id = ANY(${ahead}::text[])`;
    const { docs, removed } = await documentsFor(db, kind, slice);
    if (docs.length) await engine.upsert(docs);
    if (removed.length) await engine.remove(removed);
  }
}

/** Ids whose engine entry differs from the database's document, for one kind (both walks, no repair). */
export async function diffKind(db: Db, engine: SearchEngine, kind: SearchKind, page = RECONCILE_PAGE): Promise<{ counts: DriftCounts; ids: string[]; newerIds: Set<string>; checked: number }> {
  const counts = noDrift();
  const ids: string[] = [];
  const newerIds = new Set<string>();
  let checked = 0;
  for (const phase of ["db", "engine"] as const) {
    for (let after: string | null = null; ; ) {
      const s = await diffPage(db, engine, kind, phase, after, page);
      for (const k of Object.keys(counts) as (keyof DriftCounts)[]) counts[k] += s.counts[k];
      ids.push(...s.ids);
      for (const id of s.newerIds) newerIds.add(id);
      checked += s.checked + s.counts.orphan;
      if (s.next === null) break;
      after = s.next;
    }
  }
  return { counts, ids, newerIds, checked };
}

/** Compares every kind on one engine, page by page, repairing as it goes (unless `repair: false`); what it found. */
export async function reconcileEngine(db: Db, engine: SearchEngine, opts: { repair?: boolean } = {}): Promise<ReconcileReport> {
  const report = { checked: 0, repaired: 0 } as ReconcileReport;
  for (const kind of SEARCH_KINDS) {
    report[kind] = noDrift();
    for (const phase of ["db", "engine"] as const) {
      for (let after: string | null = null; ; ) {
        const s = await diffPage(db, engine, kind, phase, after);
        for (const k of Object.keys(s.counts) as (keyof DriftCounts)[]) report[kind][k] += s.counts[k];
        report.checked += s.checked + s.counts.orphan;
        if (opts.repair !== false && s.ids.length > 0) {
          await repair(db, engine, kind, s.ids, s.newerIds);
          report.repaired += s.ids.length;
        }
        if (s.next === null) break;
        after = s.next;
      }
    }
  }
  return report;
}

export const totalDrift = (r: ReconcileReport) =>
  SEARCH_KINDS.reduce((n, k) => n + r[k].missing + r[k].stale + r[k].orphan + r[k].newer, 0);
