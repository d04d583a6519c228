import pg from "pg";
import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { ZSearchRequest } from "@/lib/schemas/search";
import { ZBrowseSearchInput } from "@/lib/schemas/listing-browse";
import type { SearchEngine, SearchRequest, SearchViewer } from "@/server/modules/search/search-types";
import { contentTsquery, parseQuery } from "@/server/modules/search/query-analyzer";
import { quoteLexeme } from "@/server/modules/search/search-lexemes";
import { searchListings } from "@/server/modules/listings/browse-search";
import { reindexAll } from "@/server/modules/search/sync/reindex";
import { startSearchSync } from "@/server/modules/search/sync/sync-worker";
import type { BenchQuery } from "@/bench/lib/search-queries";
import { pct, r3 } from "@/bench/lib/stats";

/** One run of the search benchmark (bench/search.ts): query latencies, their floor, ILIKE, reindex, sync lag. */

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/**
 * The floor: the bare GIN lookup of the same tsquery the engine builds (text alternatives and filter lexemes),
 * first `limit` ids, no ranking, no count, no facets, no geo, no visibility test.
 */
export function floorTsquery(req: SearchRequest): string {
  const parts: string[] = [];
  const content = contentTsquery(parseQuery(req.q));
  if (content) parts.push(`(${content})`);
  if (req.kinds.length) parts.push(`(${req.kinds.map((k) => quoteLexeme(`k:${k}`)).join(" | ")})`);
  if (req.category) parts.push(quoteLexeme(`c:${req.category}`));
  if (req.typeCode) parts.push(quoteLexeme(`t:${req.typeCode}`));
  if (req.region) parts.push(quoteLexeme(`r:${req.region}`));
  if (req.available !== undefined) parts.push(quoteLexeme(`av:${req.available ? 1 : 0}`));
  if (req.verified !== undefined) parts.push(quoteLexeme(`vf:${req.verified ? 1 : 0}`));
  // Not the viewer's visibility: the engine tests it on the candidate rows, not in the GIN lookup (postgres-search
  // visibleSql), so the floor is the lookup the engine makes.
  return parts.join(" & ");
}

export type LabelFigures = { search: number[]; floor: number[]; ilike: number[]; hits: number; total: number; capped: boolean };
export type QueryFigures = { search: number[]; floor: number[]; ilike: number[]; byLabel: Map<string, LabelFigures> };

/**
 * The request as today's browse box would run it (listings only, ILIKE '%q%' on the titles; a pinyin query is
 * sent as typed and, like there, scans for a title that contains it). Browse shows no total, so none is counted.
 */
function browseInput(r: BenchQuery["request"]) {
  return ZBrowseSearchInput.parse({
    q: r.q,
    ...(r.category ? { category: r.category } : {}),
    ...(r.region ? { regionCode: r.region } : {}),
    ...(r.near ? { near: `${r.near.lat},${r.near.lng}` } : {}),
    ...(r.available ? { availableNow: true } : {}),
    verifiedOnly: r.verified ?? true,
  });
}

export async function measureQueries(
  db: PrismaClient, pool: pg.Pool, engine: SearchEngine, actor: Actor, viewer: SearchViewer, queries: BenchQuery[], reps: number, ilikeReps: number,
): Promise<QueryFigures> {
  const out: QueryFigures = { search: [], floor: [], ilike: [], byLabel: new Map() };
  const of = (label: string) => {
    let f = out.byLabel.get(label);
    if (!f) out.byLabel.set(label, (f = { search: [], floor: [], ilike: [], hits: 0, total: 0, capped: false }));
    return f;
  };
  // one unmeasured pass first: the connection pools open and the statements' plans and catalog caches warm up
  // (the first search of a quick run took 1.6 s); ILIKE runs after, on the same warm pool
  for (const q of queries) {
    const req = ZSearchRequest.parse({ relax: false, ...q.request });
    await engine.search(req, viewer);
    await pool.query("SELECT d.id FROM search_document d WHERE d.tsv @@ $1::tsquery LIMIT $2", [floorTsquery(req), req.limit]);
  }
  for (let rep = 0; rep < reps; rep++) {
    for (const q of queries) {
      const f = of(q.label);
      const req = ZSearchRequest.parse({ relax: false, ...q.request });
      let t0 = process.hrtime.bigint();
      const res = await engine.search(req, viewer);
      const s = ms(t0);
      out.search.push(s);
      f.search.push(s);
      Object.assign(f, { hits: res.hits.length, total: res.total, capped: res.totalCapped });
      const tsq = floorTsquery(req);
      t0 = process.hrtime.bigint();
      await pool.query("SELECT d.id FROM search_document d WHERE d.tsv @@ $1::tsquery LIMIT $2", [tsq, req.limit]);
      const fl = ms(t0);
      out.floor.push(fl);
      f.floor.push(fl);
    }
  }
  // the same queries (every one, pinyin included) as today's browse box runs them
  for (let rep = 0; rep < ilikeReps; rep++) {
    for (const q of queries) {
      const input = browseInput(q.request);
      const t0 = process.hrtime.bigint();
      await searchListings(db, actor, input);
      const il = ms(t0);
      out.ilike.push(il);
      of(q.label).ilike.push(il);
    }
  }
  return out;
}

/** Reindex throughput on a sample: the reindex command's own path (scan → documents → upsert), overwriting. */
export async function measureReindex(db: PrismaClient, engine: SearchEngine, sample: number): Promise<number> {
  const r = await reindexAll(db, [engine], { kinds: ["resource"], limit: sample });
  return r.documents / (r.ms / 1000);
}

/**
 * Sync lag: single-row updates committed at about `perSecond` while the sync worker runs in this process (LISTEN
 * woken); each is timed from its COMMIT returning to its new version being readable in search_document.
 */
export async function measureSyncLag(db: PrismaClient, url: string, engine: SearchEngine, ids: string[], updates: number, perSecond = 20): Promise<number[]> {
  const writer = new pg.Client({ connectionString: url });
  const reader = new pg.Client({ connectionString: url });
  await writer.connect();
  await reader.connect();
  const sync = startSearchSync(db, { url, engines: [engine], log: () => {} });
  const lags: number[] = [];
  try {
    await new Promise((r) => setTimeout(r, 500)); // LISTEN established, backlog drained
    for (let i = 0; i < updates; i++) {
      const id = ids[(i * 7919) % ids.length]!;
      const res = await writer.query<{ v: string }>("UPDATE resource SET title = title WHERE id = $1 RETURNING search_version::text AS v", [id]);
      const t0 = process.hrtime.bigint();
      const want = BigInt(res.rows[0]!.v);
      for (;;) {
        const got = await reader.query<{ v: string | null }>("SELECT version::text AS v FROM search_document WHERE kind = 'resource' AND id = $1", [id]);
        if (got.rows[0]?.v && BigInt(got.rows[0].v) >= want) break;
        if (ms(t0) > 30_000) throw new Error(`update of ${id} not searchable after 30 s`);
        await new Promise((r) => setTimeout(r, 2));
      }
      lags.push(ms(t0));
      await new Promise((r) => setTimeout(r, 1000 / perSecond));
    }
  } finally {
    await sync.stop();
    await writer.end();
    await reader.end();
  }
  return lags;
}

export const p = (xs: number[], q: number) => r3(pct(xs, q));
