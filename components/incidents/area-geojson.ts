export type LatLng = { lat: number; lng: number };

export type GeoJsonPolygon = { type: "Polygon"; coordinates: number[][][] };

/** Clicked corners → a closed GeoJSON Polygon ([lng, lat] order), or null with fewer than 3 corners. */
export function pointsToPolygon(points: readonly LatLng[]): GeoJsonPolygon | null {
  if (points.length < 3) return null;
  const ring = points.map((p) => [p.lng, p.lat]);
  ring.push([points[0].lng, points[0].lat]);
  return { type: "Polygon", coordinates: [ring] };
}

/** The outer ring(s) of a stored Polygon / MultiPolygon as lat/lng corners (closing point dropped). */
export function polygonToRings(area: unknown): LatLng[][] {
  if (!area || typeof area !== "object") return [];
  const g = area as { type?: string; coordinates?: unknown };
  const polygons =
    g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" && Array.isArray(g.coordinates) ? g.coordinates : [];
  const rings: LatLng[][] = [];
  for (const poly of polygons) {
    const outer = Array.isArray(poly) ? poly[0] : null;
    if (!Array.isArray(outer)) continue;
    const ring = outer
      .filter((c): c is number[] => Array.isArray(c) && typeof c[0] === "number" && typeof c[1] === "number")
      .map((c) => ({ lat: c[1], lng: c[0] }));
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (ring.length > 1 && first.lat === last.lat && first.lng === last.lng) ring.pop();
    if (ring.length >= 3) rings.push(ring);
  }
  return rings;
}
