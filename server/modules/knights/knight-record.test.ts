import { describe, expect, it } from "vitest";
import { knightRecord, knightReliability } from "@/server/modules/knights/knight-record";
import { badgesFor } from "@/server/modules/knights/knight-badges";

describe("knightRecord", () => {
  it("computes completion and no-show rates over accepted tasks", () => {
    expect(knightRecord({ completedCount: 18, noShowCount: 2 })).toEqual({
      completed: 18, noShows: 2, completionRate: 0.9, noShowRate: 0.1, reliability: 0.88, // (18+4)/(20+5)
    });
  });

  it("gives a newcomer the prior (0.8) and no rates", () => {
    expect(knightRecord({ completedCount: 0, noShowCount: 0 })).toEqual({ completed: 0, noShows: 0, completionRate: null, noShowRate: null, reliability: 0.8 });
  });

  it("keeps reliability in [0, 1], rising with completions and falling with no-shows", () => {
    const cases = [[0, 0], [1, 0], [0, 1], [100, 0], [0, 100], [50, 50], [-3, -1]] as const;
    for (const [c, n] of cases) {
      const r = knightReliability({ completedCount: c, noShowCount: n });
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(1);
    }
    expect(knightReliability({ completedCount: 100, noShowCount: 0 })).toBeGreaterThan(knightReliability({ completedCount: 10, noShowCount: 0 }));
    expect(knightReliability({ completedCount: 10, noShowCount: 3 })).toBeLessThan(knightReliability({ completedCount: 10, noShowCount: 0 }));
    expect(knightReliability({ completedCount: 0, noShowCount: 1 })).toBeCloseTo(0.667, 3);
  });
});

describe("badgesFor", () => {
  const r = (completedCount: number, noShowCount = 0, lifeSafetyCount = 0, nightCount = 0) => ({ completedCount, noShowCount, lifeSafetyCount, nightCount });

  it("awards nothing to a newcomer and the first-task badge after one", () => {
    expect(badgesFor(r(0))).toEqual([]);
    expect(badgesFor(r(1))).toEqual(["FIRST_TASK"]);
  });

  it("awards task milestones, lifesaver and night owl at their thresholds", () => {
    expect(badgesFor(r(9, 1))).toEqual(["FIRST_TASK"]); // 10 attempts at 90%: not reliable
    expect(badgesFor(r(10, 0, 4, 4))).toEqual(["FIRST_TASK", "TASKS_10", "RELIABLE"]);
    expect(badgesFor(r(50, 0, 5, 5))).toEqual(["FIRST_TASK", "TASKS_10", "TASKS_50", "LIFESAVER", "RELIABLE", "NIGHT_OWL"]);
    expect(badgesFor(r(100, 6))).toEqual(["FIRST_TASK", "TASKS_10", "TASKS_50", "TASKS_100"]); // 94.3%: not reliable
    expect(badgesFor(r(100, 5))).toContain("RELIABLE"); // 95.2%
  });
});
