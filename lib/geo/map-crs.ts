import { gcj02ToWgs84, wgs84ToGcj02 } from "@/lib/geo/gcj02";

/**
 * The coordinate system the map tiles are drawn in (env MAP_TILE_CRS). Muster stores WGS84 everywhere;
 * only what is drawn on a map and what a click on it reports are converted, here and nowhere else.
 * CGCS2000 (Tianditu) differs from WGS84 by centimetres, so it is drawn as is.
 */
export const MAP_TILE_CRSES = ["WGS84", "GCJ02", "CGCS2000"] as const;
export type MapTileCrs = (typeof MAP_TILE_CRSES)[number];

export type LatLngLiteral = { lat: number; lng: number };

/** A stored (WGS84) position → where to draw it on tiles of `crs`. */
export function toTileCrs(crs: MapTileCrs, lat: number, lng: number): LatLngLiteral {
  return crs === "GCJ02" ? wgs84ToGcj02(lat, lng) : { lat, lng };
}

/** A position on tiles of `crs` (a click, the map's bounds) → WGS84 for storing and querying. */
export function fromTileCrs(crs: MapTileCrs, lat: number, lng: number): LatLngLiteral {
  return crs === "GCJ02" ? gcj02ToWgs84(lat, lng) : { lat, lng };
}

type Ring = number[][];
export type PolygonLike = { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };

/** A GeoJSON (Multi)Polygon, [lng, lat] positions, moved into `crs` for drawing. */
export function geometryToTileCrs<G extends PolygonLike>(crs: MapTileCrs, g: G): G {
  if (crs !== "GCJ02") return g;
  const ring = (r: Ring): Ring => r.map(([lng, lat]) => { const p = wgs84ToGcj02(lat!, lng!); return [p.lng, p.lat]; });
  if (g.type === "Polygon") return { ...g, coordinates: g.coordinates.map(ring) };
  return { ...g, coordinates: (g.coordinates as Ring[][]).map((p) => p.map(ring)) };
}
