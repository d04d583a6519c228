import { AppError } from "@/server/errors";
import type {
  AllocationLine,
  AssignmentMethod,
  AssignmentProblem,
  AssignmentSolution,
} from "@/server/modules/matching/assign/types";
import { compareObjectives, evaluate, fillPerNeed } from "@/server/modules/matching/assign/objective";
import { solveGreedy } from "@/server/modules/matching/assign/greedy";
import { solveMinCostFlow } from "@/server/modules/matching/assign/min-cost-flow";

export const DEFAULT_TIME_LIMIT_MS = 2_000;

/**
 * Assign all needs of an incident jointly. Lexicographic objective: most life-safety units filled, then
 * urgent, then routine; among those, least total cost. Exact by min-cost flow; if the time limit runs out
 * first, the better of the partial flow and greedy is returned and `method` says GREEDY_FALLBACK when
 * greedy won. Greedy nearest-first always runs on the same data and is reported alongside.
 */
export function solveAssignment(problem: AssignmentProblem, opts: { timeLimitMs?: number } = {}): AssignmentSolution {
  const clean = normalise(problem);
  const t0 = performance.now();
  const greedyLines = solveGreedy(clean);
  const greedyMs = performance.now() - t0;
  const greedyObjective = evaluate(clean.needs, greedyLines);

  const t1 = performance.now();
  const flow = solveMinCostFlow(clean, t1 + (opts.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS));
  let method: AssignmentMethod = "MIN_COST_FLOW";
  let lines: AllocationLine[] = flow.lines;
  let objective = evaluate(clean.needs, lines);
  if (flow.timedOut && compareObjectives(greedyObjective, objective) < 0) {
    method = "GREEDY_FALLBACK";
    lines = greedyLines;
    objective = greedyObjective;
  }
  const solveMs = performance.now() - t1;

  const perNeed = fillPerNeed(clean.needs, lines);
  const greedyFillsFewer = (["LIFE_SAFETY", "URGENT", "ROUTINE"] as const).some(
    (t) => greedyObjective.filled[t] !== objective.filled[t],
  ) && compareObjectives(objective, greedyObjective) < 0;
  const gapVsGreedyPct =
    objective.totalCost > 0
      ? ((greedyObjective.totalCost - objective.totalCost) / objective.totalCost) * 100
      : greedyObjective.totalCost > 0 ? 100 : 0;
  return {
    method,
    allocations: lines,
    objective,
    perNeed,
    unfilledNeeds: perNeed.filter((p) => p.unfilled > 0).length,
    unfilledUnits: perNeed.reduce((a, p) => a + p.unfilled, 0),
    greedy: { objective: greedyObjective, ms: greedyMs },
    gapVsGreedyPct: Math.round(gapVsGreedyPct * 1000) / 1000,
    greedyFillsFewer,
    solveMs,
  };
}

/** Validates ids, quantities and costs; merges duplicate candidates; keeps the cheapest duplicate edge. */
function normalise(problem: AssignmentProblem): AssignmentProblem {
  const needIds = new Set<string>();
  for (const n of problem.needs) {
    if (needIds.has(n.id)) throw new AppError("BAD_REQUEST", `Duplicate need ${n.id}`);
    if (!Number.isInteger(n.quantity) || n.quantity < 0) throw new AppError("BAD_REQUEST", `Need ${n.id}: quantity must be a whole number ≥ 0`);
    needIds.add(n.id);
  }
  const cands = new Map<string, AssignmentProblem["candidates"][number]>();
  for (const c of problem.candidates) {
    if (!Number.isInteger(c.availableQuantity) || c.availableQuantity < 0) {
      throw new AppError("BAD_REQUEST", `Resource ${c.resourceId}: availableQuantity must be a whole number ≥ 0`);
    }
    if (!cands.has(c.resourceId)) cands.set(c.resourceId, c);
  }
  const edges = new Map<string, AssignmentProblem["edges"][number]>();
  for (const e of problem.edges) {
    if (!e.feasible) continue;
    if (!Number.isFinite(e.cost) || e.cost < 0) throw new AppError("BAD_REQUEST", `Edge ${e.needId}→${e.resourceId}: cost must be ≥ 0`);
    if (!needIds.has(e.needId) || !cands.has(e.resourceId)) {
      throw new AppError("BAD_REQUEST", `Edge ${e.needId}→${e.resourceId} names an unknown need or resource`);
    }
    const key = `${e.needId}\u0000${e.resourceId}`;
    const prev = edges.get(key);
    if (!prev || e.cost < prev.cost) edges.set(key, e);
  }
  return { needs: problem.needs, candidates: [...cands.values()], edges: [...edges.values()] };
}
