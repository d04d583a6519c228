/**
 * Incident-wide assignment benchmark (not a test): `npm run bench:match-assign`.
 * Random instance: 1,000 need-slots × 5,000 unit candidates scattered over a 60 km square; each slot's
 * feasible set is its 50 nearest candidates (a KNN pool), cost = distance in km; 10% life-safety, 30% urgent,
 * 60% routine. Two layouts: slots uniform (the headline `assign_ms`) and clustered around 20 sites (heavy
 * competition, long alternating paths: `assign_ms_clustered`). 3 runs each → min/median/max
 * of the exact solve, greedy nearest-first as the baseline in the same run, and greedy's optimality gap.
 * Prints a table and a final JSON line.
 */
import seedrandom from "seedrandom";
import { solveAssignment } from "@/server/modules/matching/assign/solve-assignment";
import type { AssignmentProblem, PriorityTier } from "@/server/modules/matching/assign/types";

const SLOTS = Number(process.argv[2] ?? 1000);
const CANDIDATES = Number(process.argv[3] ?? 5000);
const POOL = 50;
const RUNS = 3;

type Layout = "uniform" | "clustered";

/** uniform: slots anywhere in the square; clustered: around 20 incident sites, so pools overlap and needs compete. */
function makeInstance(seed: string, layout: Layout): AssignmentProblem {
  const rnd = seedrandom(seed);
  const pt = () => [rnd() * 60, rnd() * 60] as const;
  const cands = Array.from({ length: CANDIDATES }, (_, i) => ({ id: `r${i}`, at: pt() }));
  const tier = (): PriorityTier => { const x = rnd(); return x < 0.1 ? "LIFE_SAFETY" : x < 0.4 ? "URGENT" : "ROUTINE"; };
  const sites = Array.from({ length: 20 }, pt);
  const needs = Array.from({ length: SLOTS }, (_, i) => {
    if (layout === "uniform") return { id: `n${i}`, priority: tier(), quantity: 1, at: pt() };
    const s = sites[Math.floor(rnd() * sites.length)];
    return { id: `n${i}`, priority: tier(), quantity: 1, at: [s[0] + (rnd() - 0.5) * 8, s[1] + (rnd() - 0.5) * 8] as const };
  });
  const edges: AssignmentProblem["edges"] = [];
  const d = new Float64Array(CANDIDATES);
  const idx = Array.from({ length: CANDIDATES }, (_, i) => i);
  for (const n of needs) {
    for (let i = 0; i < CANDIDATES; i++) d[i] = Math.hypot(cands[i].at[0] - n.at[0], cands[i].at[1] - n.at[1]);
    idx.sort((a, b) => d[a] - d[b]);
    for (let k = 0; k < POOL; k++) edges.push({ needId: n.id, resourceId: cands[idx[k]].id, cost: Math.round(d[idx[k]] * 100) / 100, feasible: true });
  }
  return {
    needs: needs.map(({ id, priority, quantity }) => ({ id, priority, quantity })),
    candidates: cands.map((c, i) => ({ resourceId: c.id, availableQuantity: 1, supplierId: `s${i % 300}` })),
    edges,
  };
}

const fmt = (x: number) => x.toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function runLayout(layout: Layout) {
  const problem = makeInstance(`muster-assign-bench-${layout}`, layout);
  solveAssignment(makeInstance(`warmup-${layout}`, layout)); // JIT warm-up on a different instance
  const solveMs: number[] = [];
  const greedyMs: number[] = [];
  const cpuMs: number[] = [];
  let last = solveAssignment(problem, { timeLimitMs: 60_000 });
  for (let r = 0; r < RUNS; r++) {
    const cpu = process.cpuUsage();
    last = solveAssignment(problem, { timeLimitMs: 60_000 });
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
    solveMs.push(last.solveMs);
    greedyMs.push(last.greedy.ms);
  }
  return { layout, problem, solveMs, greedyMs, cpuMs, last };
}

const results = (["uniform", "clustered"] as const).map(runLayout);
for (const { layout, problem, solveMs, greedyMs, cpuMs, last } of results) {
  const o = last.objective;
  const g = last.greedy.objective;
  console.log(`\n[${layout}] ${SLOTS} slots × ${CANDIDATES} candidates, ${problem.edges.length} edges, method ${last.method}`);
  console.table({
    "exact solve ms": { min: fmt(Math.min(...solveMs)), median: fmt(median(solveMs)), max: fmt(Math.max(...solveMs)) },
    "greedy ms": { min: fmt(Math.min(...greedyMs)), median: fmt(median(greedyMs)), max: fmt(Math.max(...greedyMs)) },
    "process CPU ms (solve + greedy)": { min: fmt(Math.min(...cpuMs)), median: fmt(median(cpuMs)), max: fmt(Math.max(...cpuMs)) },
  });
  console.table({
    optimal: { lifeSafety: o.filled.LIFE_SAFETY, urgent: o.filled.URGENT, routine: o.filled.ROUTINE, cost: o.totalCost.toFixed(2) },
    greedy: { lifeSafety: g.filled.LIFE_SAFETY, urgent: g.filled.URGENT, routine: g.filled.ROUTINE, cost: g.totalCost.toFixed(2) },
  });
  console.log(`greedy gap vs optimal: ${last.gapVsGreedyPct}% cost${last.greedyFillsFewer ? " (greedy also fills fewer priority units)" : ""}`);
}
const [u, c] = results;
console.log(JSON.stringify({
  assign_ms: Number(fmt(median(u.solveMs))),
  assign_ms_min: Number(fmt(Math.min(...u.solveMs))),
  assign_ms_max: Number(fmt(Math.max(...u.solveMs))),
  greedy_ms: Number(fmt(median(u.greedyMs))),
  greedy_gap_pct: u.last.gapVsGreedyPct,
  assign_cpu_ms: Number(fmt(median(u.cpuMs))),
  assign_ms_clustered: Number(fmt(median(c.solveMs))),
  assign_cpu_ms_clustered: Number(fmt(median(c.cpuMs))),
  greedy_gap_pct_clustered: c.last.gapVsGreedyPct,
  slots: SLOTS,
  candidates: CANDIDATES,
  edges: u.problem.edges.length,
  method: u.last.method,
}));
