/**
 * Point-in-polygon for GeoJSON hazard zones (positions are [lng, lat]). Ray casting per ring: a point is
 * inside a Polygon when it is inside the outer ring and in none of its holes; inside a MultiPolygon when
 * inside any of its polygons. Zones are city-scale, so treating degrees as planar is accurate enough.
 * A point exactly on an edge may fall either way; dispatch treats zones as "stay clear", so callers do
 * not rely on edges.
 */
export type Position = readonly [number, number] | readonly number[];
export type Ring = readonly Position[];
export type PolygonGeometry = { type: "Polygon"; coordinates: readonly Ring[] } | { type: "MultiPolygon"; coordinates: readonly (readonly Ring[])[] };

export function pointInRing(lat: number, lng: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!, yi = ring[i]![1]!;
    const xj = ring[j]![0]!, yj = ring[j]![1]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function pointInPolygonRings(lat: number, lng: number, rings: readonly Ring[]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !pointInRing(lat, lng, outer)) return false;
  return !holes.some((h) => pointInRing(lat, lng, h));
}

export function pointInGeometry(lat: number, lng: number, g: PolygonGeometry): boolean {
  if (g.type === "Polygon") return pointInPolygonRings(lat, lng, g.coordinates);
  return g.coordinates.some((p) => pointInPolygonRings(lat, lng, p));
}

/** Bounding box of every outer ring (holes lie inside their outer ring). */
export function geometryBbox(g: PolygonGeometry): { minLat: number; minLng: number; maxLat: number; maxLng: number } {
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  let minLat = Infinity, minLng = Infinity, maxLat = -Infinity, maxLng = -Infinity;
  for (const p of polys) {
    for (const [lng, lat] of p[0] ?? []) {
      minLat = Math.min(minLat, lat!); maxLat = Math.max(maxLat, lat!);
      minLng = Math.min(minLng, lng!); maxLng = Math.max(maxLng, lng!);
    }
  }
  return { minLat, minLng, maxLat, maxLng };
}
