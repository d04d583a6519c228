/**
 * Surge drill (not a test): `npm run drill:surge [-- --quick] [--runs 3] [--scale N] [--knights N] [--suppliers N]`.
 * A city-wide storm over Nanjing against TWO app instances and ONE job worker on the 1M-resource bench database
 * (the scratch database `bench:match --scale 1000000` builds in <MUSTER_DATA_DIR>/bench-1000000, built here
 * first if missing), with PostgreSQL restarted, an app instance SIGKILLed and the worker SIGKILLed mid-run.
 * Everything is a child of this command: the embedded PostgreSQL, the app instances (bench/drill/app-instance.ts:
 * the app's route handlers on node:http), the worker (scripts/worker.ts). Logs: <MUSTER_DATA_DIR>/drill-logs.
 *   full:    40 incidents · 500 needs · 200 suppliers (REST + API keys) · 10,000 knights on SSE · 180 s of storm
 *   --quick: 12 incidents · 120 needs · 40 suppliers · 300 knights · 100 s, on a 20,000-resource seed
 * Prints per-fault figures, the invariants, a min/median/max table over the runs and ONE final JSON line.
 * Exits 1 when an invariant fails in any run.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import seedrandom from "seedrandom";
import { env } from "@/lib/env";
import { createPrismaClient, type PrismaClient } from "@/server/db";
import { localAuthSecret } from "@/scripts/lib/auth-secret";
import { migrate } from "@/scripts/lib/migrate";
import { run } from "@/scripts/lib/run";
import { appInstances, startDrillDatabase, workerProcess, type ChildProc, type Db } from "@/bench/drill/drill-cluster";
import { attempts, Cluster, gaveUp, serverErrors } from "@/bench/drill/drill-http";
import { prepareActors } from "@/bench/drill/drill-actors";
import { dispatcherScript, openKnightStreams, supplierLoop, writeProbe, type StormState } from "@/bench/drill/drill-storm";
import { auditChainEnd, checkDatabase, databaseActivity, checkLiveEvents, type Invariants, type LiveCheck, type LiveGap } from "@/bench/drill/drill-checks";
import { errorsOutside, killApp, killWorker, restartPostgres, type FaultReport } from "@/bench/drill/drill-faults";
import { median, spread } from "@/bench/lib/stats";
import { ensureSearchIndex } from "@/bench/lib/search-index";

const log = (s: string) => console.info(`[drill] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type RunFigures = {
  faults: FaultReport[];
  invariants: Invariants;
  live: LiveCheck;
  errors_outside_fault_windows: number;
  server_errors_500: number;
  requests_gave_up: number;
  requests_ok: number;
  requests_total: number;
  counts: Record<string, number>;
  storm_s: number;
  ok: boolean;
};

async function maxLiveId(db: PrismaClient): Promise<string> {
  return (await db.$queryRaw<{ m: string | null }[]>`SELECT max(id)::text AS m FROM live_event`)[0]?.m ?? "0";
}

async function oneRun(
  r: number, db: PrismaClient, database: Db, cluster: Cluster, apps: ChildProc[], worker: ChildProc,
  o: { incidents: number; needs: number; suppliers: number; knights: number; durationMs: number },
): Promise<RunFigures> {
  const rnd = seedrandom(`surge-${r}`);
  attempts.length = 0;
  serverErrors.length = 0;
  gaveUp.n = 0;
  const actors = await prepareActors(db, { suppliers: o.suppliers, knights: o.knights + 1, runTag: `r${r}-${Date.now()}` });
  const probe = actors.knights.pop()!;
  log(`run ${r + 1}: ${actors.dispatchers.length} district dispatchers, ${actors.suppliers.length} supplier organisations with API keys, ${actors.knights.length} knights, ${actors.typeIds.length} resource types in demand`);
  const state: StormState = { incidentIds: [], needIds: [], autoIncidents: 0, requesters: [], knights: [], counts: {}, stopped: false };
  const knightStart = await maxLiveId(db);
  const auditFrom = await auditChainEnd(db);
  await openKnightStreams(cluster, actors, knightStart, state, rnd, log);

  const t0 = Date.now();
  const writes: number[] = [];
  const loops = [
    writeProbe(cluster, probe, state, writes),
    ...actors.suppliers.map((s) => supplierLoop(cluster, s, state, rnd, 3000)),
    dispatcherScript(cluster, actors, { incidents: o.incidents, needs: o.needs, durationMs: o.durationMs, knightShare: 0.35, holdMinutes: 1, seed: `surge-${r}` }, state, () => maxLiveId(db), log),
  ];
  // Faults at scripted moments: worker at 30 %, PostgreSQL at 50 %, an app instance at 70 % of the storm.
  const at = async (share: number) => {
    while (Date.now() < t0 + o.durationMs * share) await sleep(200);
  };
  const faults: FaultReport[] = [];
  const script = (async () => {
    await at(0.3);
    log("fault: SIGKILL the worker (mid-batch), start it again");
    faults.push(await killWorker(db, worker, t0));
    await at(0.5);
    log("fault: PostgreSQL fast shutdown + start (same port, same data)");
    faults.push(await restartPostgres(database, writes, t0));
    await at(0.7);
    log("fault: SIGKILL app instance 2, start it again");
    faults.push(await killApp(apps[1]!, 1, [...state.knights, ...state.requesters], t0));
  })();
  await at(1);
  await script;
  state.stopped = true;
  await Promise.all(loops);
  const stormS = (Date.now() - t0) / 1000;
  log(`storm over after ${stormS.toFixed(0)} s; letting holds, expiries and next-candidate offers run out …`);
  // Holds are 1 minute: every hold sent during the storm passes its time within 70 s; a killed worker's lease 30 s.
  await sleep(75_000);
  // Live events: wait until nothing new has been committed for 3 s, then give the hubs a moment to deliver.
  for (let last = await maxLiveId(db), i = 0; i < 60; i++) {
    await sleep(1000);
    const now = await maxLiveId(db);
    if (now === last && i >= 3) break;
    last = now;
  }
  await sleep(2000);
  const invariants = await checkDatabase(db, state.needIds, auditFrom);
  const liveGaps: LiveGap[] = [];
  const live = await checkLiveEvents(db, [...state.knights, ...state.requesters], liveGaps);
  for (const c of [...state.knights, ...state.requesters]) c.close();
  const errs = errorsOutside(faults.map((f) => f.window), t0);
  // Every failed attempt, relative to the storm's start, for looking into a fault afterwards.
  const failedAttempts = attempts.filter((a) => a.outcome !== "ok" && a.outcome !== "business").map((a) => ({ ...a, t_s: (a.at - t0) / 1000 }));
  fs.writeFileSync(path.resolve(env.MUSTER_DATA_DIR, "drill-logs", `failed-attempts-run${r + 1}.json`), JSON.stringify({ faults, failedAttempts, liveGaps, activity: await databaseActivity(db) }, null, 1));
  const ok =
    invariants.double_booked_units + invariants.overcommitted_listings + invariants.double_booked_knights + invariants.need_quantity_mismatches +
      invariants.needs_overfilled + invariants.unexplained_assignments + invariants.holds_past_time + invariants.knight_offers_past_time +
      invariants.next_candidate_missing + invariants.jobs_stuck + invariants.outbox_pending + invariants.audit_pending + invariants.audit_chain_broken === 0 &&
    live.lost + live.duplicates + live.unexpected + live.resets === 0 &&
    errs.outside === 0 && errs.server_errors === 0 && gaveUp.n === 0;
  return {
    faults, invariants, live, errors_outside_fault_windows: errs.outside, server_errors_500: errs.server_errors, requests_gave_up: gaveUp.n,
    requests_ok: attempts.filter((a) => a.outcome === "ok").length, requests_total: attempts.length, counts: { ...state.counts, incidents: state.incidentIds.length, needs: state.needIds.length, auto_incidents: state.autoIncidents },
    storm_s: Math.round(stormS), ok,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean" }, runs: { type: "string" }, scale: { type: "string" }, knights: { type: "string" }, suppliers: { type: "string" },
      incidents: { type: "string" }, needs: { type: "string" }, duration: { type: "string" },
    },
  });
  const quick = !!values.quick;
  const o = {
    scale: Number(values.scale ?? (quick ? 20_000 : 1_000_000)),
    runs: Number(values.runs ?? 3),
    incidents: Number(values.incidents ?? (quick ? 12 : 40)),
    needs: Number(values.needs ?? (quick ? 120 : 500)),
    suppliers: Number(values.suppliers ?? (quick ? 40 : 200)),
    knights: Number(values.knights ?? (quick ? 300 : 10_000)),
    durationMs: Number(values.duration ?? (quick ? 100 : 180)) * 1000,
  };
  const started = Date.now();
  const dataDir = path.resolve(env.MUSTER_DATA_DIR, `bench-${o.scale}`);
  const logDir = path.resolve(env.MUSTER_DATA_DIR, "drill-logs");
  fs.mkdirSync(logDir, { recursive: true });
  log(`${quick ? "quick" : "full"} drill: scale ${o.scale.toLocaleString("en-US")}, ${o.runs} run(s); database ${dataDir}; logs ${logDir}`);
  const database = await startDrillDatabase(dataDir, o.scale >= 500_000 ? "2GB" : "256MB");
  const db = createPrismaClient(database.url, 8);
  const childEnv = {
    ...process.env, DATABASE_URL: database.url, AUTH_SECRET: env.AUTH_SECRET ?? localAuthSecret(dataDir), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1",
  } as NodeJS.ProcessEnv;
  const { apps, ports } = await appInstances(2, childEnv, logDir);
  const worker = workerProcess(childEnv, logDir);
  const cluster = new Cluster(ports);
  const figures: RunFigures[] = [];
  try {
    await migrate(database.url, { quiet: true });
    const have = Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM resource`)[0]!.n);
    if (have < o.scale * 0.9) {
      log(`seeding the scratch database with --scale ${o.scale} (first run only; the 1M seed takes several minutes) …`);
      await run(process.execPath, ["--import", "tsx", "prisma/seed.ts", "--scale", String(o.scale)], { ...process.env, DATABASE_URL: database.url });
    }
    await db.$executeRawUnsafe("ANALYZE");
    // a deployment's index is in sync when a storm starts; building it is not part of the run (first run only)
    await ensureSearchIndex(db, { log });
    log("starting 2 app instances and the worker …");
    await Promise.all([...apps.map((a) => a.start()), worker.start()]);
    log(`app instances on ports ${ports.join(", ")}; worker up (${((Date.now() - started) / 1000).toFixed(0)} s so far)`);
    for (let r = 0; r < o.runs; r++) {
      const f = await oneRun(r, db, database, cluster, apps, worker, o);
      figures.push(f);
      for (const fr of f.faults) {
        log(`  ${fr.fault} at ${fr.at_s} s: failed ${fr.requests_failed} (503 ${fr.clear_503}, connection ${fr.connection_errors}, 500 ${fr.server_errors_500}), ` +
          `down ${fr.down_ms} ms, first write +${fr.recovery_first_write_ms ?? "-"} ms, full throughput +${fr.recovery_full_throughput_ms ?? "-"} ms ${JSON.stringify(fr.detail)}`);
      }
      log(`  invariants ${JSON.stringify(f.invariants)}`);
      log(`  live ${JSON.stringify(f.live)}; errors outside fault windows ${f.errors_outside_fault_windows}, 500s ${f.server_errors_500}, gave up ${f.requests_gave_up}`);
      log(`  activity ${JSON.stringify(f.counts)}; requests ok ${f.requests_ok}/${f.requests_total} → run ${f.ok ? "PASSED" : "FAILED"}`);
      if (serverErrors.length) log(`  first 500s: ${serverErrors.slice(0, 3).join(" | ")}`);
    }
  } finally {
    cluster.destroy();
    await Promise.all([...apps.map((a) => a.stop()), worker.stop()]);
    await db.$disconnect();
    await database.stop();
  }
  const fault = (name: FaultReport["fault"], k: keyof FaultReport) => figures.map((f) => Number(f.faults.find((x) => x.fault === name)?.[k] ?? NaN));
  const row = (metric: string, xs: number[]) => ({ metric, ...spread(xs.map((x) => (Number.isFinite(x) ? x : -1)), Math.round) });
  console.table([
    row("PostgreSQL restart: requests failed", fault("postgres_restart", "requests_failed")),
    row("PostgreSQL restart: 500s", fault("postgres_restart", "server_errors_500")),
    row("PostgreSQL down (ms)", fault("postgres_restart", "down_ms")),
    row("DB back → first successful write (ms)  [≤ 5000]", fault("postgres_restart", "recovery_first_write_ms")),
    row("DB back → full throughput (ms)  [≤ 5000]", fault("postgres_restart", "recovery_full_throughput_ms")),
    row("app kill: requests failed", fault("app_kill", "requests_failed")),
    row("app kill: instance back (ms)", fault("app_kill", "down_ms")),
    row("worker kill: requests failed", fault("worker_kill", "requests_failed")),
    row("worker kill: held jobs done after (ms)", figures.map((f) => f.faults.find((x) => x.fault === "worker_kill")?.detail.held_jobs_done_after_ms ?? NaN)),
    row("double bookings (units + listings + knights)", figures.map((f) => f.invariants.double_booked_units + f.invariants.overcommitted_listings + f.invariants.double_booked_knights)),
    row("need quantity mismatches", figures.map((f) => f.invariants.need_quantity_mismatches)),
    row("lost jobs (holds past time + missing next + stuck)", figures.map((f) => f.invariants.holds_past_time + f.invariants.knight_offers_past_time + f.invariants.next_candidate_missing + f.invariants.jobs_stuck)),
    row("live events lost + duplicated", figures.map((f) => f.live.lost + f.live.duplicates + f.live.unexpected)),
    row("live events delivered", figures.map((f) => f.live.events_received)),
    row("errors outside fault windows", figures.map((f) => f.errors_outside_fault_windows)),
    row("requests ok", figures.map((f) => f.requests_ok)),
  ]);
  const med = (xs: number[]) => median(xs.filter(Number.isFinite));
  console.log(
    JSON.stringify({
      variant: quick ? "quick" : "full", scale: o.scale, runs: o.runs, knights: o.knights, suppliers: o.suppliers, incidents: o.incidents, needs: o.needs,
      runs_passed: figures.filter((f) => f.ok).length,
      pg_restart_first_write_ms: med(fault("postgres_restart", "recovery_first_write_ms")),
      pg_restart_first_write_ms_max: Math.max(...fault("postgres_restart", "recovery_first_write_ms")),
      pg_restart_full_throughput_ms: med(fault("postgres_restart", "recovery_full_throughput_ms")),
      pg_restart_full_throughput_ms_max: Math.max(...fault("postgres_restart", "recovery_full_throughput_ms")),
      pg_restart_requests_failed: med(fault("postgres_restart", "requests_failed")),
      app_kill_requests_failed: med(fault("app_kill", "requests_failed")),
      worker_kill_held_jobs_done_ms: med(figures.map((f) => f.faults.find((x) => x.fault === "worker_kill")?.detail.held_jobs_done_after_ms ?? NaN)),
      server_errors_500: figures.reduce((s, f) => s + f.server_errors_500, 0),
      errors_outside_fault_windows: figures.reduce((s, f) => s + f.errors_outside_fault_windows, 0),
      double_bookings: figures.reduce((s, f) => s + f.invariants.double_booked_units + f.invariants.overcommitted_listings + f.invariants.double_booked_knights, 0),
      need_quantity_mismatches: figures.reduce((s, f) => s + f.invariants.need_quantity_mismatches, 0),
      lost_jobs: figures.reduce((s, f) => s + f.invariants.holds_past_time + f.invariants.knight_offers_past_time + f.invariants.next_candidate_missing + f.invariants.jobs_stuck, 0),
      live_events_lost: figures.reduce((s, f) => s + f.live.lost + f.live.duplicates + f.live.unexpected, 0),
      live_events_delivered: med(figures.map((f) => f.live.events_received)),
      outbox_pending: figures.reduce((s, f) => s + f.invariants.outbox_pending, 0),
      audit_pending: figures.reduce((s, f) => s + f.invariants.audit_pending, 0),
      audit_chain_broken: figures.reduce((s, f) => s + f.invariants.audit_chain_broken, 0),
      total_s: Math.round((Date.now() - started) / 1000),
    }),
  );
  process.exit(figures.every((f) => f.ok) ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
