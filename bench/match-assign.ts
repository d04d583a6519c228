/**
 * Incident-wide assignment benchmark (not a test): `npm run bench:match-assign [-- slots candidates]`.
 * 1,000 need-slots × 5,000 unit candidates by default, uniform and clustered layouts (bench/lib/assign-bench.ts),
 * 3 runs each → min/median/max of the exact solve, greedy nearest-first as the baseline in the same run, and
 * greedy's optimality gap. Prints a table and a final JSON line.
 */
import { runAssignLayout } from "@/bench/lib/assign-bench";
import { median, r1, spread } from "@/bench/lib/stats";

const slots = Number(process.argv[2] ?? 1000);
const candidates = Number(process.argv[3] ?? 5000);

const results = (["uniform", "clustered"] as const).map((layout) => runAssignLayout(layout, { slots, candidates }));
for (const { layout, problem, solveMs, greedyMs, cpuMs, last } of results) {
  const o = last.objective;
  const g = last.greedy.objective;
  console.log(`\n[${layout}] ${slots} slots × ${candidates} candidates, ${problem.edges.length} edges, method ${last.method}`);
  console.table({
    "exact solve ms": spread(solveMs, r1),
    "greedy ms": spread(greedyMs, r1),
    "process CPU ms (solve + greedy)": spread(cpuMs, r1),
  });
  console.table({
    optimal: { lifeSafety: o.filled.LIFE_SAFETY, urgent: o.filled.URGENT, routine: o.filled.ROUTINE, cost: o.totalCost.toFixed(2) },
    greedy: { lifeSafety: g.filled.LIFE_SAFETY, urgent: g.filled.URGENT, routine: g.filled.ROUTINE, cost: g.totalCost.toFixed(2) },
  });
  console.log(`greedy gap vs optimal: ${last.gapVsGreedyPct}% cost${last.greedyFillsFewer ? " (greedy also fills fewer priority units)" : ""}`);
}
const [u, c] = results;
console.log(JSON.stringify({
  assign_ms: r1(median(u.solveMs)),
  assign_ms_min: r1(Math.min(...u.solveMs)),
  assign_ms_max: r1(Math.max(...u.solveMs)),
  greedy_ms: r1(median(u.greedyMs)),
  greedy_gap_pct: u.last.gapVsGreedyPct,
  assign_cpu_ms: r1(median(u.cpuMs)),
  assign_ms_clustered: r1(median(c.solveMs)),
  assign_cpu_ms_clustered: r1(median(c.cpuMs)),
  greedy_gap_pct_clustered: c.last.gapVsGreedyPct,
  slots,
  candidates,
  edges: u.problem.edges.length,
  method: u.last.method,
}));
