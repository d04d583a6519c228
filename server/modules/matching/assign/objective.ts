import type {
  AllocationLine,
  AssignmentNeed,
  AssignmentObjective,
  NeedFill,
  PriorityTier,
  TierUnits,
} from "@/server/modules/matching/assign/types";
import { PRIORITY_TIERS } from "@/server/modules/matching/assign/types";

export const TIER_RANK: Record<PriorityTier, number> = { LIFE_SAFETY: 0, URGENT: 1, ROUTINE: 2 };

export function emptyTierUnits(): TierUnits {
  return { LIFE_SAFETY: 0, URGENT: 0, ROUTINE: 0 };
}

/** Costs are resolved to 1/1000 so sums are exact integers (no float drift in comparisons). */
export function toMilli(cost: number): number {
  return Math.round(cost * 1000);
}

export function evaluate(needs: AssignmentNeed[], lines: AllocationLine[]): AssignmentObjective {
  const tierOf = new Map(needs.map((n) => [n.id, n.priority]));
  const filled = emptyTierUnits();
  let milli = 0;
  for (const l of lines) {
    const tier = tierOf.get(l.needId);
    if (tier) filled[tier] += l.quantity;
    milli += toMilli(l.cost) * l.quantity;
  }
  return { filled, totalCost: milli / 1000 };
}

/** Negative when `a` is better: more life-safety units, then urgent, then routine, then lower cost. */
export function compareObjectives(a: AssignmentObjective, b: AssignmentObjective): number {
  for (const t of PRIORITY_TIERS) {
    if (a.filled[t] !== b.filled[t]) return b.filled[t] - a.filled[t];
  }
  return toMilli(a.totalCost) - toMilli(b.totalCost);
}

export function fillPerNeed(needs: AssignmentNeed[], lines: AllocationLine[]): NeedFill[] {
  const got = new Map<string, number>();
  for (const l of lines) got.set(l.needId, (got.get(l.needId) ?? 0) + l.quantity);
  return needs.map((n) => {
    const filled = got.get(n.id) ?? 0;
    return { needId: n.id, priority: n.priority, quantity: n.quantity, filled, unfilled: n.quantity - filled };
  });
}
