import type { Db } from "@/server/db";
import { queueFanOutContinuation, type OutboxKind, type OutboxRow } from "@/server/modules/search/sync/outbox-claim";

/**
 * Rows shown inside other documents: a listing carries its owner organisation (name, verification), its type's
 * names, its person's name and expert standing, its region's names; a need its type, incident, requesting
 * organisation and region. Their change is fanned out by touching the dependent rows: the touch gives each a new
 * search_version (so the index takes the new document over the old one: versions only grow) and, through the
 * rows' own outbox trigger, queues them in this same transaction. Rows are locked in id order to keep clear of
 * deadlocks with writers that lock several listings.
 *
 * A batch touches at most `limit` dependents and says where it stopped; the caller queues the rest as continuation
 * rows. A resource type shown in 100,000 listings, touched in one transaction, held their row locks for 90 s under
 * the surge drill's load, and every offer on those listings waited behind it.
 */

/** The tables a fan-out touches, in the order it walks them. */
export const FAN_OUT_TABLES = ["resource", "need", "organization"] as const;
export type FanOutTable = (typeof FAN_OUT_TABLES)[number];

/** Where a fan-out stopped: the table, and the last id touched in it (ids are walked in the database's order). */
export type FanOutCursor = { table: FanOutTable; after: string };

/** Dependents touched per batch (a chunk's locks are held for milliseconds, not for the whole fan-out). */
export const FAN_OUT_CHUNK = 1000;

type Sources = { orgs: string[]; types: string[]; incidents: string[]; users: string[]; within: string[] };

/** Touches up to `limit` dependents of one table after `after` (null: from its first id); returns how many and the last. */
async function touch(tx: Db, table: FanOutTable, s: Sources, after: string | null, limit: number): Promise<{ n: number; last: string | null }> {
  const rows =
    table === "resource"
      ? await tx.$queryRaw<{ n: number; last: string | null }[]>`
          WITH t AS (
            SELECT id FROM resource
            WHERE (owner_org_id = ANY(${s.orgs}::text[]) OR type_id = ANY(${s.types}::text[])
                   OR owner_user_id = ANY(${s.users}::text[]) OR region_code = ANY(${s.within}::text[]))
              AND (${after}::text IS NULL OR id > ${after}::text)
            ORDER BY id LIMIT ${limit} FOR UPDATE),
          u AS (UPDATE resource r SET search_version = 0 FROM t WHERE r.id = t.id RETURNING r.id)
          SELECT count(*)::int AS n, max(id) AS last FROM u`
      : table === "need"
        ? await tx.$queryRaw<{ n: number; last: string | null }[]>`
            WITH t AS (
              SELECT n.id FROM need n JOIN incident i ON i.id = n.incident_id
              WHERE (n.incident_id = ANY(${s.incidents}::text[]) OR i.org_id = ANY(${s.orgs}::text[])
                     OR n.type_id = ANY(${s.types}::text[]) OR i.region_code = ANY(${s.within}::text[]))
                AND (${after}::text IS NULL OR n.id > ${after}::text)
              ORDER BY n.id LIMIT ${limit} FOR UPDATE OF n),
            u AS (UPDATE need x SET search_version = 0 FROM t WHERE x.id = t.id RETURNING x.id)
            SELECT count(*)::int AS n, max(id) AS last FROM u`
        : await tx.$queryRaw<{ n: number; last: string | null }[]>`
            WITH t AS (
              SELECT id FROM organization WHERE region_code = ANY(${s.within}::text[])
                AND (${after}::text IS NULL OR id > ${after}::text)
              ORDER BY id LIMIT ${limit} FOR UPDATE),
            u AS (UPDATE organization o SET search_version = 0 FROM t WHERE o.id = t.id RETURNING o.id)
            SELECT count(*)::int AS n, max(id) AS last FROM u`;
  return rows[0] ?? { n: 0, last: null };
}

/** Whether a table can have dependents of these sources at all (skips its query otherwise). */
function reaches(table: FanOutTable, s: Sources): boolean {
  if (table === "resource") return s.orgs.length + s.types.length + s.users.length + s.within.length > 0;
  if (table === "need") return s.orgs.length + s.types.length + s.incidents.length + s.within.length > 0;
  return s.within.length > 0;
}

/**
 * Touches the dependents of these changed rows, starting at `from` (a continuation) or at the beginning, at most
 * `limit` of them; returns where it stopped, or null when every dependent has been touched.
 */
export async function fanOutDependents(tx: Db, kinds: Map<OutboxKind, Set<string>>, from: FanOutCursor | null = null, limit = FAN_OUT_CHUNK): Promise<FanOutCursor | null> {
  const ids = (k: OutboxKind) => [...(kinds.get(k) ?? [])];
  const regions = ids("region");
  // A region's code and everything below it (its names show in the paths of its districts' documents).
  const within = regions.length
    ? (await tx.$queryRaw<{ code: string }[]>`
        WITH RECURSIVE r AS (SELECT code FROM region WHERE code = ANY(${regions}::text[])
          UNION SELECT g.code FROM region g JOIN r ON g.parent_code = r.code)
        SELECT code FROM r`).map((r) => r.code)
    : [];
  const s: Sources = { orgs: ids("organization"), types: ids("type"), incidents: ids("incident"), users: ids("user"), within };
  let budget = limit;
  for (const table of FAN_OUT_TABLES.slice(from ? FAN_OUT_TABLES.indexOf(from.table) : 0)) {
    if (!reaches(table, s)) continue;
    const after = from?.table === table ? from.after : null;
    const { n, last } = await touch(tx, table, s, after, budget);
    budget -= n;
    if (budget === 0 && last !== null) return { table, after: last };
  }
  return null;
}

/** Outbox kinds shown inside other documents, whose change touches those documents' rows. */
const FAN_OUT_SOURCES: readonly OutboxKind[] = ["organization", "type", "incident", "user", "region"];

/**
 * The batch's fan-outs: a changed row's dependents from the start, a continuation's from its cursor (a fresh change
 * of the same row restarts it, as do two continuations that disagree); sources sharing a cursor go in one pass.
 * What a pass leaves is queued as continuation rows of its sources.
 */
export async function runFanOuts(tx: Db, rows: OutboxRow[], limit: number): Promise<void> {
  const bySource = new Map<string, { kind: OutboxKind; id: string; cursor: FanOutCursor | null }>();
  for (const r of rows) {
    if (!FAN_OUT_SOURCES.includes(r.kind)) continue;
    const key = `${r.kind}\u0000${r.aggregateId}`;
    const had = bySource.get(key);
    const same = had !== undefined && JSON.stringify(had.cursor) === JSON.stringify(r.fanOut);
    bySource.set(key, { kind: r.kind, id: r.aggregateId, cursor: had === undefined || same ? r.fanOut : null });
  }
  const passes = new Map<string, { cursor: FanOutCursor | null; kinds: Map<OutboxKind, Set<string>>; refs: { kind: OutboxKind; id: string }[] }>();
  for (const src of bySource.values()) {
    const key = JSON.stringify(src.cursor);
    const pass = passes.get(key) ?? { cursor: src.cursor, kinds: new Map<OutboxKind, Set<string>>(), refs: [] as { kind: OutboxKind; id: string }[] };
    passes.set(key, pass);
    pass.kinds.set(src.kind, (pass.kinds.get(src.kind) ?? new Set()).add(src.id));
    pass.refs.push({ kind: src.kind, id: src.id });
  }
  for (const pass of passes.values()) {
    const stopped = await fanOutDependents(tx, pass.kinds, pass.cursor, limit);
    if (stopped) await queueFanOutContinuation(tx, pass.refs, stopped);
  }
}
