/** The report of `npm run bench:dispatch` (bench/dispatch.ts): per-run figures → min/median/max table + final JSON line. */
import os from "node:os";

export type RunResult = {
  offer_p50_ms: number;
  offer_p99_ms: number;
  offer_max_ms: number;
  offers: number;
  offers_missing: number;
  cross_instance_offers: number;
  dispatch_tx_p50_ms: number;
  commit_to_offer_p99_ms: number;
  hub_fetch_p99_ms: number;
  baseline_p50_ms: number;
  baseline_p99_ms: number;
  bare_p50_ms: number;
  bare_p99_ms: number;
  accepted: number;
  refused: number;
  other_errors: number;
  /** Accepts refused by the request budget (429): must stay 0 (server/modules/rate-limit/rate-limit-config.ts). */
  rate_limited: number;
  attempts_made: number;
  over_accepts: number;
  settle_p50_ms: number;
  settle_p99_ms: number;
  settle_all_ms: number;
  settle_baseline_p50_ms: number;
  settle_server_p50_ms: number;
  settle_server_p99_ms: number;
  settle_baseline_p99_ms: number;
  /** settle_p99_ms / settle_baseline_p99_ms of this run (target ≤ 1.5 in the median of the runs). */
  settle_p99_ratio: number;
  /** Event-loop delay / GC pause maxima during the offer phase: this client process, and the worst server. */
  client_lag_max_ms: number;
  client_gc_max_ms: number;
  server_lag_max_ms: number;
  server_gc_max_ms: number;
  server_heap_mb: number;
  /** Heap the worst server still holds after a full GC at the end of the run (rising run over run = a leak). */
  server_live_heap_mb: number;
  /** 1-minute load average at the end of the run (2-core machine shared with other work: context for the figures). */
  load_1m: number;
};

export function printDispatchReport(results: RunResult[], o: { slots: number; knights: number; servers: number; runs: number }): void {
  const stat = (k: keyof RunResult) => {
    const xs = results.map((r) => r[k]).sort((a, b) => a - b);
    return { min: xs[0]!, median: xs[Math.floor(xs.length / 2)]!, max: xs[xs.length - 1]! };
  };
  const rows: [string, keyof RunResult][] = [
    ["offer: post → offer.new at knight, p50 (ms)", "offer_p50_ms"],
    ["offer: p99 (ms)  [target ≤ 250]", "offer_p99_ms"],
    ["offer: max (ms)", "offer_max_ms"],
    ["offers delivered per run", "offers"],
    ["offers missing (not delivered in 5 s)", "offers_missing"],
    ["offers delivered by the other instance", "cross_instance_offers"],
    ["startDispatch transaction p50 (ms)", "dispatch_tx_p50_ms"],
    ["commit → offer.new at knight, p99 (ms)", "commit_to_offer_p99_ms"],
    ["hub fetch after NOTIFY (read + hand-off), p99 (ms)", "hub_fetch_p99_ms"],
    ["event-loop delay max during offers, client (ms)", "client_lag_max_ms"],
    ["GC pause max during offers, client (ms)", "client_gc_max_ms"],
    ["event-loop delay max during offers, worst server (ms)", "server_lag_max_ms"],
    ["GC pause max during offers, worst server (ms)", "server_gc_max_ms"],
    ["heap used, biggest server (MB)", "server_heap_mb"],
    ["heap kept after a full GC at the end of the run, biggest server (MB)", "server_live_heap_mb"],
    ["baseline: hub in-process fan-out, same connections, p50 (ms)", "baseline_p50_ms"],
    ["baseline: p99 (ms)", "baseline_p99_ms"],
    ["raw SSE write fan-out p50 (ms)", "bare_p50_ms"],
    ["raw SSE write fan-out p99 (ms)", "bare_p99_ms"],
    ["accept attempts (knights holding an offer)", "attempts_made"],
    [`accepted (of ${o.slots} places)`, "accepted"],
    ["clear refusals (CONFLICT)", "refused"],
    ["rate-limited (429)  [target 0]", "rate_limited"],
    ["other errors (429 included)", "other_errors"],
    ["over-accepts in the database", "over_accepts"],
    ["settle p50 (ms)", "settle_p50_ms"],
    ["settle p99 (ms)  [target ≤ 50]", "settle_p99_ms"],
    ["all attempts answered (ms)", "settle_all_ms"],
    ["settle, server side (accept request parsed → answered), p50 (ms)", "settle_server_p50_ms"],
    ["settle, server side, p99 (ms)", "settle_server_p99_ms"],
    ["settle baseline: same burst of system.health (one SELECT 1), p50 (ms)", "settle_baseline_p50_ms"],
    ["settle baseline: p99 (ms)", "settle_baseline_p99_ms"],
    ["settle p99 / settle baseline p99  [target ≤ 1.5]", "settle_p99_ratio"],
    [`load average, 1 min (${os.cpus().length} CPUs)`, "load_1m"],
  ];
  console.table(rows.map(([metric, k]) => ({ metric, ...stat(k) })));
  const med = (k: keyof RunResult) => stat(k).median;
  console.log(
    JSON.stringify({
      offer_p50_ms: med("offer_p50_ms"),
      offer_p99_ms: med("offer_p99_ms"),
      accepted: Math.min(...results.map((r) => r.accepted)),
      over_accepts: results.reduce((n, r) => n + r.over_accepts, 0),
      refused: med("refused"),
      settle_p50_ms: med("settle_p50_ms"),
      settle_p99_ms: med("settle_p99_ms"),
      settle_all_ms: med("settle_all_ms"),
      settle_baseline_p99_ms: med("settle_baseline_p99_ms"),
      // ratios per run, then their median (a ratio of medians would pair figures from different runs)
      settle_p99_ratio: med("settle_p99_ratio"),
      settle_server_p99_ms: med("settle_server_p99_ms"),
      baseline_p99_ms: med("baseline_p99_ms"),
      commit_to_offer_p99_ms: med("commit_to_offer_p99_ms"),
      hub_fetch_p99_ms: med("hub_fetch_p99_ms"),
      dispatch_tx_p50_ms: med("dispatch_tx_p50_ms"),
      bare_sse_p99_ms: med("bare_p99_ms"),
      client_lag_max_ms: med("client_lag_max_ms"),
      server_lag_max_ms: med("server_lag_max_ms"),
      server_gc_max_ms: med("server_gc_max_ms"),
      offers_missing: results.reduce((n, r) => n + r.offers_missing, 0),
      other_errors: results.reduce((n, r) => n + r.other_errors, 0),
      rate_limited: results.reduce((n, r) => n + r.rate_limited, 0),
      load_1m: med("load_1m"),
      cpus: os.cpus().length,
      knights: o.knights,
      servers: o.servers,
      attempts: Math.min(...results.map((r) => r.attempts_made)),
      slots: o.slots,
      runs: o.runs,
      offer_p99_ms_runs: stat("offer_p99_ms"),
      // the offer target holds in every run: each run's p99, in order, and the live heap after each run
      offer_p99_ms_per_run: results.map((r) => r.offer_p99_ms),
      server_live_heap_mb_per_run: results.map((r) => r.server_live_heap_mb),
      settle_p99_ms_runs: stat("settle_p99_ms"),
      settle_p99_ratio_runs: stat("settle_p99_ratio"),
      baseline_p99_ms_runs: stat("baseline_p99_ms"),
    }),
  );
}
