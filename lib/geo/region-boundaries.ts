import cities from "@/lib/geo/boundaries/jiangsu-cities.json";
import districts from "@/lib/geo/boundaries/nanjing-districts.json";
import type { PolygonLike } from "@/lib/geo/map-crs";

/**
 * The shipped boundaries (WGS84; source and licence in lib/geo/boundaries/README.md): Jiangsu's 13 cities
 * and Nanjing's 11 districts. The province is the union of its cities.
 */
export type BoundaryFeature = {
  type: "Feature";
  properties: { code: string; nameZh: string; nameEn: string };
  geometry: PolygonLike;
};

const CITIES = (cities as { features: BoundaryFeature[] }).features;
const DISTRICTS = (districts as { features: BoundaryFeature[] }).features;
const BY_CODE = new Map([...CITIES, ...DISTRICTS].map((f) => [f.properties.code, f]));
export const JIANGSU_CODE = "320000";
export const NANJING_CODE = "320100";

/** The outlines that make up a region (null when no boundary ships for it). */
export function regionGeometries(code: string): PolygonLike[] | null {
  if (code === JIANGSU_CODE) return CITIES.map((f) => f.geometry);
  const f = BY_CODE.get(code);
  return f ? [f.geometry] : null;
}

/** The sub-regions a region is drawn divided into (province → cities, Nanjing → districts), else none. */
export function childBoundaries(code: string): BoundaryFeature[] {
  if (code === JIANGSU_CODE) return CITIES;
  if (code === NANJING_CODE) return DISTRICTS;
  return [];
}

/** What a region's map draws: its sub-regions, or its own outline when it has none shipped. */
export function boundariesToDraw(code: string): BoundaryFeature[] {
  const children = childBoundaries(code);
  if (children.length > 0) return children;
  const own = BY_CODE.get(code);
  return own ? [own] : [];
}

/** Bounding box of some outlines, [[south, west], [north, east]]. */
export function boundsOf(geoms: PolygonLike[]): [[number, number], [number, number]] | null {
  let s = Infinity, w = Infinity, n = -Infinity, e = -Infinity;
  for (const g of geoms) {
    const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    for (const p of polys) for (const [lng, lat] of p[0] ?? []) {
      s = Math.min(s, lat!); n = Math.max(n, lat!); w = Math.min(w, lng!); e = Math.max(e, lng!);
    }
  }
  return Number.isFinite(s) ? [[s, w], [n, e]] : null;
}
