import { describe, expect, it } from "vitest";
import { DISTANCE_BANDS, distanceBand } from "@/server/modules/dispatch/distance-band";
import { nextRadius, waveRadii } from "@/server/modules/dispatch/dispatch-config";

describe("distanceBand", () => {
  it.each([
    [0, "<1 km"], [999.9, "<1 km"], [1000, "1–3 km"], [2999, "1–3 km"], [3000, "3–5 km"],
    [4999, "3–5 km"], [5000, "5–10 km"], [9999, "5–10 km"], [10_000, ">10 km"], [250_000, ">10 km"],
  ])("%d m → %s", (m, band) => {
    expect(distanceBand(m)).toBe(band);
  });

  it("only ever returns one of the published bands, and refuses nonsense", () => {
    for (let m = 0; m < 30_000; m += 137) expect(DISTANCE_BANDS).toContain(distanceBand(m));
    expect(() => distanceBand(-1)).toThrow(RangeError);
    expect(() => distanceBand(Number.NaN)).toThrow(RangeError);
  });
});

describe("wave radii", () => {
  it("walks the configured steps and stops at the need's (capped) maximum", () => {
    expect(waveRadii(100)).toEqual([3, 6, 12]);
    expect(waveRadii(12)).toEqual([3, 6, 12]);
    expect(waveRadii(5)).toEqual([3, 5]);
    expect(waveRadii(3)).toEqual([3]);
    expect(waveRadii(2)).toEqual([2]);
    expect(waveRadii(8, { radiiKm: [1, 2, 4], maxRadiusKm: 20, waveTimeoutSeconds: 60, offersPerSlot: 2, positionFreshMinutes: 10 })).toEqual([1, 2, 4, 8]);
  });

  it("nextRadius widens until the last radius, then null", () => {
    expect(nextRadius(3, 100)).toBe(6);
    expect(nextRadius(6, 100)).toBe(12);
    expect(nextRadius(12, 100)).toBeNull();
    expect(nextRadius(3, 5)).toBe(5);
    expect(nextRadius(5, 5)).toBeNull();
  });
});
