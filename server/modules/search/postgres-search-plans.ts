import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db";
import type { SearchRequest } from "@/server/modules/search/search-types";
import { quoteLexeme } from "@/server/modules/search/search-lexemes";

/**
 * The PostgreSQL engine's cheaper ways to the title candidates (postgres-search.ts), each answering exactly what
 * the index lookup would, or handing over to it: rings near a point (the words and the geo cells of a circle in one
 * GIN lookup), and a scan of the table's first rows for a word in many titles (the words tested on the row's
 * title_tsv: no detoasting). Both are chosen from the planner's estimate of the title matches; for several words,
 * which it takes as independent, the first rows' own count when the planner says the lookup (headEstimate).
 */

/** earthdistance's sphere (earth() = 6378168 m), as in the matcher, so radius and distance agree with earth_box. */
export const EARTH_RADIUS_M = 6378168;

/**
 * The planner's estimate of a title tsquery's matches, and the table's size; `read`, the entries the index lookup
 * reads for them when that is more than the matches (words AND filters: the words' whole posting lists).
 */
export type TitleEstimate = { matches: number; docs: number; read?: number };

/**
 * Estimates kept per tsquery for a minute, in this process: both plans answer exactly alike, so a stale estimate can
 * only pick the slower one, and the planner's statistics change only when the table is analysed. The EXPLAIN reading
 * them cost 2.4–3.7 ms a search at 1M (a tenth of a typical search), the head count ~4 ms.
 */
const ESTIMATE_TTL_MS = 60_000;
const ESTIMATES_KEPT = 500;
const estimates = new Map<string, { at: number; est: TitleEstimate }>();

async function remembered(key: string, compute: () => Promise<TitleEstimate>): Promise<TitleEstimate> {
  const now = Date.now();
  const had = estimates.get(key);
  if (had && now - had.at < ESTIMATE_TTL_MS) return had.est;
  const est = await compute();
  estimates.delete(key);
  if (estimates.size >= ESTIMATES_KEPT) estimates.delete(estimates.keys().next().value!); // the oldest
  estimates.set(key, { at: now, est });
  return est;
}

export function estimateTitleMatches(db: Db, tsquery: string): Promise<TitleEstimate> {
  return remembered(`plan:${tsquery}`, () => plannerEstimate(db, tsquery));
}

async function plannerEstimate(db: Db, tsquery: string): Promise<TitleEstimate> {
  const [plan] = await db.$queryRaw<{ "QUERY PLAN": Array<{ Plan: { "Plan Rows": number } }> }[]>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM search_document d WHERE d.tsv @@ ${tsquery}::tsquery`;
  const [rel] = await db.$queryRaw<{ n: number }[]>`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'search_document'::regclass`;
  const matches = Math.max(1, plan?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 1);
  return { matches, docs: Math.max(rel?.n ?? 0, matches) };
}

/** Rows of the table's head that headEstimate reads (~3 ms at 1M). */
const HEAD_SAMPLE_ROWS = 1_000;

/**
 * The title matches estimated from the table's first rows, the very rows the first-rows scan would read. For words
 * that go together the planner's estimate is far too low: it multiplies their frequencies as if independent
 * ("rescue team": 13,689 estimated, 78,514 in fact at 1M), and the index lookup it then picks reads all of them.
 */
export function headEstimate(db: Db, tsquery: string, docs: number): Promise<TitleEstimate> {
  return remembered(`head:${tsquery}`, () => headCount(db, tsquery, docs));
}

async function headCount(db: Db, tsquery: string, docs: number): Promise<TitleEstimate> {
  const [row] = await db.$queryRaw<{ hits: number; rows: number }[]>`
    SELECT count(*) FILTER (WHERE d.title_tsv @@ ${tsquery}::tsquery)::int AS hits, count(*)::int AS rows
    FROM ${firstRowsSql(HEAD_SAMPLE_ROWS)}`;
  const share = row && row.rows > 0 ? row.hits / row.rows : 0;
  return { matches: Math.max(1, Math.round(share * docs)), docs };
}

/** Documents read until cap + 1 of them match, if the words are spread like the documents. */
function rowsToRead(est: TitleEstimate, cap: number): number {
  return ((cap + 1) * est.docs) / est.matches;
}

/** Great-circle distance in metres from the row's point to `near` (NULL without a point). */
export function distanceSql({ lat, lng }: { lat: number; lng: number }): Prisma.Sql {
  const cosLat = Math.cos((lat * Math.PI) / 180);
  return Prisma.sql`(2 * ${EARTH_RADIUS_M}::float8 * asin(least(1.0, sqrt(
      power(sin(radians(d.lat - ${lat}::float8) / 2), 2)
      + cos(radians(d.lat)) * ${cosLat}::float8 * power(sin(radians(d.lng - ${lng}::float8) / 2), 2)))))`;
}

/** A circle's bounding box in degrees round `lat` (half-height, half-width; the width widest at the pole side). */
export function degreeBox(lat: number, radiusM: number): { dLat: number; dLng: number } {
  const dLat = (radiusM / EARTH_RADIUS_M) * (180 / Math.PI);
  const widest = Math.min(89.9, Math.abs(lat) + dLat);
  return { dLat, dLng: Math.min(180, dLat / Math.cos((widest * Math.PI) / 180)) };
}

/**
 * The cells of grid `z` covering the circle of `radiusM` round a point: its bounding box (degreeBox) in cells named
 * as muster_geo_cells names a document's (migration 20261209000000), a box widened by a hair so that float rounding
 * can only add a cell. Computed here, not by the SQL function muster_geo_cover: folding that function into a plan
 * parsed and planned its body on every call, ~0.5 ms a ring.
 */
export function coverCells({ lat, lng }: { lat: number; lng: number }, radiusM: number, z: number): string[] {
  const { dLat, dLng } = degreeBox(lat, radiusM * (1 + 1e-9));
  const out: string[] = [];
  for (let y = Math.floor((lat - dLat) * z); y <= Math.floor((lat + dLat) * z); y++) {
    for (let x = Math.floor((lng - dLng) * z); x <= Math.floor((lng + dLng) * z); x++) out.push(`g${z}:${y}:${x}`);
  }
  return out;
}

/** The grids of muster_geo_cells (cells per degree), finest first, and the most cells one cover may OR together. */
const GRIDS = [64, 16, 4];
const MAX_COVER_CELLS = 64;

/** The finest grid that covers the circle in at most MAX_COVER_CELLS cells (the tightest cover worth looking up). */
export function coverGrid({ lat, lng }: { lat: number; lng: number }, radiusM: number): number {
  const { dLat, dLng } = degreeBox(lat, radiusM);
  const span = (a: number, b: number, z: number) => Math.floor(b * z) - Math.floor(a * z) + 1;
  return GRIDS.find((z) => span(lat - dLat, lat + dLat, z) * span(lng - dLng, lng + dLng, z) <= MAX_COVER_CELLS) ?? GRIDS[GRIDS.length - 1]!;
}

/**
 * The title candidates near a point, read ring by ring: for R = radii[0], then the next radius only while no ring
 * held more than `cap` matches, the title (and filter) matches within R, found by GIN lookups of the words AND the
 * geo cells covering the circle (coverCells; only matches there are read, whatever the documents' density).
 * On the same grid a ring looks up only the cells its cover adds to the ring before, and
 * its matches are those rows and the rings' before it: in a dense centre each lookup cost ~3.6 µs per match (a
 * cell there holds ~10,000 documents), and the 2 km ring re-read the 1 km ring's cells (drone near Nanjing: 22 of
 * its 32 ms). A ring with more than `cap` matches holds the cap + 1 nearest title matches of the whole index (every
 * match nearer than R is in it), so its cap + 1 nearest are exactly the text-first plan's set. `lastAnswers`: the
 * last radius is the request's own, so that ring is the answer whatever it holds. Otherwise, when no ring answers,
 * the text-first plan runs. The cells' grid is the plan's (ringPlan). (Tried before: a nearest-first KNN walk, ~5×
 * dearer per row than a box scan; a box scan of every document in the ring, 470 ms for drone near Nanjing's
 * centre.) Returns the CTEs, the candidates, and whether a ring answered.
 */
export function ringsSql(
  req: SearchRequest, tsquery: string, plan: RingPlan, cap: number, visible: Prisma.Sql, exact: Prisma.Sql,
): { ctes: Prisma.Sql; c1: Prisma.Sql; answered: Prisma.Sql } {
  const { radii, lastAnswers, grid } = plan;
  const near = req.near!;
  const dist = distanceSql(near);
  const widest = radii[radii.length - 1]!;
  const gridOf = (r: number) => grid ?? coverGrid(near, r);
  const ctes: Prisma.Sql[] = [];
  const enough: Prisma.Sql[] = [];
  const within: Prisma.Sql[] = [];
  let first = 0; // the first ring on this ring's grid: its rows and those of the rings after it are this ring's
  radii.forEach((r, i) => {
    const name = Prisma.raw(`r${i}`);
    const z = gridOf(r);
    if (i > 0 && gridOf(radii[i - 1]!) !== z) first = i;
    const inner = new Set(i === first ? [] : coverCells(near, radii[i - 1]!, z));
    const added = coverCells(near, r, z).filter((c) => !inner.has(c));
    // no cell added: a lexeme no document holds (the ring is then the rings' before it)
    const cells = (added.length > 0 ? added : ["g0:none"]).map(quoteLexeme).join(" | ");
    // a one-time filter: this ring's lookup runs only if no ring before it answered
    const go = i === 0 ? Prisma.empty : Prisma.sql`AND NOT (${Prisma.join(enough, " OR ")})`;
    ctes.push(Prisma.sql`${name} AS MATERIALIZED (
      SELECT d.kind, d.id, d.category, d.region_code, d.type_code, d.available, d.price_mode, d.verified, ${dist} AS dist, d.title_norm
      FROM search_document d WHERE d.tsv @@ (${tsquery}::tsquery && ${cells}::tsquery) AND ${dist} <= ${widest}::float8 AND ${visible} ${go})`);
    const rows = Prisma.join(radii.slice(first, i + 1).map((_, j) => Prisma.sql`SELECT * FROM ${Prisma.raw(`r${first + j}`)}`), " UNION ALL ");
    within.push(Prisma.sql`(SELECT * FROM (${rows}) x WHERE x.dist <= ${r}::float8)`);
    // counted once (a CTE), however many later filters ask
    ctes.push(Prisma.sql`${Prisma.raw(`n${i}`)} AS MATERIALIZED (SELECT count(*) AS n FROM ${within[i]!} w)`);
    enough.push(lastAnswers && i === radii.length - 1 ? Prisma.sql`TRUE` : Prisma.sql`(SELECT n FROM ${Prisma.raw(`n${i}`)}) > ${cap}`);
  });
  const answered = Prisma.sql`(${Prisma.join(enough, " OR ")})`;
  // the first ring that answers (the rows of a ring before it are in every ring after it)
  const answers = (i: number) => (i === 0 ? enough[0]! : Prisma.sql`NOT (${Prisma.join(enough.slice(0, i), " OR ")}) AND ${enough[i]!}`);
  const ringRows = Prisma.join(radii.map((_, i) => Prisma.sql`SELECT * FROM ${within[i]!} w WHERE ${answers(i)}`), " UNION ALL ");
  const c1 = Prisma.sql`(SELECT * FROM (${ringRows}) x ORDER BY dist LIMIT ${cap + 1})
    UNION ALL (SELECT * FROM (${exact}) e WHERE NOT ${answered})`;
  return { ctes: Prisma.join(ctes, ", "), c1, answered };
}

/** The first ring's radius (m) and the widest ring tried before the text-first plan. */
const FIRST_RING_M = 1_000;
const WIDEST_RING_M = 64_000;

/**
 * Above this share of the documents the words' posting lists are long, and fine cells (only matches in a small
 * circle read) pay; below it, the coarse grid. GIN drives a lookup by its individually rarest terms: fine cells in a
 * dense city (a few thousand documents each) are rarer than most words, so a ring read every document of its cells
 * — 86 ms for the 4 km ring of 排涝泵车 (14,200 title matches) near Nanjing's centre, 153 ms for all its rings. Quarter-
 * degree cells hold more documents than such a word has matches, so the word drives and only its matches are read,
 * once, for a ring of 16 km (the same few cells cover every smaller one): 排涝泵车 ≤ 30 km 153 → 40-56 ms, 冲锋舟 ≤ 50
 * km round Suzhou 81 → 32 ms at 1M. A broad word (drone, 6.5% of the documents; 发电机, 4%) read that way fetched
 * ~27,000 matches (195 ms against 107 ms with fine rings), hence the line at 3%.
 */
const FINE_RING_SHARE = 0.03;
const COARSE_GRID = 4;
const COARSE_RINGS_M = [16_000, WIDEST_RING_M];

export type RingPlan = { radii: number[]; lastAnswers: boolean; grid: number | null };

/**
 * The rings for a point: with fine cells (grid null: the finest that covers each ring in a few cells) 1 km, then
 * each twice the last; with the coarse grid 16 and 64 km. Every radius is inside the requested one, and
 * `lastAnswers` says the request's radius is the last ring (it then answers); a request radius wider than
 * WIDEST_RING_M is left to the text-first plan when no ring answers. Without an estimate, fine cells.
 */
export function ringPlan(req: SearchRequest, est: TitleEstimate | null): RingPlan {
  const radius = req.radiusKm ? req.radiusKm * 1000 : Infinity;
  const fine = est === null || est.matches >= FINE_RING_SHARE * est.docs;
  const steps: number[] = [];
  if (fine) for (let r = FIRST_RING_M; r <= WIDEST_RING_M; r *= 2) steps.push(r);
  const radii = (fine ? steps : COARSE_RINGS_M).filter((r) => r < radius);
  const lastAnswers = radius <= WIDEST_RING_M;
  if (lastAnswers) radii.push(radius);
  return { radii, lastAnswers, grid: fine ? null : COARSE_GRID };
}

/**
 * Whether rings near a point pay: only when the words match more than the cap (estimated). With fewer, the
 * text-first plan reads every match anyway, and so would the rings, ring after ring.
 */
export function ringsPay(est: TitleEstimate, cap: number): boolean {
  return est.matches > cap;
}

/**
 * A word in many titles (救援队, rescue team: 8–30% of the documents) costs the index lookup its whole posting
 * lists (72,454 title matches of "rescue team" at 1M: 78 ms for the first 1,001), while its first cap + 1 matches
 * in table order lie in the table's first few thousand rows (21 ms to read them in a plain scan). The index
 * lookup returns its matches in table order too (a bitmap heap scan), so when the table's first `rows` rows hold
 * more than the cap, their first cap + 1 matches are exactly the index lookup's; otherwise the lookup runs.
 * Measured per row: ~2.7 µs scanned against ~1.7 µs per match for the lookup, or per entry it reads (救援队 in
 * category TEAM in Nanjing: 50,131 matches, but the lookup read 救援队's whole lists; 60 ms against 33 ms for the
 * first rows). `rows` is 4× the estimate's need:
 * the planner counts prefix terms twice over (pump: 124,365 for 59,687), and rows, not blocks, because a table's
 * head can be nearly empty after churn (191 live rows in its first 2,000 blocks at 1M after the surge drills).
 * Null when the lookup is cheaper.
 */
const SCAN_ROW_US = 2.7;
const LOOKUP_MATCH_US = 1.7;

export function scanRows(est: TitleEstimate, cap: number): number | null {
  const rows = rowsToRead(est, cap);
  if (rows * SCAN_ROW_US > (est.read ?? est.matches) * LOOKUP_MATCH_US) return null;
  return Math.ceil(4 * rows);
}

/**
 * The table's first `rows` live rows, in table order (a TID range scan from the first block: never a pkey-ordered
 * index scan, nor a seq scan that a synchronized scan could start mid-table), as candidatesSql's source.
 */
export function firstRowsSql(rows: number): Prisma.Sql {
  return Prisma.sql`(SELECT * FROM search_document d WHERE d.ctid >= '(0,0)'::tid LIMIT ${rows}) d`;
}
