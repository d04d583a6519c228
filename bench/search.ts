/**
 * Search benchmark (not a test): `npm run bench:search [-- --scale 1000000] [--runs 3] [--quick] [--explain] [--rebuild]`.
 * The scratch database is bench/match.ts's: an embedded PostgreSQL in <MUSTER_DATA_DIR>/bench-N seeded once with
 * `prisma/seed.ts --scale N` (1M listings by default) and reused; the search index is built once (a full bulk
 * reindex, its documents/s printed; `--rebuild` forces it, e.g. after an analyser change) and kept. Each run, on the PostgreSQL engine, in the same process and database:
 *  1. the query mix (bench/lib/search-queries.ts: Chinese, English, pinyin, facets, geo) as a supplier: p50/p95/p99;
 *  2. the floor: the bare GIN lookup of the same tsquery (first page of ids; no ranking, count, facets or geo);
 *  3. today's browse text search (ILIKE '%q%' on titles, server/modules/listings/browse-search.ts as it runs: first
 *     page in id order, or nearest first with a point; it shows no total): every query of the mix, as many times;
 *  4. reindex throughput on a sample of listings (the reindex command's path, documents/s);
 *  5. sync lag: single-row updates committed while the sync worker runs → readable in the index, p95.
 * Prints a min/median/max table over the runs and a final JSON line of the medians, ratios included.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { ZSearchRequest } from "@/lib/schemas/search";
import { postgresEngine } from "@/server/modules/search/postgres-engine";
import { searchViewerOf } from "@/server/modules/search/search-viewer";
import { ensureSearchIndex } from "@/bench/lib/search-index";
import { openScaleDatabase } from "@/bench/lib/scale-database";
import { benchQueries, type BenchQuery } from "@/bench/lib/search-queries";
import { floorTsquery, measureQueries, measureReindex, measureSyncLag, p } from "@/bench/lib/search-bench";
import { median, r1, spread } from "@/bench/lib/stats";

type RunFigures = {
  search_p50_ms: number; search_p95_ms: number; search_p99_ms: number; floor_p50_ms: number; floor_p95_ms: number;
  ilike_p50_ms: number; ilike_p95_ms: number; reindex_docs_per_s: number; sync_lag_p50_ms: number; sync_lag_p95_ms: number;
  search_floor_ratio: number; ilike_speedup: number;
};

/** A member of a verified enterprise with listings: the supplier view (public listings, open needs, own org). */
async function supplierActor(db: PrismaClient): Promise<Actor> {
  const [m] = await db.$queryRaw<{ user_id: string; org_id: string }[]>`
    SELECT m.user_id, m.org_id FROM membership m JOIN organization o ON o.id = m.org_id
    WHERE o.kind = 'ENTERPRISE' AND o.verification = 'VERIFIED' ORDER BY m.org_id, m.user_id LIMIT 1`;
  if (!m) throw new Error("the bench seed has no member of a verified enterprise");
  return { via: "session", userId: m.user_id, roles: ["SUPPLIER"], memberships: [{ orgId: m.org_id, orgRole: "MEMBER", orgKind: "ENTERPRISE", verification: "VERIFIED" }] };
}

/** p95 of search, floor and ILIKE within each query group (zh, en, pinyin, facet, geo) of one run. */
function groupP95(queries: BenchQuery[], byLabel: Map<string, { search: number[]; floor: number[]; ilike: number[] }>) {
  const out: Record<string, { search: number; floor: number; ilike: number }> = {};
  for (const g of [...new Set(queries.map((q) => q.group))]) {
    const of = (k: "search" | "floor" | "ilike") => p(queries.filter((q) => q.group === g).flatMap((q) => byLabel.get(q.label)?.[k] ?? []), 95);
    out[g] = { search: of("search"), floor: of("floor"), ilike: of("ilike") };
  }
  return out;
}

async function main() {
  const { values } = parseArgs({
    options: { scale: { type: "string" }, runs: { type: "string" }, quick: { type: "boolean" }, explain: { type: "boolean" }, rebuild: { type: "boolean" } },
  });
  const scale = Number(values.scale ?? 1_000_000);
  const runs = Number(values.runs ?? 3);
  const quick = values.quick ?? false;
  const database = await openScaleDatabase(scale);
  const db = database.db;
  // The floor's connections: a GIN lookup by construction, as the search statement runs. Left to the planner, a
  // prefix query (paolao: 'py:paolao':*) was planned as a sequential scan detoasting every vector (4 s at 100k
  // documents), a floor slower than the search it is the floor of.
  const pool = new pg.Pool({ connectionString: database.url, max: 2, options: "-c enable_seqscan=off -c jit=off" });
  try {
    const fullReindex = await ensureSearchIndex(db, { rebuild: values.rebuild ?? false });
    await postgresEngine(db).ensureSettings(); // the GIN/GiST indexes, if an interrupted bulk load left them dropped
    // a migration that rewrote every row (20261207210000 backfills title_tsv) leaves the old versions behind: bitmap
    // scans would read twice the pages until autovacuum gets there
    const [dead] = await db.$queryRaw<{ dead: number; live: number }[]>`
      SELECT n_dead_tup::float8 AS dead, n_live_tup::float8 AS live FROM pg_stat_user_tables WHERE relname = 'search_document'`;
    if (dead && dead.dead > 0.1 * dead.live) await db.$executeRawUnsafe("VACUUM (ANALYZE) search_document");
    await db.$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
    await db.$queryRawUnsafe(`SELECT sum(pg_prewarm(c::regclass))::bigint AS pages FROM unnest(ARRAY['search_document', 'search_document_tsv_gin',
      'search_document_position_gist', 'search_document_pkey', 'resource', 'resource_type', 'organization']) AS c`);
    const engine = postgresEngine(db);
    const actor = await supplierActor(db);
    const viewer = searchViewerOf(actor);
    const queries = benchQueries();
    const ids = (await db.$queryRaw<{ id: string }[]>`SELECT id FROM search_document WHERE kind = 'resource' ORDER BY md5(id) LIMIT 2000`).map((r) => r.id);
    const docs = Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM search_document`)[0]!.n);
    console.info(`[bench] ${docs.toLocaleString("en-US")} documents indexed; ${queries.length} queries; ${quick ? "quick" : "full"} mode`);

    const figures: RunFigures[] = [];
    const groupRuns: Array<Record<string, { search: number; floor: number; ilike: number }>> = [];
    let lastByLabel: Awaited<ReturnType<typeof measureQueries>>["byLabel"] | null = null;
    for (let r = 0; r < runs; r++) {
      console.info(`[bench] run ${r + 1}/${runs}`);
      const q = await measureQueries(db, pool, engine, actor, viewer, queries, quick ? 1 : 3, quick ? 1 : 3);
      lastByLabel = q.byLabel;
      groupRuns.push(groupP95(queries, q.byLabel));
      const reindex = await measureReindex(db, engine, quick ? 5_000 : 20_000);
      const lags = await measureSyncLag(db, database.url, engine, ids, quick ? 40 : 100);
      const f: RunFigures = {
        search_p50_ms: p(q.search, 50), search_p95_ms: p(q.search, 95), search_p99_ms: p(q.search, 99),
        floor_p50_ms: p(q.floor, 50), floor_p95_ms: p(q.floor, 95),
        ilike_p50_ms: p(q.ilike, 50), ilike_p95_ms: p(q.ilike, 95),
        reindex_docs_per_s: Math.round(reindex), sync_lag_p50_ms: p(lags, 50), sync_lag_p95_ms: p(lags, 95),
        search_floor_ratio: 0, ilike_speedup: 0,
      };
      f.search_floor_ratio = r1(f.search_p95_ms / f.floor_p95_ms);
      f.ilike_speedup = r1(f.ilike_p95_ms / f.search_p95_ms);
      figures.push(f);
      console.info(`  ${JSON.stringify(f)}`);
    }

    const col = (k: keyof RunFigures) => figures.map((f) => f[k]);
    const row = (metric: string, k: keyof RunFigures, round?: (x: number) => number) => ({ metric, ...spread(col(k), round) });
    console.table([
      row("search p50 (ms), PostgreSQL engine", "search_p50_ms"),
      row("search p95 (ms)", "search_p95_ms"),
      row("search p99 (ms)", "search_p99_ms"),
      row("floor: bare GIN lookup, same terms, p50 (ms)", "floor_p50_ms"),
      row("floor p95 (ms)", "floor_p95_ms"),
      row("search_floor_ratio (p95/p95)  [target ≤ 3]", "search_floor_ratio", r1),
      row("today's browse ILIKE p50 (ms)", "ilike_p50_ms"),
      row("today's browse ILIKE p95 (ms)", "ilike_p95_ms"),
      row("ilike_speedup (p95/p95)  [target ≥ 50]", "ilike_speedup", r1),
      row("reindex (documents/s), sample", "reindex_docs_per_s", Math.round),
      row("sync lag p50 (ms), commit → searchable", "sync_lag_p50_ms"),
      row("sync lag p95 (ms)  [target ≤ 1000]", "sync_lag_p95_ms"),
    ]);
    if (lastByLabel) {
      console.info("per query, last run (median of its repetitions, ms; total with + when capped):");
      console.table([...lastByLabel.entries()].map(([label, v]) => ({
        query: label, search: r1(median(v.search)), floor: r1(median(v.floor)), ilike: r1(median(v.ilike)),
        "search/floor": r1(median(v.search) / median(v.floor)), "ilike/search": r1(median(v.ilike) / median(v.search)),
        total: `${v.total}${v.capped ? "+" : ""}`,
      })));
    }
    // where each side's p95 comes from: the query groups' own p95s (median over the runs)
    const groups = Object.fromEntries(
      Object.keys(groupRuns[0] ?? {}).map((g) => {
        const m = (k: "search" | "floor" | "ilike") => median(groupRuns.map((x) => x[g]![k]));
        return [g, { search_p95_ms: m("search"), floor_p95_ms: m("floor"), ilike_p95_ms: m("ilike"), ilike_speedup: r1(m("ilike") / m("search")) }];
      }),
    );
    console.info("per query group (p95 within the group, median over the runs):");
    console.table(Object.entries(groups).map(([group, v]) => ({ group, ...v })));
    const perQuery = lastByLabel ? [...lastByLabel.values()].map((v) => median(v.ilike) / median(v.search)) : [];
    if (values.explain && lastByLabel) {
      const [label] = [...lastByLabel.entries()].sort((a, b) => median(b[1].search) - median(a[1].search))[0]!;
      const req = ZSearchRequest.parse({ relax: false, ...queries.find((x) => x.label === label)!.request });
      console.info(`floor tsquery of "${label}": ${floorTsquery(req)}`);
    }
    const med = (k: keyof RunFigures) => median(col(k));
    console.log(
      JSON.stringify({
        search_p50_ms: med("search_p50_ms"), search_p95_ms: med("search_p95_ms"), search_p99_ms: med("search_p99_ms"),
        search_p95_ms_min: Math.min(...col("search_p95_ms")), search_p95_ms_max: Math.max(...col("search_p95_ms")),
        floor_p95_ms: med("floor_p95_ms"), ilike_p95_ms: med("ilike_p95_ms"),
        search_floor_ratio: med("search_floor_ratio"), ilike_speedup: med("ilike_speedup"),
        reindex_docs_per_s: med("reindex_docs_per_s"), full_reindex_docs_per_s: fullReindex,
        sync_lag_p50_ms: med("sync_lag_p50_ms"), sync_lag_p95_ms: med("sync_lag_p95_ms"),
        sync_lag_p95_ms_max: Math.max(...col("sync_lag_p95_ms")),
        groups, queries_at_50x: perQuery.filter((x) => x >= 50).length, queries: perQuery.length,
        documents: docs, scale, runs, quick,
      }),
    );
  } finally {
    await pool.end();
    await database.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
