/**
 * Candidate-query benchmark (not a test): `npm run bench:match [-- --scale 100000] [--needs 1000] [--pool 50]`.
 *  - Without --scale: DATABASE_URL, else the embedded dev database (.data), as it is.
 *  - With --scale N: a scratch embedded PostgreSQL in <MUSTER_DATA_DIR>/bench-N, migrated and seeded once
 *    with `prisma/seed.ts --scale N` (reused by later runs).
 * Random needs are drawn around random AVAILABLE resources (their type, sometimes a capability minimum,
 * needed-by within 3 days, 30–200 km radius). Times findCandidates (the SQL, type ids pre-resolved) →
 * p50/p95/p99; then the same query forced to a sequential scan (enable_indexscan/bitmapscan off) on a
 * sample of 20 → seqscan_ratio = seq p50 / index p50 on that sample. Prints a table and a final JSON line.
 * `runCandidateBench(db, opts)` is exported for sibling benches (assign_ms, api_p95_ms).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { createPrismaClient, type Db, type PrismaClient } from "@/server/db";
import { candidateSql } from "@/server/modules/matching/candidate-sql";
import { compatibleTypeIds, findCandidates, KNN_POOL_FACTOR } from "@/server/modules/matching/find-candidates";
import type { MatchNeed } from "@/server/modules/matching/match-types";
import { resolveDatabase } from "@/scripts/lib/database";
import { migrate } from "@/scripts/lib/migrate";
import { run } from "@/scripts/lib/run";

export type CandidateBenchResult = {
  candidate_p50_ms: number;
  candidate_p95_ms: number;
  candidate_p99_ms: number;
  seqscan_ratio: number;
  rows: number;
  needs: number;
  mean_candidates: number;
  seq_p50_ms: number;
  index_sample_p50_ms: number;
  uses_gist: boolean;
};

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const r3 = (x: number) => Math.round(x * 1000) / 1000;

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
  const times: number[] = [];
  let found = 0;
  for (const need of needs) {
    const t0 = performance.now();
    found += (await q(db, need)).length;
    times.push(performance.now() - t0);
  }
  log(`candidate query: ${needs.length} needs, ${rows.toLocaleString("en-US")} resources, pool ${poolSize}, mean ${(found / needs.length).toFixed(1)} candidates`);

  const sample = needs.slice(0, opts.seqSample ?? 20);
  const idx: number[] = [];
  const seq: number[] = [];
  for (const need of sample) {
    const t0 = performance.now();
    await q(db, need);
    idx.push(performance.now() - t0);
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_indexscan = off");
        await tx.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off");
        const t1 = performance.now();
        await q(tx, need);
        seq.push(performance.now() - t1);
      },
      { timeout: 600_000 },
    );
  }
  const probe = candidateSql(needs[0]!, typeIds.get(`${needs[0]!.typeId}`)!, poolSize * KNN_POOL_FACTOR, poolSize);
  const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${probe.text}`, ...probe.values);
  const usesGist = plan.some((p) => /resource_available_type_position_gist|resource_position_gist/.test(p["QUERY PLAN"]));
  const result: CandidateBenchResult = {
    candidate_p50_ms: r3(pct(times, 50)),
    candidate_p95_ms: r3(pct(times, 95)),
    candidate_p99_ms: r3(pct(times, 99)),
    seqscan_ratio: Math.round((pct(seq, 50) / pct(idx, 50)) * 10) / 10,
    rows,
    needs: needs.length,
    mean_candidates: Math.round((found / needs.length) * 10) / 10,
    seq_p50_ms: r3(pct(seq, 50)),
    index_sample_p50_ms: r3(pct(idx, 50)),
    uses_gist: usesGist,
  };
  return result;
}

async function main() {
  const { values } = parseArgs({ options: { scale: { type: "string" }, needs: { type: "string" }, pool: { type: "string" }, seed: { type: "string" } } });
  const scale = values.scale ? Number(values.scale) : null;
  const database = await resolveDatabase(
    scale
      ? { dataDir: path.resolve(env.MUSTER_DATA_DIR, `bench-${scale}`), ephemeral: true, quiet: true }
      : { externalUrl: env.DATABASE_URL, dataDir: env.MUSTER_DATA_DIR, quiet: true },
  );
  const db = createPrismaClient(database.url, 4);
  try {
    if (scale) {
      await migrate(database.url, { quiet: true });
      const have = Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM resource`)[0]!.n);
      if (have < scale * 0.9) {
        console.info(`[bench] seeding a scratch database with --scale ${scale} …`);
        await run(process.execPath, ["--import", "tsx", "prisma/seed.ts", "--scale", String(scale)], { ...process.env, DATABASE_URL: database.url });
      }
      await db.$executeRawUnsafe("ANALYZE");
    }
    const res = await runCandidateBench(db, {
      needs: values.needs ? Number(values.needs) : 1000,
      poolSize: values.pool ? Number(values.pool) : 50,
      seed: values.seed ? Number(values.seed) : 42,
      log: (l) => console.info(l),
    });
    console.table([
      { metric: "candidate p50 (ms)", value: res.candidate_p50_ms },
      { metric: "candidate p95 (ms)", value: res.candidate_p95_ms },
      { metric: "candidate p99 (ms)", value: res.candidate_p99_ms },
      { metric: "seq-scan p50, sample of 20 (ms)", value: res.seq_p50_ms },
      { metric: "index p50, same sample (ms)", value: res.index_sample_p50_ms },
      { metric: "seqscan_ratio", value: res.seqscan_ratio },
      { metric: "resources", value: res.rows },
      { metric: "mean candidates / need", value: res.mean_candidates },
      { metric: "candidate plan uses the GiST KNN index", value: String(res.uses_gist) },
    ]);
    const { candidate_p50_ms, candidate_p95_ms, candidate_p99_ms, seqscan_ratio, rows } = res;
    console.log(JSON.stringify({ candidate_p50_ms, candidate_p95_ms, candidate_p99_ms, seqscan_ratio, rows }));
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "")) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
