import { describe, expect, it } from "vitest";
import { CELL_SIZE_M, cellCenter, publicCellOf } from "@/server/modules/knights/public-cell";
import { haversineKm } from "@/server/modules/offers/offer-inbox";

const m = (aLat: number, aLng: number, bLat: number, bLng: number) => haversineKm(aLat, aLng, bLat, bLng) * 1000;

describe("publicCellOf", () => {
  it("gives ids of the form c:<row>:<col>", () => {
    expect(publicCellOf(32.0581, 118.7965)).toMatch(/^c:\d+:\d+$/);
    expect(publicCellOf(-33.86, 151.2)).toMatch(/^c:-\d+:\d+$/);
  });

  it("puts neighbouring points (a few metres apart, same cell interior) into one cell", () => {
    const c = cellCenter(publicCellOf(32.0581, 118.7965));
    const d = 0.0004; // ≈ 45 m
    const cells = new Set([[0, 0], [d, 0], [-d, 0], [0, d], [0, -d], [d, d]].map(([a, b]) => publicCellOf(c.lat + a!, c.lng + b!)));
    expect(cells.size).toBe(1);
  });

  it("separates points ~1 km apart", () => {
    expect(publicCellOf(32.05, 118.79)).not.toBe(publicCellOf(32.059, 118.79));
    expect(publicCellOf(32.05, 118.79)).not.toBe(publicCellOf(32.05, 118.801));
  });

  it("makes cells about 500 m square in Jiangsu (31–35°N) and at the equator", () => {
    for (const lat of [0.1, 31.2, 32.06, 34.9]) {
      const c = cellCenter(publicCellOf(lat, 118.8));
      const east = cellCenter(publicCellOf(c.lat, c.lng + 0.9 * (500 / 111_000) / Math.cos((lat * Math.PI) / 180)));
      const north = cellCenter(publicCellOf(c.lat + 0.0045, c.lng));
      const width = m(c.lat, c.lng, east.lat, east.lng);
      const height = m(c.lat, c.lng, north.lat, north.lng);
      expect(width).toBeGreaterThan(450);
      expect(width).toBeLessThan(550);
      expect(height).toBeGreaterThan(450);
      expect(height).toBeLessThan(550);
    }
    expect(CELL_SIZE_M).toBeCloseTo(500.4, 0);
  });

  it("has its centre inside the cell, and any point lies within half a diagonal (~355 m) of its centre", () => {
    for (let i = 0; i < 200; i++) {
      const lat = 31 + ((i * 0.0137) % 4);
      const lng = 117 + ((i * 0.0291) % 4);
      const cell = publicCellOf(lat, lng);
      const c = cellCenter(cell);
      expect(publicCellOf(c.lat, c.lng)).toBe(cell);
      expect(m(lat, lng, c.lat, c.lng)).toBeLessThan(360);
    }
  });

  it("rejects malformed input", () => {
    expect(() => cellCenter("c3205_11879")).toThrow(RangeError);
    expect(() => publicCellOf(Number.NaN, 1)).toThrow(RangeError);
  });
});
