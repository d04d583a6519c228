import { describe, expect, it } from "vitest";
import { geometryBbox, pointInGeometry, pointInRing, type PolygonGeometry } from "@/server/modules/dispatch/point-in-polygon";

// A 0.1° square around Xuanwu (lng 118.75–118.85, lat 32.00–32.10) with a 0.02° hole in the middle.
const square = [[118.75, 32.0], [118.85, 32.0], [118.85, 32.1], [118.75, 32.1], [118.75, 32.0]];
const hole = [[118.79, 32.04], [118.81, 32.04], [118.81, 32.06], [118.79, 32.06], [118.79, 32.04]];
const poly: PolygonGeometry = { type: "Polygon", coordinates: [square] };
const withHole: PolygonGeometry = { type: "Polygon", coordinates: [square, hole] };
// A concave "L": the notch (lng > 118.8, lat > 32.05) is outside.
const ell: PolygonGeometry = {
  type: "Polygon",
  coordinates: [[[118.75, 32.0], [118.85, 32.0], [118.85, 32.05], [118.8, 32.05], [118.8, 32.1], [118.75, 32.1], [118.75, 32.0]]],
};

describe("point in polygon", () => {
  it("inside and outside a square (lat/lng order is GeoJSON [lng, lat])", () => {
    expect(pointInGeometry(32.05, 118.8, poly)).toBe(true);
    expect(pointInGeometry(32.2, 118.8, poly)).toBe(false);
    expect(pointInGeometry(32.05, 118.9, poly)).toBe(false);
    // swapped axes would put (118.8, 32.05) "inside": it must not be
    expect(pointInGeometry(118.8, 32.05, poly)).toBe(false);
  });

  it("holes are outside", () => {
    expect(pointInGeometry(32.05, 118.8, withHole)).toBe(false);
    expect(pointInGeometry(32.02, 118.77, withHole)).toBe(true);
  });

  it("concave polygons: the notch is outside", () => {
    expect(pointInGeometry(32.08, 118.83, ell)).toBe(false);
    expect(pointInGeometry(32.08, 118.77, ell)).toBe(true);
    expect(pointInGeometry(32.02, 118.83, ell)).toBe(true);
  });

  it("multipolygons: inside any part", () => {
    const far = [[119.0, 31.0], [119.1, 31.0], [119.1, 31.1], [119.0, 31.0]];
    const multi: PolygonGeometry = { type: "MultiPolygon", coordinates: [[square, hole], [far]] };
    expect(pointInGeometry(31.02, 119.08, multi)).toBe(true);
    expect(pointInGeometry(32.05, 118.8, multi)).toBe(false); // in the first part's hole
    expect(pointInGeometry(32.02, 118.77, multi)).toBe(true);
    expect(pointInGeometry(31.5, 118.9, multi)).toBe(false);
  });

  it("ring test works without an explicit closing point, and bbox covers the outer rings", () => {
    expect(pointInRing(32.05, 118.8, square.slice(0, 4))).toBe(true);
    expect(geometryBbox(withHole)).toEqual({ minLat: 32.0, minLng: 118.75, maxLat: 32.1, maxLng: 118.85 });
  });
});
