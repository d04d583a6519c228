import { describe, expect, it } from "vitest";
import { fitWithin } from "@/components/knight/photo-downscale";

describe("fitting a photo within the long-side limit", () => {
  it("shrinks the long side to the limit and keeps the aspect ratio", () => {
    expect(fitWithin(4032, 3024, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(8000, 10, 1600)).toEqual({ width: 1600, height: 2 });
  });

  it("never enlarges a small photo", () => {
    expect(fitWithin(800, 600, 1600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(1600, 1600, 1600)).toEqual({ width: 1600, height: 1600 });
  });
});
