import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { solveAssignment } from "@/server/modules/matching/assign/solve-assignment";
import { solveExhaustive } from "@/server/modules/matching/assign/exhaustive-oracle";
import { compareObjectives, evaluate } from "@/server/modules/matching/assign/objective";
import { solveGreedy } from "@/server/modules/matching/assign/greedy";
import type { AssignmentProblem, PriorityTier } from "@/server/modules/matching/assign/types";

const edge = (needId: string, resourceId: string, cost: number) => ({ needId, resourceId, cost, feasible: true as const });
const res = (resourceId: string, availableQuantity = 1, supplierId = "s1") => ({ resourceId, availableQuantity, supplierId });

/** Allocation is feasible: no resource over its units, no need over its quantity, only given edges. */
function expectFeasible(p: AssignmentProblem, lines: { needId: string; resourceId: string; quantity: number }[]) {
  const edges = new Set(p.edges.map((e) => `${e.needId}|${e.resourceId}`));
  const used = new Map<string, number>();
  const got = new Map<string, number>();
  for (const l of lines) {
    expect(edges.has(`${l.needId}|${l.resourceId}`)).toBe(true);
    expect(l.quantity).toBeGreaterThan(0);
    used.set(l.resourceId, (used.get(l.resourceId) ?? 0) + l.quantity);
    got.set(l.needId, (got.get(l.needId) ?? 0) + l.quantity);
  }
  for (const c of p.candidates) expect(used.get(c.resourceId) ?? 0).toBeLessThanOrEqual(c.availableQuantity);
  for (const n of p.needs) expect(got.get(n.id) ?? 0).toBeLessThanOrEqual(n.quantity);
}

describe("solveAssignment — golden cases", () => {
  it("gives the only pump in range of a life-safety need to it, even when a routine need is cheaper and earlier", () => {
    const p: AssignmentProblem = {
      needs: [
        { id: "routine", priority: "ROUTINE", quantity: 1 },
        { id: "life", priority: "LIFE_SAFETY", quantity: 1 },
      ],
      candidates: [res("pump")],
      edges: [edge("routine", "pump", 1), edge("life", "pump", 90)],
    };
    const s = solveAssignment(p);
    expect(s.method).toBe("MIN_COST_FLOW");
    expect(s.allocations).toEqual([{ needId: "life", resourceId: "pump", quantity: 1, cost: 90 }]);
    expect(s.objective.filled).toEqual({ LIFE_SAFETY: 1, URGENT: 0, ROUTINE: 0 });
    expect(s.perNeed.find((n) => n.needId === "routine")).toMatchObject({ filled: 0, unfilled: 1 });
  });

  it("beats greedy when a life-safety need's only pump is the nearest one of an earlier life-safety need", () => {
    // greedy: A takes p1 (cheapest for A), B's only option p1 is gone → 1 life-safety unit; optimal: 2
    const p: AssignmentProblem = {
      needs: [
        { id: "A", priority: "LIFE_SAFETY", quantity: 1 },
        { id: "B", priority: "LIFE_SAFETY", quantity: 1 },
      ],
      candidates: [res("p1"), res("p2")],
      edges: [edge("A", "p1", 5), edge("A", "p2", 8), edge("B", "p1", 7)],
    };
    const s = solveAssignment(p);
    expect(s.objective).toEqual({ filled: { LIFE_SAFETY: 2, URGENT: 0, ROUTINE: 0 }, totalCost: 15 });
    expect(s.greedy.objective.filled.LIFE_SAFETY).toBe(1);
    expect(s.greedyFillsFewer).toBe(true);
  });

  it("fills 2,000 sandbags from three depots, cheapest first, and splits a depot across needs", () => {
    const p: AssignmentProblem = {
      needs: [
        { id: "dyke", priority: "URGENT", quantity: 2000 },
        { id: "school", priority: "ROUTINE", quantity: 300 },
      ],
      candidates: [res("d1", 800, "a"), res("d2", 900, "b"), res("d3", 1000, "c")],
      edges: [edge("dyke", "d1", 2), edge("dyke", "d2", 3), edge("dyke", "d3", 4), edge("school", "d3", 1)],
    };
    const s = solveAssignment(p);
    expectFeasible(p, s.allocations);
    const q = (n: string, r: string) => s.allocations.find((l) => l.needId === n && l.resourceId === r)?.quantity ?? 0;
    expect([q("dyke", "d1"), q("dyke", "d2"), q("dyke", "d3"), q("school", "d3")]).toEqual([800, 900, 300, 300]);
    expect(s.objective.filled).toEqual({ LIFE_SAFETY: 0, URGENT: 2000, ROUTINE: 300 });
    expect(s.unfilledUnits).toBe(0);
  });

  it("fills a need of 3 pumps with 3 unit resources", () => {
    const p: AssignmentProblem = {
      needs: [{ id: "n", priority: "URGENT", quantity: 3 }],
      candidates: [res("a"), res("b"), res("c"), res("d")],
      edges: [edge("n", "a", 4), edge("n", "b", 1), edge("n", "c", 3), edge("n", "d", 2)],
    };
    const s = solveAssignment(p);
    expect(s.allocations.map((l) => l.resourceId).sort()).toEqual(["b", "c", "d"]);
    expect(s.objective.totalCost).toBe(6);
  });

  it("leaves infeasible needs unfilled and counts them", () => {
    const p: AssignmentProblem = {
      needs: [
        { id: "far", priority: "LIFE_SAFETY", quantity: 2 },
        { id: "near", priority: "URGENT", quantity: 3 },
      ],
      candidates: [res("x", 2)],
      edges: [edge("near", "x", 1)],
    };
    const s = solveAssignment(p);
    expect(s.perNeed).toEqual([
      { needId: "far", priority: "LIFE_SAFETY", quantity: 2, filled: 0, unfilled: 2 },
      { needId: "near", priority: "URGENT", quantity: 3, filled: 2, unfilled: 1 },
    ]);
    expect(s.unfilledNeeds).toBe(2);
    expect(s.unfilledUnits).toBe(3);
  });

  it("handles an empty problem and rejects negative costs and unknown ids", () => {
    expect(solveAssignment({ needs: [], candidates: [], edges: [] }).allocations).toEqual([]);
    const base = { needs: [{ id: "n", priority: "URGENT" as const, quantity: 1 }], candidates: [res("r")] };
    expect(() => solveAssignment({ ...base, edges: [edge("n", "r", -1)] })).toThrow(/cost/);
    expect(() => solveAssignment({ ...base, edges: [edge("n", "zz", 1)] })).toThrow(/unknown/);
  });

  it("falls back to greedy when the time limit is already spent, and says so", () => {
    const needs = Array.from({ length: 80 }, (_, i) => ({ id: `n${i}`, priority: "URGENT" as const, quantity: 1 }));
    const candidates = Array.from({ length: 80 }, (_, i) => res(`r${i}`));
    const edges = needs.flatMap((n, i) => [edge(n.id, `r${i}`, 1), edge(n.id, `r${(i + 1) % 80}`, 2)]);
    const s = solveAssignment({ needs, candidates, edges }, { timeLimitMs: -1 });
    expect(s.method).toBe("GREEDY_FALLBACK");
    expect(s.objective.filled.URGENT).toBe(80);
  });
});

const TIERS: PriorityTier[] = ["LIFE_SAFETY", "URGENT", "ROUTINE"];
const arbProblem = fc
  .record({ nNeeds: fc.integer({ min: 1, max: 6 }), nRes: fc.integer({ min: 1, max: 6 }) })
  .chain(({ nNeeds, nRes }) =>
    fc.record({
      needs: fc.tuple(...Array.from({ length: nNeeds }, (_, i) =>
        fc.record({ id: fc.constant(`n${i}`), priority: fc.constantFrom(...TIERS), quantity: fc.integer({ min: 1, max: 2 }) }))),
      candidates: fc.tuple(...Array.from({ length: nRes }, (_, i) =>
        fc.record({ resourceId: fc.constant(`r${i}`), availableQuantity: fc.integer({ min: 1, max: 2 }), supplierId: fc.constant(`s${i % 2}`) }))),
      edges: fc.uniqueArray(
        fc.record({ n: fc.integer({ min: 0, max: nNeeds - 1 }), r: fc.integer({ min: 0, max: nRes - 1 }), cost: fc.integer({ min: 0, max: 30 }) }),
        { maxLength: 9, selector: (e) => `${e.n}-${e.r}` },
      ),
    }),
  )
  .map(({ needs, candidates, edges }): AssignmentProblem => ({
    needs: [...needs],
    candidates: [...candidates],
    edges: edges.map((e) => edge(`n${e.n}`, `r${e.r}`, e.cost)),
  }));

describe("solveAssignment — optimality against exhaustive search", () => {
  it("equals the exhaustive lexicographic optimum on random instances (≤ 6 needs × ≤ 6 resources)", () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const s = solveAssignment(p);
        expectFeasible(p, s.allocations);
        const oracle = solveExhaustive(p);
        expect(evaluate(p.needs, s.allocations)).toEqual(s.objective);
        expect(s.objective).toEqual(oracle);
      }),
      { numRuns: 400, seed: 20261129 },
    );
  });

  it("control: greedy is strictly worse than the optimum on some generated instances (the check can see a difference)", () => {
    let strictlyWorse = 0;
    fc.assert(
      fc.property(arbProblem, (p) => {
        const oracle = solveExhaustive(p);
        const g = evaluate(p.needs, solveGreedy(p));
        expect(compareObjectives(oracle, g)).toBeLessThanOrEqual(0);
        if (compareObjectives(oracle, g) < 0) strictlyWorse++;
      }),
      { numRuns: 400, seed: 20261129 },
    );
    expect(strictlyWorse).toBeGreaterThan(0);
  });
});
