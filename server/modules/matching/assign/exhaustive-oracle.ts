import type { AllocationLine, AssignmentObjective, AssignmentProblem } from "@/server/modules/matching/assign/types";
import { compareObjectives, evaluate } from "@/server/modules/matching/assign/objective";

/**
 * Test oracle: enumerates EVERY integer allocation (each edge 0 … its room) and returns the
 * lexicographically best objective. Exponential — only for tiny instances (≤ 6 × 6, small quantities).
 */
export function solveExhaustive(problem: AssignmentProblem): AssignmentObjective {
  const resLeft = new Map(problem.candidates.map((c) => [c.resourceId, c.availableQuantity]));
  const needLeft = new Map(problem.needs.map((n) => [n.id, n.quantity]));
  const current: AllocationLine[] = [];
  let best = evaluate(problem.needs, []);
  const walk = (i: number) => {
    if (i === problem.edges.length) {
      const obj = evaluate(problem.needs, current);
      if (compareObjectives(obj, best) < 0) best = obj;
      return;
    }
    const e = problem.edges[i];
    const room = Math.min(resLeft.get(e.resourceId) ?? 0, needLeft.get(e.needId) ?? 0);
    for (let q = 0; q <= room; q++) {
      if (q > 0) {
        resLeft.set(e.resourceId, resLeft.get(e.resourceId)! - q);
        needLeft.set(e.needId, needLeft.get(e.needId)! - q);
        current.push({ needId: e.needId, resourceId: e.resourceId, quantity: q, cost: e.cost });
      }
      walk(i + 1);
      if (q > 0) {
        current.pop();
        resLeft.set(e.resourceId, resLeft.get(e.resourceId)! + q);
        needLeft.set(e.needId, needLeft.get(e.needId)! + q);
      }
    }
  };
  walk(0);
  return best;
}
