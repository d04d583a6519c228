/**
 * `npm run bench:match -- --explain N`: where the candidate query's time goes, as the app runs it. Each need's
 * candidate query and bare-KNN floor (bench/lib/candidate-bench.ts) run as PREPAREd statements under
 * plan_cache_mode = force_generic_plan — the generic plan the app's prepared pool uses (a plain EXPLAIN with
 * parameters plans a custom plan, which at 1M rows chose a bitmap scan 100× slower than the app's KNN walk).
 * Prints executor time and shared-buffer hits (p50/p95 over the needs), then EXPLAIN (ANALYZE, BUFFERS) of the
 * N needs whose candidate query exceeds its floor the most.
 */
import pg from "pg";
import { candidateSql } from "@/server/modules/matching/candidate-sql";
import type { MatchNeed } from "@/server/modules/matching/match-types";
import { KNN_FLOOR_SQL } from "@/bench/lib/candidate-bench";
import { pct, r3 } from "@/bench/lib/stats";

/** A parameter as an SQL literal for EXECUTE (values come from the bench's own needs, not from users). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (v instanceof Date) return `'${v.toISOString()}'::timestamptz`;
  if (Array.isArray(v)) return `ARRAY[${v.map((x) => literal(x)).join(",")}]::text[]`;
  if (typeof v === "string") return `'${v.replace(/'/g, "''")}'`;
  return String(v);
}

type Measured = { i: number; ms: number; buffers: number; floorMs: number; floorBuffers: number };

export async function explainCandidates(
  url: string,
  needs: MatchNeed[],
  typeIds: (need: MatchNeed) => string[],
  opts: { top: number; poolSize: number; log: (line: string) => void },
): Promise<void> {
  const client = new pg.Client({ connectionString: url, options: "-c plan_cache_mode=force_generic_plan" });
  await client.connect();
  try {
    const first = candidateSql(needs[0]!, typeIds(needs[0]!), opts.poolSize);
    await client.query(`PREPARE bench_candidates AS ${first.text}`);
    await client.query(`PREPARE bench_floor AS ${KNN_FLOOR_SQL}`);
    const run = async (statement: string, values: unknown[], analyze = "TIMING OFF, FORMAT JSON") => {
      const res = await client.query(`EXPLAIN (ANALYZE, BUFFERS, ${analyze}) EXECUTE ${statement}(${values.map(literal).join(",")})`);
      return res.rows;
    };
    // the first execution builds the generic plan: not part of any need's figure
    const n0 = needs[0]!;
    await run("bench_candidates", first.values);
    await run("bench_floor", [n0.typeKind, n0.typeLevel, n0.stagingLat, n0.stagingLng, n0.maxDistanceKm * 1000, opts.poolSize]);
    const measured: Measured[] = [];
    for (const [i, need] of needs.entries()) {
      const sql = candidateSql(need, typeIds(need), opts.poolSize);
      if (sql.text !== first.text) continue; // a need with more capability minimums than slots: another statement
      const floorValues = [need.typeKind, need.typeLevel, need.stagingLat, need.stagingLng, need.maxDistanceKm * 1000, opts.poolSize];
      const [c] = (await run("bench_candidates", sql.values))[0]["QUERY PLAN"];
      const [f] = (await run("bench_floor", floorValues))[0]["QUERY PLAN"];
      measured.push({ i, ms: c["Execution Time"], buffers: c.Plan["Shared Hit Blocks"] + c.Plan["Shared Read Blocks"], floorMs: f["Execution Time"], floorBuffers: f.Plan["Shared Hit Blocks"] + f.Plan["Shared Read Blocks"] });
    }
    const col = (k: keyof Measured) => measured.map((m) => m[k]);
    const line = (name: string, k: keyof Measured) => `${name} p50 ${r3(pct(col(k), 50))} p95 ${r3(pct(col(k), 95))}`;
    opts.log(`generic plans, ${measured.length} needs: ${line("candidate exec ms", "ms")}, ${line("buffers", "buffers")}; floor: ${line("exec ms", "floorMs")}, ${line("buffers", "floorBuffers")}`);
    const worst = [...measured].sort((a, b) => b.ms - b.floorMs - (a.ms - a.floorMs)).slice(0, opts.top);
    for (const w of worst) {
      const need = needs[w.i]!;
      opts.log(`— need ${w.i} (${need.typeKind} L${need.typeLevel}, ${need.maxDistanceKm} km, ${JSON.stringify(need.requiredCapabilities)}): candidate ${r3(w.ms)} ms / ${w.buffers} buffers, floor ${r3(w.floorMs)} ms / ${w.floorBuffers} buffers`);
      const rows = await run("bench_candidates", candidateSql(need, typeIds(need), opts.poolSize).values, "TIMING ON");
      for (const r of rows) opts.log(`  ${r["QUERY PLAN"]}`);
    }
  } finally {
    await client.end();
  }
}
