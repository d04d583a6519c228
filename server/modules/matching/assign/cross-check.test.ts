import { describe, expect, it } from "vitest";
import fc from "fast-check";
import munkres from "munkres";
import { solveAssignment } from "@/server/modules/matching/assign/solve-assignment";
import { buildAssignmentProblem, pickUnits } from "@/server/modules/matching/assign/build-problem";
import type { ScoredCandidate } from "@/server/modules/matching/scoring/scoring-types";

describe("solveAssignment — cross-check with the Hungarian method (munkres) on larger dense instances", () => {
  it("matches munkres' minimum cost on one-tier unit instances up to 25 × 35 (every need fillable)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }).chain((rows) =>
          fc.integer({ min: rows, max: 35 }).chain((cols) =>
            fc.array(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
          ),
        ),
        (matrix) => {
          const s = solveAssignment({
            needs: matrix.map((_, i) => ({ id: `n${i}`, priority: "URGENT" as const, quantity: 1 })),
            candidates: matrix[0].map((_, j) => ({ resourceId: `r${j}`, availableQuantity: 1, supplierId: "s" })),
            edges: matrix.flatMap((row, i) => row.map((cost, j) => ({ needId: `n${i}`, resourceId: `r${j}`, cost, feasible: true as const }))),
          });
          const hungarian = munkres(matrix).reduce((sum, [y, x]) => sum + matrix[y][x], 0);
          expect(s.objective.filled.URGENT).toBe(matrix.length);
          expect(s.objective.totalCost).toBe(hungarian);
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});

const scored = (resourceId: string, score: number, availableQuantity: number): ScoredCandidate =>
  ({ resourceId, orgId: "org", ownerUserId: null, score, availableQuantity }) as ScoredCandidate;

describe("buildAssignmentProblem / pickUnits", () => {
  it("lists a resource shared by several needs once, with the smallest availability, cost = 100 − score", () => {
    const p = buildAssignmentProblem([
      { needId: "a", priority: "LIFE_SAFETY", quantityOpen: 2, candidates: [scored("r1", 80, 3), scored("r2", 60, 1)] },
      { needId: "b", priority: "ROUTINE", quantityOpen: 1, candidates: [scored("r1", 90, 2)] },
    ]);
    expect(p.candidates).toEqual([
      { resourceId: "r1", availableQuantity: 2, supplierId: "org" },
      { resourceId: "r2", availableQuantity: 1, supplierId: "org" },
    ]);
    expect(p.edges.map((e) => [e.needId, e.resourceId, e.cost])).toEqual([["a", "r1", 20], ["a", "r2", 40], ["b", "r1", 10]]);
    expect(p.needs).toEqual([{ id: "a", priority: "LIFE_SAFETY", quantity: 2 }, { id: "b", priority: "ROUTINE", quantity: 1 }]);
  });

  it("picks the lowest free unit numbers, skipping busy ones and those already proposed in the batch", () => {
    const used = new Set<number>();
    expect(pickUnits(5, new Set([0, 2]), used, 2)).toEqual([1, 3]);
    expect(pickUnits(5, new Set([0, 2]), used, 2)).toEqual([4]);
  });
});
