/** Small geometry helpers for seed data (GeoJSON polygons around a point, offsets in km). */

const KM_PER_DEG_LAT = 111.32;

export function offsetKm(lat: number, lng: number, eastKm: number, northKm: number): { lat: number; lng: number } {
  return {
    lat: round6(lat + northKm / KM_PER_DEG_LAT),
    lng: round6(lng + eastKm / (KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180))),
  };
}

export interface CirclePolygon {
  polygon: { type: "Polygon"; coordinates: number[][][] };
  minLat: number;
  minLng: number;
  maxLat: number;
  maxLng: number;
}

/** A closed GeoJSON polygon ([lng, lat] order) approximating a circle, with its bounding box. */
export function circlePolygon(lat: number, lng: number, radiusKm: number, vertices = 16): CirclePolygon {
  const ring: number[][] = [];
  for (let i = 0; i < vertices; i++) {
    const a = (2 * Math.PI * i) / vertices;
    const p = offsetKm(lat, lng, radiusKm * Math.cos(a), radiusKm * Math.sin(a));
    ring.push([p.lng, p.lat]);
  }
  ring.push(ring[0]);
  const lats = ring.map((c) => c[1]);
  const lngs = ring.map((c) => c[0]);
  return {
    polygon: { type: "Polygon", coordinates: [ring] },
    minLat: Math.min(...lats),
    minLng: Math.min(...lngs),
    maxLat: Math.max(...lats),
    maxLng: Math.max(...lngs),
  };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
