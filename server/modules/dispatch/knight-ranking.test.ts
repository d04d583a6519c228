import { describe, expect, it } from "vitest";
import { MAX_PENALTY_M, rankKnights, recordPenaltyM } from "@/server/modules/dispatch/knight-ranking";

const k = (id: string, distanceM: number, completedCount = 0, noShowCount = 0, declinedCount = 0) => ({ id, distanceM, completedCount, noShowCount, declinedCount });

describe("knight ranking", () => {
  it("a proven record costs little, a newcomer a bit more, no-shows much more; penalties are bounded", () => {
    expect(recordPenaltyM(k("a", 0, 50))).toBeLessThan(20);
    expect(recordPenaltyM(k("a", 0))).toBeGreaterThan(recordPenaltyM(k("a", 0, 50)));
    expect(recordPenaltyM(k("a", 0, 2, 6))).toBeGreaterThan(400);
    expect(recordPenaltyM(k("a", 0, 0, 1000, 1000))).toBeLessThan(MAX_PENALTY_M);
    expect(recordPenaltyM(k("a", 0, 10, 1))).toBeGreaterThan(0);
  });

  it("golden table: nearest first, a reliable rider beats a no-show-prone one only when close", () => {
    const ranked = rankKnights([
      k("far-reliable", 3000, 40),
      k("near-noshow", 1000, 2, 6),
      k("mid-reliable", 1400, 30),
      k("nearest-new", 200),
      k("tie-b", 2000, 5),
      k("tie-a", 2000, 5),
    ]);
    // near-noshow: 1000 + 800·(1 − 6/13) ≈ 1430 → just behind mid-reliable (1400 + 800/35 ≈ 1423),
    // still ahead of the 2000-m riders (2000 + 80).
    expect(ranked.map((r) => r.id)).toEqual(["nearest-new", "mid-reliable", "near-noshow", "tie-a", "tie-b", "far-reliable"]);
  });

  it("a bad record never jumps a rider more than MAX_PENALTY_M", () => {
    const ranked = rankKnights([k("terrible", 0, 0, 100, 100), k("clean", MAX_PENALTY_M + 1, 10)]);
    expect(ranked[0]!.id).toBe("terrible");
  });
});
