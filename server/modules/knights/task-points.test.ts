import { describe, expect, it } from "vitest";
import { isNightTime, taskPoints, type TaskPointsInput } from "@/server/modules/knights/task-points";

const GOLDEN: [TaskPointsInput, number][] = [
  [{ priority: "URGENT", distanceKm: 3, taskKind: "DELIVERY", onTime: true }, 23],
  [{ priority: "LIFE_SAFETY", distanceKm: 3, taskKind: "DELIVERY", onTime: true }, 33],
  [{ priority: "ROUTINE", distanceKm: 3, taskKind: "DELIVERY", onTime: true }, 13],
  [{ priority: "LIFE_SAFETY", distanceKm: 20, taskKind: "DELIVERY", onTime: true }, 45], // distance bonus capped at 15
  [{ priority: "LIFE_SAFETY", distanceKm: 200, taskKind: "DELIVERY", onTime: true }, 45],
  [{ priority: "ROUTINE", distanceKm: 0, taskKind: "ERRAND", onTime: true }, 8],
  [{ priority: "URGENT", distanceKm: 2.4, taskKind: "RECON", onTime: true }, 26],
  [{ priority: "URGENT", distanceKm: 3, taskKind: "DELIVERY", onTime: false }, 12], // 23 × 0.5 = 11.5 → 12
  [{ priority: "ROUTINE", distanceKm: Number.NaN, taskKind: "ERRAND", onTime: false }, 4],
  [{ priority: "ROUTINE", distanceKm: -5, taskKind: "DELIVERY", onTime: true }, 10],
];

describe("taskPoints", () => {
  it.each(GOLDEN)("%o → %i", (input, expected) => {
    expect(taskPoints(input)).toBe(expected);
  });

  it("ranks urgency LIFE_SAFETY > URGENT > ROUTINE at equal distance, and on time > late", () => {
    const p = (priority: TaskPointsInput["priority"], onTime = true) => taskPoints({ priority, distanceKm: 5, taskKind: "DELIVERY", onTime });
    expect(p("LIFE_SAFETY")).toBeGreaterThan(p("URGENT"));
    expect(p("URGENT")).toBeGreaterThan(p("ROUTINE"));
    expect(p("URGENT")).toBeGreaterThan(p("URGENT", false));
  });

  it("treats 22:00–06:00 Beijing time as night", () => {
    expect(isNightTime(new Date("2026-11-29T14:00:00Z"))).toBe(true); // 22:00
    expect(isNightTime(new Date("2026-11-29T21:59:00Z"))).toBe(true); // 05:59
    expect(isNightTime(new Date("2026-11-29T22:00:00Z"))).toBe(false); // 06:00
    expect(isNightTime(new Date("2026-11-29T13:59:00Z"))).toBe(false); // 21:59
  });
});
