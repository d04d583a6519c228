/**
 * Command-centre benchmark (not a test): `npm run bench:command [-- --scale 1000000 --incidents 40 --iterations 20 --runs 3 --knights 2000 --samples 20]`.
 *  - DATA: the scale-N scratch database of bench:match (<MUSTER_DATA_DIR>/bench-N, built once with
 *    `prisma/seed.ts --scale N` and reused; bench/lib/scale-database.ts), topped up to `incidents` ACTIVE
 *    incidents (bench/lib/command-bench-seed.ts). Server time of the command centre's data, in process, as
 *    the procedures run it: the KPI figures (computeCommandKpis, the panel's default 24-hour range) and the
 *    map DTO (loadCommandMap, as an admin), for Jiangsu (320000), one district (Xuanwu, 320102) and — the
 *    floor, same run — an empty region (329999, nothing in it: the same queries with nothing to count).
 *  - LIVE: event committed → shown on an open command centre's subscription, against the knights'
 *    commit → offer latency measured in the same run and database (bench/lib/command-live-bench.ts).
 * Prints a min/median/max table over the runs and a final JSON line of the medians (ratios included).
 */
import os from "node:os";
import { parseArgs } from "node:util";
import type { Actor } from "@/server/auth/actor-type";
import type { PrismaClient } from "@/server/db";
import { computeCommandKpis } from "@/server/modules/command/kpis/load-command-kpis";
import { loadCommandMap } from "@/server/modules/command/command-map";
import { openScaleDatabase } from "@/bench/lib/scale-database";
import { EMPTY_REGION, ensureCommandBenchData } from "@/bench/lib/command-bench-seed";
import { startLiveBench, type LiveFigures } from "@/bench/lib/command-live-bench";
import { median, pct, r1, spread } from "@/bench/lib/stats";

const TARGETS = { jiangsu: "320000", district: "320102", floor: EMPTY_REGION } as const;
type Target = keyof typeof TARGETS;
type Timing = { kpis: number[]; map: number[]; total: number[] };

async function timeTarget(db: PrismaClient, actor: Actor, regionCode: string, iterations: number): Promise<Timing> {
  const out: Timing = { kpis: [], map: [], total: [] };
  for (let i = 0; i < iterations; i++) {
    const to = new Date();
    const from = new Date(to.getTime() - 24 * 3_600_000);
    const t0 = performance.now();
    await computeCommandKpis(db, { regionCode, from, to });
    const t1 = performance.now();
    await loadCommandMap(db, actor, regionCode);
    const t2 = performance.now();
    out.kpis.push(t1 - t0);
    out.map.push(t2 - t1);
    out.total.push(t2 - t0);
  }
  return out;
}

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: "string" }, incidents: { type: "string" }, iterations: { type: "string" }, runs: { type: "string" },
      knights: { type: "string" }, samples: { type: "string" },
    },
  });
  const scale = Number(values.scale ?? 1_000_000);
  const runs = Number(values.runs ?? 3);
  const iterations = Number(values.iterations ?? 20);
  const samples = Number(values.samples ?? 20);
  const log = (l: string) => console.info(l);

  const big = await openScaleDatabase(scale, log);
  let live: Awaited<ReturnType<typeof startLiveBench>> | null = null;
  try {
    const seeded = await ensureCommandBenchData(big.db, Number(values.incidents ?? 40));
    await big.db.$executeRawUnsafe("ANALYZE");
    const facts = (await big.db.$queryRaw<{ resources: number; incidents: number; needs: number; assignments: number; duty: number }[]>`
      SELECT (SELECT count(*)::int FROM resource) AS resources, (SELECT count(*)::int FROM incident WHERE status = 'ACTIVE') AS incidents,
        (SELECT count(*)::int FROM need) AS needs, (SELECT count(*)::int FROM assignment) AS assignments, (SELECT count(*)::int FROM knight_duty_session) AS duty`)[0]!;
    log(`[bench] ${facts.resources.toLocaleString("en-US")} resources, ${facts.incidents} active incidents (${seeded.added} added now), ${facts.needs} needs, ${facts.assignments} assignments, ${facts.duty.toLocaleString("en-US")} duty stretches`);
    const admin = await big.db.user.findFirstOrThrow({ where: { platformRole: "ADMIN" }, select: { id: true } });
    const actor: Actor = { via: "session", userId: admin.id, roles: ["ADMIN"], memberships: [] };
    for (const code of Object.values(TARGETS)) await timeTarget(big.db, actor, code, 2); // warm-up

    live = await startLiveBench({ knights: Number(values.knights ?? 2000), log });
    type RunRow = Record<string, number>;
    const rows: RunRow[] = [];
    for (let r = 0; r < runs; r++) {
      log(`[bench] run ${r + 1}/${runs}`);
      const t: Partial<Record<Target, Timing>> = {};
      for (const [name, code] of Object.entries(TARGETS) as [Target, string][]) t[name] = await timeTarget(big.db, actor, code, iterations);
      const lv: LiveFigures = await live.run(samples);
      const row: RunRow = { load_1m: r1(os.loadavg()[0]!) };
      for (const name of Object.keys(TARGETS) as Target[]) {
        for (const part of ["total", "kpis", "map"] as const) {
          row[`${name}_${part}_p50_ms`] = r1(pct(t[name]![part], 50));
          row[`${name}_${part}_p95_ms`] = r1(pct(t[name]![part], 95));
        }
      }
      Object.assign(row, lv);
      log(`  Jiangsu p95 ${row.jiangsu_total_p95_ms} ms (KPIs ${row.jiangsu_kpis_p95_ms}, map ${row.jiangsu_map_p95_ms}) · district ${row.district_total_p95_ms} · floor ${row.floor_total_p95_ms} · live p95 ${lv.live_p95_ms} vs knights ${lv.knight_offer_p95_ms} ms`);
      rows.push(row);
    }
    const col = (k: string) => rows.map((x) => x[k]!);
    const line = (metric: string, k: string) => ({ metric, ...spread(col(k), r1) });
    console.table([
      line("Jiangsu: KPIs + map p50 (ms)", "jiangsu_total_p50_ms"),
      line("Jiangsu: KPIs + map p95 (ms)  [target ≤ 3× floor]", "jiangsu_total_p95_ms"),
      line("Jiangsu: KPIs p95 (ms)", "jiangsu_kpis_p95_ms"),
      line("Jiangsu: map DTO p95 (ms)", "jiangsu_map_p95_ms"),
      line("district (Xuanwu): KPIs + map p50 (ms)", "district_total_p50_ms"),
      line("district (Xuanwu): KPIs + map p95 (ms)", "district_total_p95_ms"),
      line("district (Xuanwu): KPIs p95 (ms)", "district_kpis_p95_ms"),
      line("floor, empty region: KPIs + map p50 (ms)", "floor_total_p50_ms"),
      line("floor, empty region: KPIs + map p95 (ms)", "floor_total_p95_ms"),
      line("floor, empty region: KPIs p95 (ms)", "floor_kpis_p95_ms"),
      line("live: need committed → command centre p50 (ms)", "live_p50_ms"),
      line("live: need committed → command centre p95 (ms)  [target ≤ 2× knights]", "live_p95_ms"),
      line("knights: dispatch committed → offer p95 (ms)", "knight_offer_p95_ms"),
      line("load average (1 min)", "load_1m"),
    ]);
    const med = (k: string) => median(col(k));
    const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);
    console.log(
      JSON.stringify({
        command_p50_ms: med("jiangsu_total_p50_ms"),
        command_p95_ms: med("jiangsu_total_p95_ms"),
        command_p95_ms_min: Math.min(...col("jiangsu_total_p95_ms")),
        command_p95_ms_max: Math.max(...col("jiangsu_total_p95_ms")),
        command_floor_p95_ms: med("floor_total_p95_ms"),
        command_ratio: ratio(med("jiangsu_total_p95_ms"), med("floor_total_p95_ms")),
        district_p95_ms: med("district_total_p95_ms"),
        district_ratio: ratio(med("district_total_p95_ms"), med("floor_total_p95_ms")),
        kpis_p95_ms: med("jiangsu_kpis_p95_ms"),
        kpis_floor_p95_ms: med("floor_kpis_p95_ms"),
        kpis_ratio: ratio(med("jiangsu_kpis_p95_ms"), med("floor_kpis_p95_ms")),
        district_kpis_p95_ms: med("district_kpis_p95_ms"),
        map_p95_ms: med("jiangsu_map_p95_ms"),
        map_floor_p95_ms: med("floor_map_p95_ms"),
        live_p50_ms: med("live_p50_ms"),
        live_p95_ms: med("live_p95_ms"),
        knight_offer_p95_ms: med("knight_offer_p95_ms"),
        live_ratio: ratio(med("live_p95_ms"), med("knight_offer_p95_ms")),
        resources: facts.resources,
        active_incidents: facts.incidents,
        runs,
        iterations,
        live_samples: samples,
      }),
    );
  } finally {
    await live?.stop();
    await big.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
