import { describe, expect, it } from "vitest";
import { pointsToPolygon, polygonToRings } from "@/components/incidents/area-geojson";

const corners = [
  { lat: 32.0, lng: 118.7 },
  { lat: 32.1, lng: 118.7 },
  { lat: 32.1, lng: 118.8 },
];

describe("affected-area polygons", () => {
  it("needs three corners and closes the ring in [lng, lat] order", () => {
    expect(pointsToPolygon(corners.slice(0, 2))).toBeNull();
    expect(pointsToPolygon(corners)).toEqual({
      type: "Polygon",
      coordinates: [[[118.7, 32.0], [118.7, 32.1], [118.8, 32.1], [118.7, 32.0]]],
    });
  });

  it("reads a stored polygon back as the corners that were clicked", () => {
    expect(polygonToRings(pointsToPolygon(corners))).toEqual([corners]);
  });

  it("reads multipolygons and ignores anything that is not one", () => {
    const poly = pointsToPolygon(corners)!;
    expect(polygonToRings({ type: "MultiPolygon", coordinates: [poly.coordinates, poly.coordinates] })).toHaveLength(2);
    expect(polygonToRings(null)).toEqual([]);
    expect(polygonToRings({ type: "Point", coordinates: [1, 2] })).toEqual([]);
    expect(polygonToRings({ type: "Polygon", coordinates: [[[1, 2], "x"]] })).toEqual([]);
  });
});
