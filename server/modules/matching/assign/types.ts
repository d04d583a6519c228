/** Incident-wide assignment: the pure problem and solution shapes (no database, no I/O). */

export const PRIORITY_TIERS = ["LIFE_SAFETY", "URGENT", "ROUTINE"] as const;
export type PriorityTier = (typeof PRIORITY_TIERS)[number];

export type AssignmentNeed = {
  id: string;
  priority: PriorityTier;
  /** Units (slots) to fill. */
  quantity: number;
};

export type AssignmentCandidate = {
  resourceId: string;
  /** Units it can give; a unit-level resource (one pump) has 1. */
  availableQuantity: number;
  supplierId: string;
};

export type AssignmentEdge = {
  needId: string;
  resourceId: string;
  /** Cost per unit, ≥ 0 (e.g. 100 − score, or ETA minutes). Resolved to 1/1000. */
  cost: number;
  feasible: true;
};

export type AssignmentProblem = {
  needs: AssignmentNeed[];
  candidates: AssignmentCandidate[];
  edges: AssignmentEdge[];
};

export type AllocationLine = { needId: string; resourceId: string; quantity: number; cost: number };

export type TierUnits = Record<PriorityTier, number>;

export type AssignmentObjective = {
  /** Units filled per priority tier (compared lexicographically, life-safety first). */
  filled: TierUnits;
  /** Σ cost × quantity over the allocation. */
  totalCost: number;
};

export type AssignmentMethod = "MIN_COST_FLOW" | "GREEDY_FALLBACK";

export type NeedFill = { needId: string; priority: PriorityTier; quantity: number; filled: number; unfilled: number };

export type AssignmentSolution = {
  method: AssignmentMethod;
  allocations: AllocationLine[];
  objective: AssignmentObjective;
  perNeed: NeedFill[];
  /** Needs left with unfilled units, and how many units in all. */
  unfilledNeeds: number;
  unfilledUnits: number;
  greedy: { objective: AssignmentObjective; ms: number };
  /**
   * (greedy cost − solution cost) / solution cost × 100. Only a like-for-like cost comparison when
   * both fill the same units per tier — otherwise see `greedyFillsFewer`.
   */
  gapVsGreedyPct: number;
  /** True when greedy leaves higher-priority units unfilled that the solution fills. */
  greedyFillsFewer: boolean;
  solveMs: number;
};
