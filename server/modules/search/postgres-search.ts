import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db";
import type { EngineResult, SearchFacets, SearchHit, SearchKind, SearchRequest, SearchViewer } from "@/server/modules/search/search-types";
import { EMPTY_FACETS, MAX_TOTAL_HITS } from "@/server/modules/search/search-types";
import { quoteLexeme } from "@/server/modules/search/search-lexemes";
import { contentTsquery, fuzzyCandidates, highlightTerms, isLatinQuery, parseQuery, rankTerms, synonymTitleTsquery, titlePrefixes, titleTsquery, type QueryWord } from "@/server/modules/search/query-analyzer";
import { highlightTitle } from "@/server/modules/search/highlight";
import { expandTitlePrefixes } from "@/server/modules/search/search-title-terms";
import { decodeCursor, encodeCursor, type SortKey } from "@/server/modules/search/search-cursor";
import {
  degreeBox, distanceSql, estimateTitleMatches, firstRowsSql, headEstimate, ringPlan, ringsPay, ringsSql, scanRows, type RingPlan, type TitleEstimate,
} from "@/server/modules/search/postgres-search-plans";

/**
 * The PostgreSQL engine's search: one statement. The text, every filter and the viewer's visibility are one
 * tsquery on one GIN-indexed tsvector (search_document.tsv), plus the GiST earth_box for a radius. At most
 * MAX_CANDIDATES matches (title matches first) are ranked (text relevance, then verified, then available, then
 * distance), paged by keyset, counted and grouped for the facets in the same statement. Typo corrections are looked up (trigram similarity on the
 * vocabulary) only when the query as typed finds nothing.
 */

function filterTsquery(req: SearchRequest): string[] {
  const parts: string[] = [];
  const any = (lexemes: string[]) => `(${lexemes.map(quoteLexeme).join(" | ")})`;
  if (req.kinds.length > 0) parts.push(any(req.kinds.map((k) => `k:${k}`)));
  if (req.category) parts.push(quoteLexeme(`c:${req.category}`));
  if (req.typeCode) parts.push(quoteLexeme(`t:${req.typeCode}`));
  if (req.region) parts.push(quoteLexeme(`r:${req.region}`));
  if (req.available !== undefined) parts.push(quoteLexeme(`av:${req.available ? 1 : 0}`));
  if (req.verified !== undefined) parts.push(quoteLexeme(`vf:${req.verified ? 1 : 0}`));
  if (req.priceMode) parts.push(quoteLexeme(`pm:${req.priceMode}`));
  return parts;
}

/** search-lexemes publicByColumns on a row (the document builders set visibility.public by it). */
export const PUBLIC_ROW = Prisma.sql`(CASE d.kind WHEN 'resource' THEN coalesce(d.verified, false) WHEN 'organization' THEN coalesce(d.verified, false)
  WHEN 'type' THEN coalesce(d.available, false) ELSE false END)`;

/**
 * What the viewer may see, tested on the candidate rows rather than in the GIN lookup: public documents (nearly
 * all of them) by their columns, the rest by their vo:/vu:/aud: lexemes (the vector is read only for those). In the
 * lookup, 'vis:all' — a posting list of nearly every document — made a broad word's lookup 3-4× slower (100k).
 */
function visibleSql(viewer: SearchViewer): Prisma.Sql {
  if (viewer.admin) return Prisma.sql`TRUE`;
  const alts = [...viewer.orgIds.map((o) => `vo:${o}`), ...viewer.audiences.map((a) => `aud:${a}`), ...(viewer.userId ? [`vu:${viewer.userId}`] : [])];
  if (alts.length === 0) return PUBLIC_ROW;
  return Prisma.sql`(${PUBLIC_ROW} OR d.tsv @@ ${alts.map(quoteLexeme).join(" | ")}::tsquery)`;
}

type Row = {
  kind: SearchKind; id: string; title: string; title_en: string | null; lat: number | null; lng: number | null;
  dist: number | null; k1: number; k2: number; k3: number; k4: number;
};
type FacetRow = { g: number; category: string | null; region_code: string | null; type_code: string | null; available: boolean | null; price_mode: string | null; verified: boolean | null; n: bigint | number };

/** GROUPING() bit masks (1 = not grouped by that column): which facet a grouped row belongs to. */
const FACET_BY_GROUPING: Record<number, [keyof SearchFacets, keyof FacetRow]> = {
  31: ["category", "category"], 47: ["region", "region_code"], 55: ["typeCode", "type_code"],
  59: ["available", "available"], 61: ["priceMode", "price_mode"], 62: ["verified", "verified"],
};

/** "The title holds any of these": strpos, a plain substring search (a LIKE '%…%' pattern cost 7× as much a row). */
const contains = (terms: string[]) => Prisma.sql`(${Prisma.join(terms.map((t) => Prisma.sql`strpos(d.title_norm, ${t}::text) > 0`), " OR ")})`;

/**
 * Relevance from the title alone (a short string in the row, so a broad match does not read every document's
 * vector): per query word, 2 when the title holds it as typed, 1 when only through a synonym or typo fix. Computed
 * on the capped candidates only (m in the statement), not on every match a plan reads: near a point the text-first
 * plan sorts every title match by distance (14,200 for 排涝泵车 at 1M), and the tests were a fifth of that.
 */
function scoreSql(rank: Array<{ typed: string[]; other: string[] }>): Prisma.Sql {
  if (rank.length === 0) return Prisma.sql`0::float8`;
  const parts = rank.map(({ typed, other }) => {
    const second = other.length > 0 ? Prisma.sql` WHEN ${contains(other)} THEN 1` : Prisma.empty;
    return Prisma.sql`(CASE WHEN ${contains(typed)} THEN 2${second} ELSE 0 END)`;
  });
  return Prisma.sql`(${Prisma.join(parts, " + ")})::float8`;
}

/**
 * At most this many candidates are ranked, counted and grouped for the facets (Meilisearch's maxTotalHits):
 * a broad word (救援队 in 30% of the documents) otherwise ranks and groups every match. Past it, `total` is a
 * lower bound and the answer says so (totalCapped).
 */
export const MAX_CANDIDATES = MAX_TOTAL_HITS;

/**
 * The candidates of one tsquery (text + filters + visibility), at most `cap` + 1, with what ranking and facets
 * need. With a point, nearest first (so a capped set holds the nearest matches); otherwise in table order (the
 * index lookup's bitmap heap scan), or, given `rows` (no point), the title matches among the table's first rows.
 */
function candidatesSql(
  req: SearchRequest, tsquery: string, withText: boolean, cap: number, visible: Prisma.Sql, rows: number | null = null,
): Prisma.Sql {
  const matches = rows === null ? Prisma.sql`d.tsv @@ ${tsquery}::tsquery` : Prisma.sql`d.title_tsv @@ ${tsquery}::tsquery`;
  const conds: Prisma.Sql[] = [matches];
  let source = rows === null ? Prisma.sql`search_document d` : firstRowsSql(rows);
  let dist = Prisma.sql`NULL::float8`;
  let order = Prisma.empty;
  if (req.near) {
    const { lat, lng } = req.near;
    dist = distanceSql(req.near);
    // the GiST KNN order (chord distance, same order as the great circle; no point → NULL → last)
    order = Prisma.sql`ORDER BY muster_ll_to_earth(d.lat, d.lng) <-> muster_ll_to_earth(${lat}::float8, ${lng}::float8)`;
    if (req.radiusKm) {
      const radiusM = req.radiusKm * 1000;
      // Text and radius together: the words through the GIN index first, the box on those matches only (OFFSET 0
      // keeps the box out of the scan). Left to itself the planner walks the GiST box, which it underestimates
      // (94 rows estimated, 39,492 read at 100k documents), and tests every row's out-of-line vector: 800 ms vs
      // 40 ms measured. Without words the box is the narrower path, so it stays in the scan.
      if (withText) {
        source = Prisma.sql`(SELECT * FROM search_document d WHERE ${matches} OFFSET 0) d`;
        conds.length = 0;
        // Every text match is tested, so per row only plain comparisons first (the circle's bounding box in
        // degrees), the distance on the rest, and sorted by that distance (the <-> key is for an index walk only).
        const { dLat, dLng } = degreeBox(lat, radiusM);
        const lngBox = lng - dLng > -180 && lng + dLng < 180 ? Prisma.sql`AND d.lng BETWEEN ${lng - dLng}::float8 AND ${lng + dLng}::float8` : Prisma.empty;
        conds.push(Prisma.sql`d.lat BETWEEN ${lat - dLat}::float8 AND ${lat + dLat}::float8 ${lngBox} AND ${dist} <= ${radiusM}::float8`);
        order = Prisma.sql`ORDER BY ${dist}`;
      } else {
        conds.push(Prisma.sql`d.lat IS NOT NULL AND d.lng IS NOT NULL
          AND earth_box(muster_ll_to_earth(${lat}::float8, ${lng}::float8), ${radiusM}::float8) @> muster_ll_to_earth(d.lat, d.lng)
          AND ${dist} <= ${radiusM}::float8`);
      }
    }
  }
  conds.push(visible);
  return Prisma.sql`SELECT d.kind, d.id, d.category, d.region_code, d.type_code, d.available, d.price_mode, d.verified,
      ${dist} AS dist, d.title_norm
    FROM ${source} WHERE ${Prisma.join(conds, " AND ")} ${order} LIMIT ${cap + 1}`;
}

/**
 * A tier's candidates as the CTE `name`: the table's first rows (`scan`) when they hold more than the cap, otherwise
 * the index lookup (`lookup`; its one-time filter is then true, else it is not executed), and nothing unless `when`.
 * `scanned`: whether the first rows answered.
 */
function firstRowsOrLookup(
  name: string, lookup: Prisma.Sql, scan: Prisma.Sql | null, cap: number, when: Prisma.Sql = Prisma.sql`TRUE`,
): { ctes: Prisma.Sql; scanned: Prisma.Sql | null } {
  const cte = Prisma.raw(name);
  if (!scan) return { ctes: Prisma.sql`${cte} AS MATERIALIZED (SELECT * FROM (${lookup}) e WHERE ${when}),`, scanned: null };
  const head = Prisma.raw(`${name}_head`);
  const scanned = Prisma.sql`((SELECT count(*) FROM ${head}) > ${cap})`;
  return {
    ctes: Prisma.sql`${head} AS MATERIALIZED (SELECT * FROM (${scan}) x WHERE ${when}),
      ${cte} AS MATERIALIZED ((SELECT * FROM ${head} WHERE ${scanned}) UNION ALL (SELECT * FROM (${lookup}) e WHERE ${when} AND NOT ${scanned})),`,
    scanned,
  };
}

export type StatementPlan = { rings?: RingPlan; scanRows?: number; synonymScanRows?: number };

export function statement(
  req: SearchRequest, viewer: SearchViewer, content: string | null, rank: Array<{ typed: string[]; other: string[] }>,
  title: string | null = null, cap = MAX_CANDIDATES, plan: StatementPlan = {}, synonyms: string | null = null,
): Prisma.Sql {
  const filters = filterTsquery(req);
  const visible = visibleSql(viewer);
  const all = [...(content ? [`(${content})`] : []), ...filters];
  // no text and no filter (an admin's empty query): every document matches; 'k:' lexemes name them all
  const tsq = (head: string[]) => (head.length > 0 ? head.join(" & ") : `(${["resource", "need", "organization", "type"].map((k) => quoteLexeme(`k:${k}`)).join(" | ")})`);
  const score = content ? scoreSql(rank) : Prisma.sql`0::float8`;
  // Pre-rank: documents with every typed word in the title (ti: lexemes, one GIN lookup) come first, then those with
  // every word in the title through a synonym; the rest of the matches only fill up to the cap, and a tier is not
  // read at all when the tiers before it pass the cap.
  const titleTsq = title ? tsq([`(${title})`, ...filters]) : null;
  const first = titleTsq ? candidatesSql(req, titleTsq, true, cap, visible) : null;
  const synTsq = title && synonyms ? tsq([`(${synonyms})`, `!(${title})`, ...filters]) : null;
  const rest = candidatesSql(req, tsq(title ? [...all, `!(${title})`, ...(synTsq ? [`!(${synonyms})`] : [])] : all), content !== null, cap, visible);
  const rings = titleTsq && req.near && plan.rings && plan.rings.radii.length > 0
    ? ringsSql(req, titleTsq, plan.rings, cap, visible, first!) : null;
  const scan = titleTsq && !req.near && plan.scanRows ? candidatesSql(req, titleTsq, true, cap, visible, plan.scanRows) : null;
  const after = req.cursor ? cursorSql(decodeCursor(req.cursor)) : Prisma.sql`TRUE`;
  // a ring, or the first rows, answer when they hold more than the cap; otherwise the index lookup runs
  const typed = first && !rings ? firstRowsOrLookup("c1", first, scan, cap) : null;
  const c1 = rings ? Prisma.sql`${rings.ctes}, c1 AS MATERIALIZED (${rings.c1}),` : typed?.ctes ?? Prisma.empty;
  // the synonym tier, read only when the typed title matches do not pass the cap
  const synFirst = synTsq ? candidatesSql(req, synTsq, true, cap, visible) : null;
  const synScan = synTsq && !req.near && plan.synonymScanRows ? candidatesSql(req, synTsq, true, cap, visible, plan.synonymScanRows) : null;
  const cs = synFirst ? firstRowsOrLookup("cs", synFirst, synScan, cap, Prisma.sql`(SELECT count(*) FROM c1) <= ${cap}`).ctes : Prisma.empty;
  const before = synFirst ? Prisma.sql`(SELECT count(*) FROM c1) + (SELECT count(*) FROM cs)` : Prisma.sql`(SELECT count(*) FROM c1)`;
  const union = first
    ? Prisma.sql`${c1} ${cs}
      c2 AS MATERIALIZED (SELECT * FROM (${rest}) r WHERE ${before} <= ${cap}),
      u AS (
        SELECT 0 AS tier, * FROM c1
        UNION ALL
        ${synFirst ? Prisma.sql`SELECT 1 AS tier, * FROM cs UNION ALL` : Prisma.empty}
        SELECT 2 AS tier, * FROM c2
      )`
    : Prisma.sql`u AS (SELECT 0 AS tier, * FROM (${rest}) r)`;
  // m holds only what sorting and facets need (narrow rows stay in memory); titles are read for the page alone
  return Prisma.sql`
    WITH ${union}, capped AS MATERIALIZED (SELECT count(*) > ${cap} AS capped FROM (SELECT 1 FROM u LIMIT ${cap + 1}) x),
    m AS MATERIALIZED (
      SELECT kind, id, category, region_code, type_code, available, price_mode, verified, dist,
        -${score} AS k1, (NOT verified)::int AS k2, (NOT available)::int AS k3, coalesce(dist, 1e15::float8) AS k4
      FROM u d ORDER BY tier, coalesce(dist, 1e15::float8) LIMIT ${cap}
    ), top AS (
      SELECT kind, id, dist, k1, k2, k3, k4 FROM m
      WHERE ${after}
      ORDER BY k1, k2, k3, k4, kind, id LIMIT ${req.limit + 1}
    ), page AS (
      SELECT t.kind, t.id, d.title, d.title_en, d.lat, d.lng, t.dist, t.k1, t.k2, t.k3, t.k4
      FROM top t JOIN search_document d ON d.kind = t.kind AND d.id = t.id
    ), facets AS (
      SELECT GROUPING(category, region_code, type_code, available, price_mode, verified)::int AS g,
        category, region_code, type_code, available, price_mode, verified, count(*) AS n
      FROM m GROUP BY GROUPING SETS ((category), (region_code), (type_code), (available), (price_mode), (verified))
    )
    SELECT (SELECT count(*) FROM m)::int AS total, (SELECT capped FROM capped) AS capped, ${rings ? rings.answered : typed?.scanned ?? Prisma.sql`false`} AS shortcut,
      (SELECT coalesce(json_agg(p ORDER BY p.k1, p.k2, p.k3, p.k4, p.kind, p.id), '[]'::json) FROM page p) AS hits,
      (SELECT coalesce(json_agg(f), '[]'::json) FROM facets f) AS facets`;
}

function cursorSql(k: SortKey): Prisma.Sql {
  return Prisma.sql`(k1, k2, k3, k4, kind, id) > (${k[0]}::float8, ${k[1]}::int, ${k[2]}::int, ${k[3]}::float8, ${k[4]}::text, ${k[5]}::text)`;
}

/**
 * Runs the search as an index lookup, in a transaction of its own (settings are LOCAL to it): no JIT — a broad
 * match's estimated cost passes jit_above_cost and compiling took longer (70 ms measured) than the query — and no
 * sequential scan — on a small table the planner preferred one, which detoasts every document's vector (65 ms on
 * the demo's 3,200 documents against under 1 ms through the GIN index) — and work_mem enough to keep a broad
 * match's narrow rows (sort keys and facet values, ~100 bytes each) in memory for the sort and the facet groups.
 */
const LOCAL_SETTINGS = Prisma.sql`SELECT set_config('jit', 'off', true), set_config('enable_seqscan', 'off', true),
  set_config('work_mem', '32MB', true)`;

async function queryAsIndexLookup<T>(db: Db, sql: Prisma.Sql): Promise<T[]> {
  if (!("$transaction" in db)) {
    // already inside the caller's transaction: the settings last until it ends
    await db.$queryRaw(LOCAL_SETTINGS);
    return db.$queryRaw<T[]>(sql);
  }
  const [, rows] = await db.$transaction([db.$queryRaw(LOCAL_SETTINGS), db.$queryRaw<T[]>(sql)]);
  return rows;
}

async function corrections(db: Db, words: string[]): Promise<Map<string, string[]>> {
  if (words.length === 0) return new Map();
  const rows = await db.$queryRaw<{ w: string; term: string }[]>`
    SELECT w, t.term FROM unnest(${words}::text[]) AS w,
      LATERAL (SELECT s.term FROM search_term s WHERE s.term % w AND s.term <> w AND similarity(s.term, w) >= 0.35
               ORDER BY similarity(s.term, w) DESC, s.term LIMIT 3) t`;
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.w, [...(out.get(r.w) ?? []), r.term]);
  return out;
}

function facetsOf(rows: FacetRow[]): SearchFacets {
  const facets = EMPTY_FACETS();
  for (const r of rows) {
    const spec = FACET_BY_GROUPING[r.g];
    if (!spec) continue;
    const v = r[spec[1]];
    if (v === null || v === undefined) continue;
    facets[spec[0]][String(v)] = Number(r.n);
  }
  return facets;
}

function toHits(rows: Row[], words: QueryWord[]): SearchHit[] {
  const terms = highlightTerms(words);
  const latin = isLatinQuery(words) ? words.map((w) => w.text) : [];
  return rows.map((r) => ({
    kind: r.kind, id: r.id, title: r.title, titleEn: r.title_en,
    highlight: highlightTitle(r.title, terms, latin),
    ...(r.dist !== null ? { distanceKm: Math.round(r.dist / 10) / 100 } : {}),
    ...(r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : {}),
  }));
}

export async function searchPostgres(db: Db, req: SearchRequest, viewer: SearchViewer): Promise<EngineResult> {
  return (await searchPostgresPlanned(db, req, viewer)).result;
}

/**
 * How the title candidates are found: "auto" lets the planner's estimate of the title matches choose (rings near a
 * point, the first rows without one, else the index lookup); "shortcut" always tries the rings or the first
 * rows, "lookup" never (tests compare them: the answers must be the same).
 */
export type TitlePlan = "auto" | "shortcut" | "lookup";

/**
 * The search, saying what answered (`answeredBy`); `cap` is MAX_CANDIDATES but in tests, which may also give the
 * estimate of the title matches the plans are chosen by.
 */
export async function searchPostgresPlanned(
  db: Db, req: SearchRequest, viewer: SearchViewer, opts: { plan?: TitlePlan; cap?: number; estimate?: TitleEstimate } = {},
): Promise<{ result: EngineResult; answeredBy: "rings" | "scan" | "lookup" }> {
  const cap = opts.cap ?? MAX_CANDIDATES;
  const words = parseQuery(req.q);
  if (req.q.trim() && words.length === 0) return { result: { total: 0, totalCapped: false, hits: [], facets: EMPTY_FACETS(), nextCursor: null }, answeredBy: "lookup" };
  const title = titleTsquery(words, await expandTitlePrefixes(db, titlePrefixes(words)));
  const mode = opts.plan ?? "auto";
  const canRing = req.near !== undefined && title !== null && mode !== "lookup";
  const canScan = !req.near && title !== null && mode !== "lookup";
  const filters = filterTsquery(req);
  const titleAndFilters = [`(${title})`, ...filters].join(" & ");
  let est = opts.estimate ?? (mode === "auto" && (canRing || canScan) ? await estimateTitleMatches(db, titleAndFilters) : null);
  // several words, or words and filters: the planner takes them as independent, so a common pair (rescue team;
  // 救援队 in category TEAM) looks rare; the table's head says
  const correlated = words.length > 1 || filters.length > 0;
  // with filters, the lookup still reads the words' posting lists whole, however few of their documents pass them
  if (!opts.estimate && est && canScan && filters.length > 0) est = { ...est, read: Math.max(est.matches, (await estimateTitleMatches(db, `(${title})`)).matches) };
  if (!opts.estimate && est && canScan && correlated && scanRows(est, cap) === null) est = { ...(await headEstimate(db, titleAndFilters, est.docs)), read: est.read };
  const synonyms = title === null ? null : synonymTitleTsquery(words);
  const synEst = synonyms && canScan && mode === "auto"
    ? await estimateTitleMatches(db, [`(${synonyms})`, `!(${title})`, ...filters].join(" & ")) : null;
  // forced: the whole table, so the first rows answer whenever the index lookup would find more than the cap
  const forced = 2 ** 31 - 1;
  const plan: StatementPlan = {
    rings: canRing && (est === null || mode === "shortcut" || ringsPay(est, cap)) ? ringPlan(req, est) : undefined,
    scanRows: canScan ? (est === null ? forced : scanRows(est, cap) ?? undefined) : undefined,
    synonymScanRows: synonyms && canScan ? (synEst === null ? forced : scanRows(synEst, cap) ?? undefined) : undefined,
  };
  const run = async (fixes: ReadonlyMap<string, readonly string[]>) => {
    const sql = statement(req, viewer, contentTsquery(words, fixes), rankTerms(words, fixes), title, cap, plan, synonyms);
    const [r] = await queryAsIndexLookup<{ total: number; capped: boolean; shortcut: boolean; hits: Row[]; facets: FacetRow[] }>(db, sql);
    return r!;
  };
  let res = await run(new Map());
  const typos = fuzzyCandidates(words);
  if (res.total === 0 && typos.length > 0) {
    const fixes = await corrections(db, typos);
    if (fixes.size > 0) res = await run(fixes);
  }
  const rows = res.hits.slice(0, req.limit);
  const last = rows[rows.length - 1];
  const nextCursor = res.hits.length > req.limit && last ? encodeCursor([last.k1, last.k2, last.k3, last.k4, last.kind, last.id]) : null;
  return {
    result: { total: res.total, totalCapped: res.capped, hits: toHits(rows, words), facets: facetsOf(res.facets), nextCursor },
    answeredBy: !res.shortcut ? "lookup" : plan.rings ? "rings" : "scan",
  };
}
