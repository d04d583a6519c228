/**
 * The candidate-query part of `npm run bench:match` (bench/match.ts).
 * Random needs are drawn around random AVAILABLE resources (their type, sometimes a capability minimum,
 * needed-by within 3 days, 30–200 km radius). Times findCandidates (the SQL, type ids pre-resolved) →
 * p50/p95/p99; then the same query forced to a sequential scan (enable_indexscan/bitmapscan off) on a
 * sample of 20 → seqscan_ratio = seq p50 / index p50 on that sample.
 * Floor in the same run, timed need by need beside the query: the bare KNN, i.e. the `poolSize` nearest AVAILABLE ids of the need's compatible types
 * (its kind, its level or more capable) through the same GiST index with no rule at all — what any candidate
 * query on this index costs here at least.
 */
import { preparedQuery, type Db, type PrismaClient } from "@/server/db";
import { candidateSql } from "@/server/modules/matching/candidate-sql";
import { findCandidates } from "@/server/modules/matching/find-candidates";
import { compatibleTypeIds } from "@/server/modules/matching/compatible-types";
import type { MatchNeed } from "@/server/modules/matching/match-types";
import { mulberry32 } from "@/lib/prng";
import { pct, r3 } from "@/bench/lib/stats";
import { dbErrorMentions } from "@/server/db-errors";

export type CandidateBenchResult = {
  candidate_p50_ms: number;
  candidate_p95_ms: number;
  candidate_p99_ms: number;
  knn_floor_p50_ms: number;
  knn_floor_p95_ms: number;
  seqscan_ratio: number;
  /** some forced sequential runs were stopped at SEQ_SCAN_LIMIT_MS */
  seqscan_ratio_is_lower_bound: boolean;
  rows: number;
  needs: number;
  mean_candidates: number;
  seq_p50_ms: number;
  index_sample_p50_ms: number;
  uses_gist: boolean;
};

export const SEQ_SCAN_LIMIT_MS = 20_000;

export const KNN_FLOOR_SQL = `SELECT r.id FROM resource r
  WHERE r.status = 'AVAILABLE' AND r.type_kind = $1 AND r.type_level <= $2
    AND earth_box(muster_ll_to_earth($3, $4), $5) @> muster_ll_to_earth(r.lat, r.lng)
  ORDER BY muster_ll_to_earth(r.lat, r.lng) <-> muster_ll_to_earth($3, $4) LIMIT $6`;

type Seed = { type_id: string; kind: string; type_level: number; category: string; lat: number; lng: number; capabilities: Record<string, unknown> };

/** Random needs around random available resources. */
export async function randomBenchNeeds(db: Db, n: number, seed = 42, now = new Date()): Promise<MatchNeed[]> {
  const rnd = mulberry32(seed);
  const rows = await db.$queryRaw<Seed[]>`
    SELECT r.type_id, t.kind, t.type_level, t.category::text AS category, r.lat, r.lng, r.capabilities
    FROM resource r JOIN resource_type t ON t.id = r.type_id
    WHERE r.status = 'AVAILABLE' AND t.category <> 'KNIGHT'
    ORDER BY md5(r.id || ${String(seed)}) LIMIT ${n}`;
  return rows.map((r, i) => {
    const caps: Record<string, number> = {};
    const numeric = Object.entries(r.capabilities ?? {}).filter(([, v]) => typeof v === "number") as [string, number][];
    if (numeric.length && rnd() < 0.5) {
      const [k, v] = numeric[Math.floor(rnd() * numeric.length)]!;
      caps[k] = Math.max(1, Math.floor(v * (0.3 + rnd() * 0.6)));
    }
    const km = rnd() * 20;
    const bearing = rnd() * 2 * Math.PI;
    return {
      id: `bench-${i}`,
      typeId: r.type_id,
      category: r.category,
      typeKind: r.kind,
      typeLevel: r.type_level,
      requiredCapabilities: caps,
      quantityOpen: 1 + Math.floor(rnd() * 4),
      stagingLat: r.lat + (km / 111) * Math.cos(bearing),
      stagingLng: r.lng + (km / (111 * Math.cos((r.lat * Math.PI) / 180))) * Math.sin(bearing),
      neededBy: new Date(now.getTime() + Math.floor(rnd() * 72 * 60) * 60_000),
      durationMinutes: 60 + Math.floor(rnd() * 12) * 60,
      maxDistanceKm: 30 + Math.floor(rnd() * 170),
      paymentMode: "PUBLIC_GOOD",
      priority: "URGENT",
    };
  });
}

export async function runCandidateBench(
  db: PrismaClient,
  opts: { needs?: number; poolSize?: number; seqSample?: number; seed?: number; log?: (line: string) => void } = {},
): Promise<CandidateBenchResult> {
  const log = opts.log ?? (() => {});
  const poolSize = opts.poolSize ?? 50;
  const rows = Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM resource`)[0]!.n);
  const needs = await randomBenchNeeds(db, opts.needs ?? 1000, opts.seed ?? 42);
  const typeIds = new Map<string, string[]>();
  for (const need of needs) {
    const key = `${need.typeId}`;
    if (!typeIds.has(key)) typeIds.set(key, await compatibleTypeIds(db, need));
  }
  const q = (d: Db, need: MatchNeed) => findCandidates(d, need, { poolSize, typeIds: typeIds.get(`${need.typeId}`)! });
  for (const need of needs.slice(0, 30)) await q(db, need); // warm-up
  const knnFloor = (need: MatchNeed) =>
    preparedQuery(db, "bench_knn_floor", KNN_FLOOR_SQL, [need.typeKind, need.typeLevel, need.stagingLat, need.stagingLng, need.maxDistanceKm * 1000, poolSize]);
  for (const need of needs.slice(0, 30)) await knnFloor(need);
  // Each need's query and its floor run back to back, in alternating order: a ratio of two passes run minutes apart
  // would carry this shared machine's drift between them.
  const times: number[] = [];
  const floor: number[] = [];
  let found = 0;
  const timeIt = async <T>(out: number[], f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const value = await f();
    out.push(performance.now() - t0);
    return value;
  };
  for (const [i, need] of needs.entries()) {
    if (i % 2 === 1) await timeIt(floor, () => knnFloor(need));
    found += (await timeIt(times, () => q(db, need))).length;
    if (i % 2 === 0) await timeIt(floor, () => knnFloor(need));
  }
  log(`candidate query: ${needs.length} needs, ${rows.toLocaleString("en-US")} resources, pool ${poolSize}, mean ${(found / needs.length).toFixed(1)} candidates`);

  const sample = needs.slice(0, opts.seqSample ?? 20);
  const idx: number[] = [];
  const seq: number[] = [];
  let seqStopped = false;
  // Both sides of the ratio run the same way (inside a transaction, so unprepared: parse + plan + run);
  // only the planner switches differ. Forced off, every rule's probe scans its table too, so a forced run is
  // stopped at SEQ_SCAN_LIMIT_MS and counts as that long: the ratio is then a lower bound.
  const timed = async (need: MatchNeed, forceSeq: boolean): Promise<number> => {
    const t1 = performance.now();
    try {
      return await db.$transaction(
        async (tx) => {
          if (forceSeq) {
            await tx.$executeRawUnsafe("SET LOCAL enable_indexscan = off");
            await tx.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off");
            await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${SEQ_SCAN_LIMIT_MS}`);
          }
          const t2 = performance.now();
          await q(tx, need);
          return performance.now() - t2;
        },
        { timeout: 600_000 },
      );
    } catch (e) {
      if (!forceSeq || !dbErrorMentions(e, ["57014", "statement timeout"])) throw e;
      seqStopped = true;
      return Math.max(SEQ_SCAN_LIMIT_MS, performance.now() - t1);
    }
  };
  for (const need of sample) {
    idx.push(await timed(need, false));
    seq.push(await timed(need, true));
  }
  const probe = candidateSql(needs[0]!, typeIds.get(`${needs[0]!.typeId}`)!, poolSize);
  const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${probe.text}`, ...probe.values);
  const usesGist = plan.some((p) => /resource_available_kind_level_position_gist/.test(p["QUERY PLAN"]));
  const result: CandidateBenchResult = {
    candidate_p50_ms: r3(pct(times, 50)),
    candidate_p95_ms: r3(pct(times, 95)),
    candidate_p99_ms: r3(pct(times, 99)),
    knn_floor_p50_ms: r3(pct(floor, 50)),
    knn_floor_p95_ms: r3(pct(floor, 95)),
    seqscan_ratio: Math.round((pct(seq, 50) / pct(idx, 50)) * 10) / 10,
    seqscan_ratio_is_lower_bound: seqStopped,
    rows,
    needs: needs.length,
    mean_candidates: Math.round((found / needs.length) * 10) / 10,
    seq_p50_ms: r3(pct(seq, 50)),
    index_sample_p50_ms: r3(pct(idx, 50)),
    uses_gist: usesGist,
  };
  return result;
}
