import type { AssignmentProblem, PriorityTier } from "@/server/modules/matching/assign/types";
import type { ScoredCandidate } from "@/server/modules/matching/scoring/scoring-types";

export type NeedWithCandidates = {
  needId: string;
  priority: PriorityTier;
  quantityOpen: number;
  candidates: ScoredCandidate[];
};

/** Cost of one unit from a candidate: 100 − score (scores are 0–100, higher better). */
export function costOfScore(score: number): number {
  return Math.max(0, 100 - score);
}

/**
 * The joint problem for an incident. A resource eligible for several needs appears once, with the
 * smallest availableQuantity any of its needs' windows allows (conservative: never over-proposes).
 */
export function buildAssignmentProblem(items: NeedWithCandidates[]): AssignmentProblem {
  const avail = new Map<string, { q: number; supplierId: string }>();
  const edges: AssignmentProblem["edges"] = [];
  for (const item of items) {
    for (const c of item.candidates) {
      if (c.availableQuantity <= 0) continue;
      const prev = avail.get(c.resourceId);
      const supplierId = c.orgId ?? c.ownerUserId ?? c.resourceId;
      if (!prev || c.availableQuantity < prev.q) avail.set(c.resourceId, { q: c.availableQuantity, supplierId });
      edges.push({ needId: item.needId, resourceId: c.resourceId, cost: costOfScore(c.score), feasible: true });
    }
  }
  return {
    needs: items.map((i) => ({ id: i.needId, priority: i.priority, quantity: Math.max(0, i.quantityOpen) })),
    candidates: [...avail].map(([resourceId, v]) => ({ resourceId, availableQuantity: v.q, supplierId: v.supplierId })),
    edges,
  };
}

/**
 * Unit numbers for a unit resource's proposed rows: the lowest indices in [0, total) that are neither
 * busy in the window (live assignments) nor already proposed in this batch.
 */
export function pickUnits(total: number, busy: ReadonlySet<number>, usedInBatch: Set<number>, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < total && out.length < count; i++) {
    if (busy.has(i) || usedInBatch.has(i)) continue;
    usedInBatch.add(i);
    out.push(i);
  }
  return out;
}
