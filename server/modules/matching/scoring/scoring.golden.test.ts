import { describe, expect, it } from "vitest";
import { GOLDEN_CASES, goldenInputs, goldenNeed, goldenCandidate, goldenCtx } from "@/server/modules/matching/scoring/golden-cases";
import { rankCandidates, scoreCandidate } from "@/server/modules/matching/scoring/score-candidate";
import { SCORING_WEIGHTS } from "@/server/modules/matching/scoring/scoring-config";

/**
 * Golden table: exact score, ETA, slack, breakdown [eta, capabilityFit, reliability, cost, fairness] and
 * both explanations for fixed cases (inputs in golden-cases.ts). A change to scoring-config.ts or the
 * formulas must update this table deliberately.
 */
type Row = [name: string, score: number, eta: number, slack: number, parts: number[], en: string, zh: string];

const TABLE: Row[] = [
  ["baseline: near, on time, good fit, strong history", 91.23, 39.18, 20.82, [0.605, 1, 0.9129, 1, 1],
    "12.4 km, ETA 39 min, arrives 21 min before needed; flow 600 ≥ 500 m³/h; 96% completion",
    "12.4 公里，预计39分钟到达，比需求时间早21分钟；流量 600 ≥ 500 m³/h；完成率 96%"],
  ["far but on time (needed in 3 h)", 84.32, 171, 9, [0.2597, 1, 0.9129, 1, 1],
    "80.0 km, ETA 2 h 51 min, arrives 9 min before needed; flow 600 ≥ 500 m³/h; 96% completion",
    "80.0 公里，预计2小时51分到达，比需求时间早9分钟；流量 600 ≥ 500 m³/h；完成率 96%"],
  ["late: arrives after needed-by", 34.23, 147, -87, [0.2899, 1, 0.9129, 1, 1],
    "60.0 km, ETA 2 h 27 min, arrives 1 h 27 min late; flow 600 ≥ 500 m³/h; 96% completion",
    "60.0 公里，预计2小时27分到达，比需求时间晚1小时27分；流量 600 ≥ 500 m³/h；完成率 96%"],
  ["gross over-provision (flow 3000 for 500)", 86.23, 39.18, 20.82, [0.605, 0.5, 0.9129, 1, 1],
    "12.4 km, ETA 39 min, arrives 21 min before needed; flow 3000 ≥ 500 m³/h; 96% completion",
    "12.4 公里，预计39分钟到达，比需求时间早21分钟；流量 3000 ≥ 500 m³/h；完成率 96%"],
  ["more capable type level (1 for a level-2 need)", 90.23, 39.18, 20.82, [0.605, 0.9, 0.9129, 1, 1],
    "12.4 km, ETA 39 min, arrives 21 min before needed; flow 600 ≥ 500 m³/h; 96% completion",
    "12.4 公里，预计39分钟到达，比需求时间早21分钟；流量 600 ≥ 500 m³/h；完成率 96%"],
  ["no history, no rating (priors only)", 89.95, 39.18, 20.82, [0.605, 1, 0.785, 1, 1],
    "12.4 km, ETA 39 min, arrives 21 min before needed; flow 600 ≥ 500 m³/h; no completion history yet",
    "12.4 公里，预计39分钟到达，比需求时间早21分钟；流量 600 ≥ 500 m³/h；暂无履约记录"],
  ["poor history: many declines, low rating", 85.83, 39.18, 20.82, [0.605, 1, 0.3734, 1, 1],
    "12.4 km, ETA 39 min, arrives 21 min before needed; flow 600 ≥ 500 m³/h; 25% completion",
    "12.4 公里，预计39分钟到达，比需求时间早21分钟；流量 600 ≥ 500 m³/h；完成率 25%"],
  ["paid need, daily price", 87.48, 39.18, 20.82, [0.605, 1, 0.9129, 0.25, 1],
    "12.4 km, ETA 39 min, arrives 21 min before needed; flow 600 ≥ 500 m³/h; 96% completion; est. ¥3,000",
    "12.4 公里，预计39分钟到达，比需求时间早21分钟；流量 600 ≥ 500 m³/h；完成率 96%；预计费用 ¥3,000"],
  ["paid need, free resource", 91.23, 39.18, 20.82, [0.605, 1, 0.9129, 1, 1],
    "12.4 km, ETA 39 min, arrives 21 min before needed; flow 600 ≥ 500 m³/h; 96% completion; free of charge",
    "12.4 公里，预计39分钟到达，比需求时间早21分钟；流量 600 ≥ 500 m³/h；完成率 96%；免费"],
  ["busy supplier (6 live assignments via supplierLoad)", 88.5, 39.18, 20.82, [0.605, 1, 0.9129, 1, 0.4545],
    "12.4 km, ETA 39 min, arrives 21 min before needed; flow 600 ≥ 500 m³/h; 96% completion; supplier has 6 active jobs",
    "12.4 公里，预计39分钟到达，比需求时间早21分钟；流量 600 ≥ 500 m³/h；完成率 96%；供应方当前有 6 项任务"],
  ["own speed 80 km/h, two capabilities", 91.78, 27.09, 32.91, [0.6889, 0.8873, 0.9129, 1, 1],
    "12.4 km, ETA 27 min, arrives 33 min before needed; flow 700 ≥ 500 m³/h; head 25 ≥ 10 m; 96% completion",
    "12.4 公里，预计27分钟到达，比需求时间早33分钟；流量 700 ≥ 500 m³/h；扬程 25 ≥ 10 m；完成率 96%"],
  ["individual expert, category default speed, no requirement, late", 35.89, 84.07, -24.06, [0.4165, 1, 0.9129, 1, 0.8333],
    "30.1 km, ETA 1 h 24 min, arrives 24 min late; 96% completion; supplier has 1 active job",
    "30.1 公里，预计1小时24分到达，比需求时间晚24分钟；完成率 96%；供应方当前有 1 项任务"],
];

describe("scoreCandidate golden table", () => {
  it("covers every case", () => {
    expect(TABLE.map((r) => r[0])).toEqual(GOLDEN_CASES.map((g) => g.name));
  });

  it.each(TABLE)("%s", (name, score, eta, slack, parts, en, zh) => {
    const g = GOLDEN_CASES.find((x) => x.name === name)!;
    const { need, c, ctx } = goldenInputs(g);
    const s = scoreCandidate(need, c, ctx);
    expect(s.score).toBe(score);
    expect(s.etaMinutes).toBe(eta);
    expect(s.slackMinutes).toBe(slack);
    const b = s.breakdown;
    expect([b.eta.value, b.capabilityFit.value, b.reliability.value, b.cost.value, b.fairness.value]).toEqual(parts);
    expect([b.eta.weight, b.capabilityFit.weight, b.reliability.weight, b.cost.weight, b.fairness.weight]).toEqual(Object.values(SCORING_WEIGHTS));
    expect(s.explanation).toEqual({ en, zh });
    expect(s.resourceId).toBe(c.resourceId); // the candidate's own fields are kept
  });
});

describe("rankCandidates", () => {
  it("ranks every on-time candidate above every late one, whatever else they offer", () => {
    const scored = rankCandidates(
      goldenNeed,
      [
        { ...goldenCandidate, resourceId: "late-perfect", distanceKm: 40, speedKmh: 200, mobilizationMinutes: 50, completedCount: 100, offeredCount: 100, ratingAvg: 5, ratingCount: 100 },
        { ...goldenCandidate, resourceId: "ontime-poor", distanceKm: 20, completedCount: 1, declinedCount: 9, offeredCount: 10, ratingAvg: 1, ratingCount: 20, capabilities: { flow_m3h: 5000 } },
        { ...goldenCandidate, resourceId: "ontime-good" },
      ],
      goldenCtx,
    );
    expect(scored.map((s) => s.resourceId)).toEqual(["ontime-good", "ontime-poor", "late-perfect"]);
    expect(scored[2]!.slackMinutes).toBeLessThan(0);
    expect(scored[1]!.score).toBeGreaterThanOrEqual(50);
    expect(scored[2]!.score).toBeLessThan(50);
  });

  it("breaks equal scores by earlier arrival, then resource id", () => {
    const scored = rankCandidates(goldenNeed, [{ ...goldenCandidate, resourceId: "b" }, { ...goldenCandidate, resourceId: "a" }], goldenCtx);
    expect(scored.map((s) => s.resourceId)).toEqual(["a", "b"]);
  });

  it("returns only the first `limit`, each exactly as scoreCandidate scores and explains it", () => {
    const far = { ...goldenCandidate, resourceId: "far", distanceKm: 80 };
    const near = { ...goldenCandidate, resourceId: "near", distanceKm: 2 };
    const top = rankCandidates(goldenNeed, [far, near], goldenCtx, { limit: 1 });
    expect(top).toEqual([scoreCandidate(goldenNeed, near, goldenCtx)]);
    expect(top[0]!.explanation.en.length).toBeGreaterThan(0);
  });

  it("cost only matters for PAID needs", () => {
    const pricey = { ...goldenCandidate, pricingMode: "DAILY", priceCents: 1_000_000 };
    expect(scoreCandidate(goldenNeed, pricey, goldenCtx).breakdown.cost.value).toBe(1);
    expect(scoreCandidate({ ...goldenNeed, paymentMode: "PAID" }, pricey, goldenCtx).breakdown.cost.value).toBeLessThan(0.1);
  });
});
