/**
 * Matching benchmark (not a test): `npm run bench:match [-- --scale 1000000] [--needs 1000] [--requests 2000] [--runs 3]`.
 *  - Without --scale: DATABASE_URL, else the embedded dev database (.data), migrated and seeded with the demo
 *    data when it has none (as `npm run demo` does), so it runs on a new machine.
 *  - With --scale N: a scratch embedded PostgreSQL in <MUSTER_DATA_DIR>/bench-N, migrated and seeded once with
 *    `prisma/seed.ts --scale N` (reused by later runs).
 * Each run measures, in the same process and database (forced sequential scans are stopped at 20 s each at 1M
 * rows, which makes the ratio a lower bound, and use a sample of 3 needs per run unless --seqsample says otherwise):
 *  1. the candidate query over `needs` random needs (p50/p95/p99) and its sequential-scan ratio (bench/lib/candidate-bench.ts);
 *  2. REST "post need → ranked, explained candidates" with 20 concurrent requesters, against GET /health as the
 *     baseline (bench/lib/api-bench.ts);
 *  3. the incident-wide assignment of 1,000 need-slots × 5,000 candidates, exact vs greedy (bench/lib/assign-bench.ts).
 * Prints a min/median/max table over the runs and a final JSON line of the medians (plus min/max of the headline).
 * `--explain N` only explains instead: generic-plan executor time and buffers of the candidate query against
 * the bare KNN, and EXPLAIN (ANALYZE, BUFFERS) of the N needs furthest above it (bench/lib/candidate-explain.ts).
 */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { createPrismaClient, type PrismaClient } from "@/server/db";
import { resolveDatabase } from "@/scripts/lib/database";
import { localAuthSecret } from "@/scripts/lib/auth-secret";
import { migrate } from "@/scripts/lib/migrate";
import { run } from "@/scripts/lib/run";
import { runCandidateBench, SEQ_SCAN_LIMIT_MS, type CandidateBenchResult } from "@/bench/lib/candidate-bench";
import { createApiFixture, runApiBench, startApiServers, type ApiBenchResult } from "@/bench/lib/api-bench";
import { runAssignLayout } from "@/bench/lib/assign-bench";
import { explainCandidates } from "@/bench/lib/candidate-explain";
import { randomBenchNeeds } from "@/bench/lib/candidate-bench";
import { compatibleTypeIds } from "@/server/modules/matching/compatible-types";
import { median, r1, spread } from "@/bench/lib/stats";

/** The 1M seed's hot set (resource heap, the KNN index, windows, credentials) is about 1 GB: it must fit. */
const SCALE_SHARED_BUFFERS = "2GB";

/** What the candidate query reads: a server that matches all day holds these in memory. */
const HOT_RELATIONS = [
  "resource", "resource_available_kind_level_position_gist", "availability_window", "availability_window_resource_id_kind_idx",
  "credential", "credential_resource_id_idx", "organization", "assignment",
  // the per-row held-units probe (candidate-sql.ts) reads the live assignments through this exclusion index
  "assignment_no_overlap",
];

/** Loads relations into shared buffers with the contrib pg_prewarm extension; returns the pages read. */
async function prewarm(db: PrismaClient, relations: string[]): Promise<number> {
  await db.$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
  const rows = await db.$queryRaw<{ pages: bigint }[]>`SELECT sum(pg_prewarm(c::regclass)) AS pages FROM unnest(${relations}::text[]) AS c`;
  return Number(rows[0]!.pages);
}

type RunFigures = CandidateBenchResult &
  ApiBenchResult & { assign_ms: number; greedy_ms: number; greedy_gap_pct: number; candidate_p95_ratio: number; api_p95_ratio: number; api_cost_ratio: number };

/** Ratio to the floor measured in the same run, two decimals. */
const ratio = (x: number, floor: number) => Math.round((x / floor) * 100) / 100;

async function main() {
  const { values } = parseArgs({
    options: { scale: { type: "string" }, needs: { type: "string" }, requests: { type: "string" }, runs: { type: "string" }, seqsample: { type: "string" }, explain: { type: "string" } },
  });
  const scale = values.scale ? Number(values.scale) : null;
  const runs = Number(values.runs ?? 3);
  const dataDir = scale ? path.resolve(env.MUSTER_DATA_DIR, `bench-${scale}`) : env.MUSTER_DATA_DIR;
  const database = await resolveDatabase(
    scale ? { dataDir, ephemeral: true, quiet: true, sharedBuffers: SCALE_SHARED_BUFFERS } : { externalUrl: env.DATABASE_URL, dataDir, quiet: true },
  );
  const db = createPrismaClient(database.url, 4);
  let servers: Awaited<ReturnType<typeof startApiServers>> | null = null;
  let fixture: Awaited<ReturnType<typeof createApiFixture>> | null = null;
  try {
    await migrate(database.url, { quiet: true });
    if (!scale) await run(process.execPath, ["--import", "tsx", "prisma/seed.ts", "--if-empty"], { ...process.env, DATABASE_URL: database.url });
    if (scale) {
      const have = Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM resource`)[0]!.n);
      if (have < scale * 0.9) {
        console.info(`[bench] seeding a scratch database with --scale ${scale} …`);
        await run(process.execPath, ["--import", "tsx", "prisma/seed.ts", "--scale", String(scale)], { ...process.env, DATABASE_URL: database.url });
      }
      await db.$executeRawUnsafe("ANALYZE");
      const pages = await prewarm(db, HOT_RELATIONS);
      console.info(`[bench] prewarmed ${HOT_RELATIONS.length} relations (${Math.round((pages * 8) / 1024)} MB) into shared buffers, as a long-running server holds them`);
    }
    if (values.explain) {
      const needs = await randomBenchNeeds(db, Number(values.needs ?? 300), 42);
      const types = new Map<string, string[]>();
      for (const n of needs) if (!types.has(`${n.typeId}`)) types.set(`${n.typeId}`, await compatibleTypeIds(db, n));
      await explainCandidates(database.url, needs, (n) => types.get(`${n.typeId}`)!, { top: Number(values.explain), poolSize: 50, log: (l) => console.info(l) });
      return;
    }
    fixture = await createApiFixture(db, 500);
    const instances = os.availableParallelism();
    servers = await startApiServers(
      { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: env.AUTH_SECRET ?? localAuthSecret(dataDir), NODE_ENV: "production" },
      instances,
    );
    console.info(`[bench] REST v1 served by ${instances} app instance(s) (one per CPU), requests spread round-robin`);

    const figures: RunFigures[] = [];
    for (let r = 0; r < runs; r++) {
      console.info(`[bench] run ${r + 1}/${runs}`);
      const cand = await runCandidateBench(db, {
        needs: Number(values.needs ?? 1000),
        seed: 42 + r,
        seqSample: Number(values.seqsample ?? 3),
        log: (l) => console.info(`  ${l}`),
      });
      const api = await runApiBench(servers.bases, fixture, { concurrency: 20, requests: Number(values.requests ?? 2000) });
      const assign = runAssignLayout("uniform", { runs: 1 });
      figures.push({
        ...cand,
        ...api,
        candidate_p95_ratio: ratio(cand.candidate_p95_ms, cand.knn_floor_p95_ms),
        api_p95_ratio: ratio(api.api_p95_ms, api.health_p95_ms),
        // both loads saturate the machine, so the rates give what one request costs against the other
        api_cost_ratio: ratio(api.health_rps, api.api_rps),
        assign_ms: assign.solveMs[0]!, greedy_ms: assign.greedyMs[0]!, greedy_gap_pct: assign.last.gapVsGreedyPct,
      });
    }

    const col = (k: keyof RunFigures) => figures.map((f) => Number(f[k]));
    const row = (metric: string, k: keyof RunFigures, round = (x: number) => Math.round(x * 1000) / 1000) => ({ metric, ...spread(col(k), round) });
    console.table([
      row("candidate p50 (ms)", "candidate_p50_ms"),
      row("candidate p95 (ms)", "candidate_p95_ms"),
      row("candidate p99 (ms)", "candidate_p99_ms"),
      row("floor: bare KNN of the same pool, p50 (ms)", "knn_floor_p50_ms"),
      row("floor: bare KNN of the same pool, p95 (ms)", "knn_floor_p95_ms"),
      row("candidate p95 / bare KNN p95  [target ≤ 2]", "candidate_p95_ratio"),
      row("seq-scan p50, sample (ms)", "seq_p50_ms"),
      row("index p50, same sample, unprepared (ms)", "index_sample_p50_ms"),
      row(`seqscan_ratio  [target ≥ 100]${figures.some((f) => f.seqscan_ratio_is_lower_bound) ? ` (≥: forced scans stopped at ${SEQ_SCAN_LIMIT_MS / 1000} s)` : ""}`, "seqscan_ratio", r1),
      row("API match p50 (ms), 20 concurrent", "api_p50_ms"),
      row("API match p95 (ms)", "api_p95_ms"),
      row("API match p99 (ms)", "api_p99_ms"),
      row("API match throughput (req/s)", "api_rps", Math.round),
      row("baseline: GET /health p95 (ms), 20 concurrent", "health_p95_ms"),
      row("baseline: GET /health throughput (req/s)", "health_rps", Math.round),
      row("API match p95 / GET /health p95  [target ≤ 2]", "api_p95_ratio"),
      row("cost of a match request / a health request (req/s ratio)", "api_cost_ratio"),
      row("CPU per match request: app instances (ms)", "api_node_cpu_ms"),
      row("CPU per match request: PostgreSQL (ms)", "api_db_cpu_ms"),
      row("CPU per health request: app instances (ms)", "health_node_cpu_ms"),
      row("CPU per health request: PostgreSQL (ms)", "health_db_cpu_ms"),
      row("assign 1,000 × 5,000 exact (ms)  [target ≤ 200]", "assign_ms", r1),
      row("greedy nearest-first, same data (ms)", "greedy_ms", r1),
      row("greedy gap vs optimal (% cost)", "greedy_gap_pct", r1),
    ]);
    const last = figures[figures.length - 1]!;
    console.info(`resources ${last.rows.toLocaleString("en-US")}, mean candidates/need ${last.mean_candidates}, plan uses the GiST KNN index: ${last.uses_gist}`);
    const med = (k: keyof RunFigures) => median(col(k));
    console.log(
      JSON.stringify({
        candidate_p50_ms: med("candidate_p50_ms"),
        candidate_p95_ms: med("candidate_p95_ms"),
        candidate_p95_ms_min: Math.min(...col("candidate_p95_ms")),
        candidate_p95_ms_max: Math.max(...col("candidate_p95_ms")),
        candidate_p99_ms: med("candidate_p99_ms"),
        knn_floor_p95_ms: med("knn_floor_p95_ms"),
        // ratios per run (figure and floor of the same run), then their median
        candidate_p95_ratio: med("candidate_p95_ratio"),
        candidate_p95_ratio_max: Math.max(...col("candidate_p95_ratio")),
        seqscan_ratio: med("seqscan_ratio"),
        seqscan_ratio_is_lower_bound: figures.some((f) => f.seqscan_ratio_is_lower_bound),
        api_p95_ms: med("api_p95_ms"),
        api_p95_ms_min: Math.min(...col("api_p95_ms")),
        api_p95_ms_max: Math.max(...col("api_p95_ms")),
        api_p99_ms: med("api_p99_ms"),
        health_p95_ms: med("health_p95_ms"),
        api_rps: med("api_rps"),
        health_rps: med("health_rps"),
        api_p95_ratio: med("api_p95_ratio"),
        api_p95_ratio_max: Math.max(...col("api_p95_ratio")),
        api_cost_ratio: med("api_cost_ratio"),
        api_node_cpu_ms: med("api_node_cpu_ms"),
        api_db_cpu_ms: med("api_db_cpu_ms"),
        health_node_cpu_ms: med("health_node_cpu_ms"),
        health_db_cpu_ms: med("health_db_cpu_ms"),
        assign_ms: r1(med("assign_ms")),
        assign_ms_min: r1(Math.min(...col("assign_ms"))),
        assign_ms_max: r1(Math.max(...col("assign_ms"))),
        greedy_gap_pct: med("greedy_gap_pct"),
        rows: last.rows,
        runs,
      }),
    );
  } finally {
    servers?.stop();
    await fixture?.cleanup();
    await db.$disconnect();
    await database.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
