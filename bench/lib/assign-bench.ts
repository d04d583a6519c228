/**
 * The incident-wide assignment workload shared by `npm run bench:match` and `npm run bench:match-assign`.
 * Random instance: need-slots × unit candidates scattered over a 60 km square; each slot's feasible set is its
 * 50 nearest candidates (a KNN pool), cost = distance in km; 10% life-safety, 30% urgent, 60% routine. Two
 * layouts: slots uniform (the headline `assign_ms`) and clustered around 20 sites (heavy competition, long
 * alternating paths). Greedy nearest-first is the baseline measured on the same instance in the same run.
 */
import seedrandom from "seedrandom";
import { solveAssignment } from "@/server/modules/matching/assign/solve-assignment";
import type { AssignmentProblem, PriorityTier } from "@/server/modules/matching/assign/types";

const POOL = 50;

export type Layout = "uniform" | "clustered";

/** uniform: slots anywhere in the square; clustered: around 20 incident sites, so pools overlap and needs compete. */
function makeInstance(seed: string, layout: Layout, slots: number, candidates: number): AssignmentProblem {
  const rnd = seedrandom(seed);
  const pt = () => [rnd() * 60, rnd() * 60] as const;
  const cands = Array.from({ length: candidates }, (_, i) => ({ id: `r${i}`, at: pt() }));
  const tier = (): PriorityTier => { const x = rnd(); return x < 0.1 ? "LIFE_SAFETY" : x < 0.4 ? "URGENT" : "ROUTINE"; };
  const sites = Array.from({ length: 20 }, pt);
  const needs = Array.from({ length: slots }, (_, i) => {
    if (layout === "uniform") return { id: `n${i}`, priority: tier(), quantity: 1, at: pt() };
    const s = sites[Math.floor(rnd() * sites.length)];
    return { id: `n${i}`, priority: tier(), quantity: 1, at: [s[0] + (rnd() - 0.5) * 8, s[1] + (rnd() - 0.5) * 8] as const };
  });
  const edges: AssignmentProblem["edges"] = [];
  const d = new Float64Array(candidates);
  const idx = Array.from({ length: candidates }, (_, i) => i);
  for (const n of needs) {
    for (let i = 0; i < candidates; i++) d[i] = Math.hypot(cands[i].at[0] - n.at[0], cands[i].at[1] - n.at[1]);
    idx.sort((a, b) => d[a] - d[b]);
    for (let k = 0; k < POOL; k++) edges.push({ needId: n.id, resourceId: cands[idx[k]].id, cost: Math.round(d[idx[k]] * 100) / 100, feasible: true });
  }
  return {
    needs: needs.map(({ id, priority, quantity }) => ({ id, priority, quantity })),
    candidates: cands.map((c, i) => ({ resourceId: c.id, availableQuantity: 1, supplierId: `s${i % 300}` })),
    edges,
  };
}

/** Solves one layout `runs` times (after a warm-up on another instance); exact vs greedy in the same run. */
export function runAssignLayout(layout: Layout, opts: { slots?: number; candidates?: number; runs?: number } = {}) {
  const slots = opts.slots ?? 1000;
  const candidates = opts.candidates ?? 5000;
  const RUNS = opts.runs ?? 3;
  const problem = makeInstance(`muster-assign-bench-${layout}`, layout, slots, candidates);
  solveAssignment(makeInstance(`warmup-${layout}`, layout, slots, candidates)); // JIT warm-up on a different instance
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

