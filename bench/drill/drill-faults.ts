/**
 * The faults of the surge drill, each at its scripted moment while the storm runs, and what each cost:
 * requests that failed (clear 503s, refused/reset connections, 500s) inside its window, and its recovery.
 */
import type { PrismaClient } from "@/server/db";
import { attempts } from "@/bench/drill/drill-http";
import { PROBE_OP } from "@/bench/drill/drill-storm";
import { pct } from "@/bench/lib/stats";
import type { ChildProc, Db } from "@/bench/drill/drill-cluster";
import type { LiveClient } from "@/bench/drill/drill-http";

export type FaultReport = {
  fault: "worker_kill" | "postgres_restart" | "app_kill";
  at_s: number;
  window: [number, number];
  requests_failed: number;
  clear_503: number;
  connection_errors: number;
  server_errors_500: number;
  /** PostgreSQL: database back → first successful write through the app; app/worker: process back. */
  recovery_first_write_ms: number | null;
  /** Database back → ok-request rate back to 80 % of the minute before the fault. */
  recovery_full_throughput_ms: number | null;
  down_ms: number;
  detail: Record<string, number>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A request belongs to a fault when it was in flight during the fault's window: one sent just before an instance
 * is killed may be answered (a clear 503 after its 10 s wait for a connection on the surviving instance, now
 * carrying all the load) after the window ends, and the fault is still what failed it.
 */
const during = (a: { sent: number; at: number }, [start, end]: [number, number]) => a.sent <= end && a.at >= start;

function tally(start: number, end: number) {
  const inWindow = attempts.filter((a) => during(a, [start, end]));
  const failed = inWindow.filter((a) => a.outcome === "unavailable" || a.outcome === "network" || a.outcome === "server_error");
  return {
    requests_failed: failed.length,
    clear_503: failed.filter((a) => a.outcome === "unavailable").length,
    connection_errors: failed.filter((a) => a.outcome === "network").length,
    server_errors_500: failed.filter((a) => a.outcome === "server_error").length,
  };
}

/** Successful requests per second in [from, to). */
function okRate(from: number, to: number): number {
  return attempts.filter((a) => a.outcome === "ok" && a.at >= from && a.at < to).length / Math.max(0.001, (to - from) / 1000);
}

/** When the ok rate (1 s buckets) first reaches `share` of the rate before the fault; null if never within 60 s. */
async function fullThroughputAt(backAt: number, baseline: number, share = 0.8): Promise<number | null> {
  const deadline = backAt + 60_000;
  for (let t = backAt; t < deadline; t += 250) {
    while (Date.now() < t + 1000) await sleep(100);
    if (okRate(t, t + 1000) >= baseline * share) return t + 1000;
  }
  return null;
}

export async function killWorker(db: PrismaClient, worker: ChildProc, t0: number): Promise<FaultReport> {
  // Mid-batch: wait (≤ 15 s) for a moment when the worker holds claimed jobs.
  const pid = worker.child?.pid;
  let held: string[] = [];
  for (let i = 0; i < 600; i++) {
    held = (await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM job WHERE locked_by LIKE $1 AND done_at IS NULL`, `%:${pid}`)).map((r) => r.id);
    if (held.length > 0) break;
    await sleep(25);
  }
  const start = Date.now();
  await worker.kill();
  held = (await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM job WHERE locked_by LIKE $1 AND done_at IS NULL AND failed_at IS NULL`, `%:${pid}`)).map((r) => r.id);
  await sleep(2000);
  await worker.start();
  const back = Date.now();
  // The jobs it held when killed must be claimed again (after their lease) and finish.
  let reclaimedAt: number | null = null;
  for (let i = 0; i < 240; i++) {
    // Handled = no longer claimed and not due: done, failed, backing off, or a keyed job that re-armed itself for
    // later (the search reconcile, the live-event prune) — those keep done_at NULL.
    const open = held.length
      ? Number((await db.$queryRawUnsafe<{ n: bigint }[]>(
          `SELECT count(*) AS n FROM job WHERE id = ANY($1) AND (locked_at IS NOT NULL OR (done_at IS NULL AND failed_at IS NULL AND run_at <= now()))`, held))[0]!.n)
      : 0;
    if (open === 0) {
      reclaimedAt = Date.now();
      break;
    }
    await sleep(500);
  }
  const end = Date.now();
  return {
    fault: "worker_kill", at_s: Math.round((start - t0) / 1000), window: [start, end], ...tally(start, end),
    recovery_first_write_ms: null, recovery_full_throughput_ms: null, down_ms: back - start,
    detail: { jobs_held_when_killed: held.length, held_jobs_done_after_ms: reclaimedAt === null ? -1 : reclaimedAt - start },
  };
}

/**
 * What the first write's time is made of: when any client's write first succeeded again, and the probe's own
 * attempts after the database was back (a client that backs off may be asleep when the database returns).
 */
function afterBack(start: number, backAt: number): Record<string, number> {
  // The probe's write in the 20 s before the fault: what a write costs under the storm alone.
  const steady = attempts.filter((a) => a.op === PROBE_OP && a.outcome === "ok" && a.at >= start - 20_000 && a.at < start).map((a) => a.at - a.sent);
  const after = attempts.filter((a) => a.at >= backAt);
  const since = (a: { at: number } | undefined) => (a ? a.at - backAt : -1);
  const probe = after.filter((a) => a.op === PROBE_OP);
  return {
    first_ok_request_ms: since(after.find((a) => a.outcome === "ok")),
    first_ok_write_any_client_ms: since(after.find((a) => a.outcome === "ok" && a.write)),
    probe_first_sent_after_back_ms: probe.length ? Math.min(...probe.map((a) => a.sent)) - backAt : -1,
    probe_failed_after_back: probe.filter((a) => a.outcome !== "ok").length,
    probe_write_p50_before_ms: steady.length ? Math.round(pct(steady, 50)) : -1,
    probe_write_max_before_ms: steady.length ? Math.max(...steady) : -1,
  };
}

export async function restartPostgres(database: Db, writes: number[], t0: number): Promise<FaultReport> {
  const start = Date.now();
  const baseline = okRate(start - 20_000, start);
  const { downMs, backAt } = await database.restart();
  let firstWrite: number | null = null;
  for (let i = 0; i < 600 && firstWrite === null; i++) {
    firstWrite = writes.find((w) => w >= backAt) ?? null;
    if (firstWrite === null) await sleep(50);
  }
  const full = await fullThroughputAt(backAt, baseline);
  const end = Math.max(full ?? backAt + 30_000, firstWrite ?? 0) + 2000;
  while (Date.now() < end) await sleep(100);
  return {
    fault: "postgres_restart", at_s: Math.round((start - t0) / 1000), window: [start, end], ...tally(start, end),
    recovery_first_write_ms: firstWrite === null ? null : firstWrite - backAt,
    recovery_full_throughput_ms: full === null ? null : full - backAt,
    down_ms: downMs, detail: { baseline_ok_per_s: Math.round(baseline), back_at_epoch_ms: backAt, ...afterBack(start, backAt) },
  };
}

export async function killApp(app: ChildProc, index: number, clients: LiveClient[], t0: number): Promise<FaultReport> {
  const on = clients.filter((c) => c.connectedTo === index);
  const before = on.reduce((s, c) => s + c.reconnects, 0);
  const start = Date.now();
  await app.kill();
  await app.start();
  const back = Date.now();
  // Its SSE clients are on the other instance now, resumed from their last event id.
  await sleep(3000);
  const end = Date.now();
  return {
    fault: "app_kill", at_s: Math.round((start - t0) / 1000), window: [start, end], ...tally(start, end),
    recovery_first_write_ms: null, recovery_full_throughput_ms: null, down_ms: back - start,
    detail: { sse_clients_on_killed_instance: on.length, sse_reconnects: on.reduce((s, c) => s + c.reconnects, 0) - before, sse_moved_to_other: on.filter((c) => c.connectedTo !== index).length },
  };
}

/** Failed attempts outside every fault window (must be 0), and 500s anywhere (must be 0). */
export function errorsOutside(windows: [number, number][], from: number): { outside: number; server_errors: number } {
  const bad = attempts.filter((a) => a.at >= from && a.outcome !== "ok" && a.outcome !== "business");
  return {
    outside: bad.filter((a) => !windows.some((w) => during(a, w))).length,
    server_errors: bad.filter((a) => a.outcome === "server_error").length,
  };
}
