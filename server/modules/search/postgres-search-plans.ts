import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db";
import type { SearchRequest } from "@/server/modules/search/search-types";

/**
 * The PostgreSQL engine's cheaper ways to the title candidates (postgres-search.ts), each answering exactly what
 * the index lookup would, or handing over to it: rings near a point, and a scan of the table's first rows for
 * a word in many titles. Both test the words on the row's title_tsv (the title and filter lexemes, in the row: no
 * detoasting) and are chosen from the planner's estimate of the title matches.
 */

/** earthdistance's sphere (earth() = 6378168 m), as in the matcher, so radius and distance agree with earth_box. */
export const EARTH_RADIUS_M = 6378168;

/** The planner's estimate of a title tsquery's matches, and the table's size. */
export type TitleEstimate = { matches: number; docs: number };

export async function estimateTitleMatches(db: Db, tsquery: string): Promise<TitleEstimate> {
  const [plan] = await db.$queryRaw<{ "QUERY PLAN": Array<{ Plan: { "Plan Rows": number } }> }[]>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM search_document d WHERE d.tsv @@ ${tsquery}::tsquery`;
  const [rel] = await db.$queryRaw<{ n: number }[]>`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'search_document'::regclass`;
  const matches = Math.max(1, plan?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 1);
  return { matches, docs: Math.max(rel?.n ?? 0, matches) };
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

/**
 * The title candidates near a point, read ring by ring: every document within R of the point (a GiST box scan),
 * its title and filters tested on title_tsv (the same ti:/filter lexemes as tsv, kept in the row: no detoasting),
 * for R = radii[0], then the next radius only while no ring held more than `cap` matches, the next ring (~4× the
 * last one's documents) stays within RING_ROWS, and the last ring's share of matches says the cap's worth lies
 * within RING_ROWS documents (a word rare here stops after the first, small ring). A ring with more than `cap` matches holds the cap + 1 nearest
 * title matches of the whole index (every document nearer than its farthest match was read), so its cap + 1
 * nearest are exactly the text-first plan's set; when no ring answers, the text-first plan runs. (A nearest-first
 * KNN walk was tried first: ~5× dearer per row than a box scan.) Returns the CTEs, the candidates, and whether a
 * ring answered.
 */
export function ringsSql(
  req: SearchRequest, tsquery: string, radii: number[], cap: number, score: Prisma.Sql, visible: Prisma.Sql, exact: Prisma.Sql,
): { ctes: Prisma.Sql; c1: Prisma.Sql; answered: Prisma.Sql } {
  const near = req.near!;
  const dist = distanceSql(near);
  const here = Prisma.sql`muster_ll_to_earth(${near.lat}::float8, ${near.lng}::float8)`;
  const ctes: Prisma.Sql[] = [];
  const enough: Prisma.Sql[] = [];
  radii.forEach((r, i) => {
    const name = Prisma.raw(`r${i}`);
    const prev = Prisma.raw(`r${i - 1}`);
    const go = i === 0 ? Prisma.empty
      : Prisma.sql`AND NOT (${Prisma.join(enough, " OR ")}) AND (SELECT count(*) FROM ${prev}) * 4 <= ${RING_ROWS}
        AND (SELECT count(*) * ${cap + 1} <= ${RING_ROWS} * greatest(1, count(*) FILTER (WHERE hit)) FROM ${prev})`;
    // every document of the ring is kept (narrow), so the next ring's size can be judged; `hit` marks the matches
    ctes.push(Prisma.sql`${name} AS MATERIALIZED (SELECT hit, kind, id, category, region_code, type_code, available, price_mode, verified,
        dist, CASE WHEN hit THEN ${score} END AS score FROM (
      SELECT d.*, ${dist} AS dist, (d.title_tsv @@ ${tsquery}::tsquery AND ${visible}) AS hit
      FROM search_document d WHERE d.lat IS NOT NULL AND d.lng IS NOT NULL
        AND earth_box(${here}, ${r}::float8) @> muster_ll_to_earth(d.lat, d.lng) AND ${dist} <= ${r}::float8 ${go}) d)`);
    enough.push(Prisma.sql`(SELECT count(*) FILTER (WHERE hit) FROM ${name}) > ${cap}`);
  });
  const answered = Prisma.sql`(${Prisma.join(enough, " OR ")})`;
  const cols = Prisma.sql`kind, id, category, region_code, type_code, available, price_mode, verified, dist, score`;
  const ringRows = Prisma.join(radii.map((_, i) => Prisma.sql`SELECT ${cols} FROM ${Prisma.raw(`r${i}`)} WHERE hit AND ${enough[i]!}`), " UNION ALL ");
  const c1 = Prisma.sql`(SELECT * FROM (${ringRows}) x ORDER BY dist LIMIT ${cap + 1})
    UNION ALL (SELECT * FROM (${exact}) e WHERE NOT ${answered})`;
  return { ctes: Prisma.join(ctes, ", "), c1, answered };
}

/** The first ring's radius (m) and the widest ring tried before the text-first plan. */
const FIRST_RING_M = 1_000;
const WIDEST_RING_M = 64_000;
/**
 * Rings are tried when the estimated title matches are at least this many times the documents the rings should
 * read. Measured at 1M documents (Nanjing holds 45% of them), this picks the faster plan for four of the bench's
 * five queries near a point: 救援队 ≤ 10 km (rings 53 ms, text first 177 ms), and text first for 排涝泵车 ≤ 30 km,
 * 冲锋舟 ≤ 50 km and 发电机 near 南京. Not for drone ≤ 20 km: its prefix terms make the planner count 106,706 title
 * matches for 51,033, and the rings read 470 ms against 124 ms. A higher factor that leaves drone to text first
 * also took 救援队 off the rings (263 ms in the bench); the estimate alone cannot tell them apart.
 */
const RING_ADVANTAGE = 2;
/** The most documents the widest ring tried may hold (estimated as 4× the ring before it). */
const RING_ROWS = 50_000;

/** The ring radii for a point (each twice the last, all inside the requested radius). */
export function ringRadii(req: SearchRequest): number[] {
  const radius = req.radiusKm ? req.radiusKm * 1000 : Infinity;
  const out: number[] = [];
  for (let r = FIRST_RING_M; r <= WIDEST_RING_M && r < radius; r *= 2) out.push(r);
  return out;
}

/** Whether rings near a point pay: a word common enough that the cap's worth of matches lies close to the point. */
export function ringsPay(est: TitleEstimate, cap: number): boolean {
  return est.matches >= RING_ADVANTAGE * rowsToRead(est, cap);
}

/**
 * A word in many titles (救援队, rescue team: 8–30% of the documents) costs the index lookup its whole posting
 * lists (72,454 title matches of "rescue team" at 1M: 78 ms for the first 1,001), while its first cap + 1 matches
 * in table order lie in the table's first few thousand rows (21 ms to read them in a plain scan). The index
 * lookup returns its matches in table order too (a bitmap heap scan), so when the table's first `rows` rows hold
 * more than the cap, their first cap + 1 matches are exactly the index lookup's; otherwise the lookup runs.
 * Measured per row: ~2.7 µs scanned against ~1.7 µs per match for the lookup. `rows` is 4× the estimate's need:
 * the planner counts prefix terms twice over (pump: 124,365 for 59,687), and rows, not blocks, because a table's
 * head can be nearly empty after churn (191 live rows in its first 2,000 blocks at 1M after the surge drills).
 * Null when the lookup is cheaper.
 */
const SCAN_ROW_US = 2.7;
const LOOKUP_MATCH_US = 1.7;

export function scanRows(est: TitleEstimate, cap: number): number | null {
  const rows = rowsToRead(est, cap);
  if (rows * SCAN_ROW_US > est.matches * LOOKUP_MATCH_US) return null;
  return Math.ceil(4 * rows);
}

/**
 * The table's first `rows` live rows, in table order (a TID range scan from the first block: never a pkey-ordered
 * index scan, nor a seq scan that a synchronized scan could start mid-table), as candidatesSql's source.
 */
export function firstRowsSql(rows: number): Prisma.Sql {
  return Prisma.sql`(SELECT * FROM search_document d WHERE d.ctid >= '(0,0)'::tid LIMIT ${rows}) d`;
}
