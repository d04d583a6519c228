import type { AllocationLine, AssignmentProblem } from "@/server/modules/matching/assign/types";
import { TIER_RANK } from "@/server/modules/matching/assign/objective";

/**
 * Greedy nearest-first, the baseline: needs in priority order (life-safety first, then input order),
 * each takes its cheapest remaining candidates until filled. Fast, myopic — it can give the only pump
 * a life-safety need could use to an earlier need of the same tier, or spend a shared resource badly.
 */
export function solveGreedy(problem: AssignmentProblem): AllocationLine[] {
  const left = new Map<string, number>();
  for (const c of problem.candidates) left.set(c.resourceId, (left.get(c.resourceId) ?? 0) + c.availableQuantity);
  const byNeed = new Map<string, { resourceId: string; cost: number; order: number }[]>();
  problem.edges.forEach((e, order) => {
    const list = byNeed.get(e.needId);
    const item = { resourceId: e.resourceId, cost: e.cost, order };
    if (list) list.push(item);
    else byNeed.set(e.needId, [item]);
  });
  const needs = problem.needs
    .map((n, i) => ({ n, i }))
    .sort((a, b) => TIER_RANK[a.n.priority] - TIER_RANK[b.n.priority] || a.i - b.i);
  const lines: AllocationLine[] = [];
  for (const { n } of needs) {
    let want = n.quantity;
    const options = (byNeed.get(n.id) ?? []).sort((a, b) => a.cost - b.cost || a.order - b.order);
    for (const o of options) {
      if (want <= 0) break;
      const have = left.get(o.resourceId) ?? 0;
      const take = Math.min(want, have);
      if (take <= 0) continue;
      left.set(o.resourceId, have - take);
      want -= take;
      lines.push({ needId: n.id, resourceId: o.resourceId, quantity: take, cost: o.cost });
    }
  }
  return lines;
}
