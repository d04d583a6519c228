import { describe, expect, it } from "vitest";
import { gapLine, tierFill } from "@/components/matching/gap-line";

const filled = (l: number, u: number, r: number) => ({ LIFE_SAFETY: l, URGENT: u, ROUTINE: r });
const base = {
  method: "MIN_COST_FLOW" as const,
  objective: { filled: filled(3, 2, 1), totalCost: 100 },
  greedy: { filled: filled(3, 2, 1), totalCost: 125 },
  gapVsGreedyPct: 25,
  greedyFillsFewer: false,
};

describe("gapLine", () => {
  it("reports greedy's extra cost in percent with one decimal", () => {
    expect(gapLine(base)).toEqual({ key: "gap.costMore", vars: { pct: "25.0" } });
    expect(gapLine({ ...base, gapVsGreedyPct: 12.345 })).toEqual({ key: "gap.costMore", vars: { pct: "12.3" } });
  });

  it("puts life-safety units greedy would leave unfilled first", () => {
    const r = { ...base, greedy: { filled: filled(1, 3, 1), totalCost: 90 }, greedyFillsFewer: true };
    expect(gapLine(r)).toEqual({ key: "gap.fewerLife", vars: { units: 2 } });
  });

  it("counts fewer units overall when life-safety is equal", () => {
    const r = { ...base, greedy: { filled: filled(3, 0, 1), totalCost: 90 }, greedyFillsFewer: true };
    expect(gapLine(r)).toEqual({ key: "gap.fewerUnits", vars: { units: 2 } });
  });

  it("says the same when greedy is no worse, and flags the greedy fallback", () => {
    expect(gapLine({ ...base, gapVsGreedyPct: 0 })).toEqual({ key: "gap.same", vars: {} });
    expect(gapLine({ ...base, gapVsGreedyPct: 0.01 })).toEqual({ key: "gap.same", vars: {} });
    expect(gapLine({ ...base, method: "GREEDY_FALLBACK" })).toEqual({ key: "gap.fallback", vars: {} });
  });
});

describe("tierFill", () => {
  it("lists tiers highest priority first", () => {
    expect(tierFill(filled(1, 2, 3))).toEqual([
      { tier: "LIFE_SAFETY", units: 1 },
      { tier: "URGENT", units: 2 },
      { tier: "ROUTINE", units: 3 },
    ]);
  });
});
