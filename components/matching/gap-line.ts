import type { TProposeResult } from "@/lib/schemas/matching-assign";

const TIERS = ["LIFE_SAFETY", "URGENT", "ROUTINE"] as const;

export type GapLine =
  | { key: "gap.fallback"; vars: Record<string, never> }
  | { key: "gap.fewerLife"; vars: { units: number } }
  | { key: "gap.fewerUnits"; vars: { units: number } }
  | { key: "gap.costMore"; vars: { pct: string } }
  | { key: "gap.same"; vars: Record<string, never> };

/**
 * How the proposal compares with greedy nearest-first, as a message key and its values: greedy filling
 * fewer life-safety units matters most, then fewer units overall, then the extra cost in percent.
 */
export function gapLine(r: Pick<TProposeResult, "method" | "objective" | "greedy" | "gapVsGreedyPct" | "greedyFillsFewer">): GapLine {
  if (r.method === "GREEDY_FALLBACK") return { key: "gap.fallback", vars: {} };
  const lifeFewer = r.objective.filled.LIFE_SAFETY - r.greedy.filled.LIFE_SAFETY;
  if (r.greedyFillsFewer && lifeFewer > 0) return { key: "gap.fewerLife", vars: { units: lifeFewer } };
  if (r.greedyFillsFewer) {
    const units = TIERS.reduce((s, t) => s + r.objective.filled[t] - r.greedy.filled[t], 0);
    if (units > 0) return { key: "gap.fewerUnits", vars: { units } };
  }
  const pct = Math.round(r.gapVsGreedyPct * 10) / 10;
  if (pct > 0) return { key: "gap.costMore", vars: { pct: pct.toFixed(1) } };
  return { key: "gap.same", vars: {} };
}

/** Units filled per priority tier, highest first, for the summary line. */
export function tierFill(filled: TProposeResult["objective"]["filled"]): { tier: (typeof TIERS)[number]; units: number }[] {
  return TIERS.map((tier) => ({ tier, units: filled[tier] }));
}
