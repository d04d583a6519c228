import { describe, expect, it } from "vitest";
import { gcj02ToWgs84, outOfChina, wgs84ToGcj02 } from "@/lib/geo/gcj02";
import { fromTileCrs, geometryToTileCrs, toTileCrs } from "@/lib/geo/map-crs";

/** Metres between two nearby positions (equirectangular; fine at these distances). */
function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const k = 111_195;
  return Math.hypot((a.lat - b.lat) * k, (a.lng - b.lng) * k * Math.cos((a.lat * Math.PI) / 180));
}

describe("WGS84 ⇄ GCJ-02", () => {
  it("matches the published forward pair for Tiananmen (coordtransform's example)", () => {
    const p = wgs84ToGcj02(39.915, 116.404);
    expect(p.lng).toBeCloseTo(116.41024449916938, 9);
    expect(p.lat).toBeCloseTo(39.91640428150164, 9);
  });

  it("its iterative inverse lands within 1e-6° of the published one-step approximation and inverts exactly", () => {
    const w = gcj02ToWgs84(39.915, 116.404);
    // coordtransform's gcj02towgs84(116.404, 39.915) = [116.39775550083061, 39.91359571849836] (one step, ~5 cm off)
    expect(Math.abs(w.lng - 116.39775550083061)).toBeLessThan(1e-6);
    expect(Math.abs(w.lat - 39.91359571849836)).toBeLessThan(1e-6);
    const back = wgs84ToGcj02(w.lat, w.lng);
    expect(metres(back, { lat: 39.915, lng: 116.404 })).toBeLessThan(0.001);
  });

  it("moves Nanjing a few hundred metres, and round-trips to the millimetre", () => {
    const nanjing = { lat: 32.0603, lng: 118.7969 };
    const g = wgs84ToGcj02(nanjing.lat, nanjing.lng);
    const shift = metres(g, nanjing);
    expect(shift).toBeGreaterThan(300);
    expect(shift).toBeLessThan(700);
    expect(metres(gcj02ToWgs84(g.lat, g.lng), nanjing)).toBeLessThan(0.001);
  });

  it("is the identity outside China", () => {
    expect(outOfChina(51.5, -0.12)).toBe(true);
    expect(wgs84ToGcj02(51.5, -0.12)).toEqual({ lat: 51.5, lng: -0.12 });
    expect(gcj02ToWgs84(51.5, -0.12)).toEqual({ lat: 51.5, lng: -0.12 });
  });
});

describe("map tile CRS", () => {
  it("converts only for GCJ02 tiles, both ways", () => {
    expect(toTileCrs("WGS84", 32.06, 118.8)).toEqual({ lat: 32.06, lng: 118.8 });
    expect(toTileCrs("CGCS2000", 32.06, 118.8)).toEqual({ lat: 32.06, lng: 118.8 });
    const drawn = toTileCrs("GCJ02", 32.06, 118.8);
    expect(drawn).not.toEqual({ lat: 32.06, lng: 118.8 });
    const clicked = fromTileCrs("GCJ02", drawn.lat, drawn.lng);
    expect(metres(clicked, { lat: 32.06, lng: 118.8 })).toBeLessThan(0.001);
  });

  it("moves every vertex of a polygon ([lng, lat] order)", () => {
    const g = { type: "Polygon" as const, coordinates: [[[118.8, 32.06], [118.81, 32.06], [118.81, 32.07], [118.8, 32.06]]] };
    const moved = geometryToTileCrs("GCJ02", g);
    const expected = wgs84ToGcj02(32.06, 118.8);
    expect(moved.coordinates[0]![0]).toEqual([expected.lng, expected.lat]);
    expect(geometryToTileCrs("WGS84", g)).toBe(g);
  });
});
