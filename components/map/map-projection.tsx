"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { fromTileCrs, geometryToTileCrs, toTileCrs, type LatLngLiteral, type MapTileCrs, type PolygonLike } from "@/lib/geo/map-crs";

/**
 * The one place every Leaflet map of the app takes its coordinates through: stored WGS84 positions are moved
 * into the tiles' system before drawing (`toMap`), and clicks or bounds read off the map are moved back
 * (`fromMap`). The tiles' system comes from env MAP_TILE_CRS, provided once by the signed-in layout.
 */
export type MapProjection = {
  crs: MapTileCrs;
  toMap: (p: LatLngLiteral) => [number, number];
  fromMap: (p: LatLngLiteral) => LatLngLiteral;
  geometryToMap: <G extends PolygonLike>(g: G) => G;
};

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

export function makeProjection(crs: MapTileCrs): MapProjection {
  return {
    crs,
    toMap: (p) => {
      const m = toTileCrs(crs, p.lat, p.lng);
      return [m.lat, m.lng];
    },
    fromMap: (p) => {
      // Leaflet can report longitudes outside ±180 after panning across the antimeridian.
      const lng = ((((p.lng + 540) % 360) + 360) % 360) - 180;
      const w = fromTileCrs(crs, p.lat, lng);
      return { lat: round6(w.lat), lng: round6(w.lng) };
    },
    geometryToMap: (g) => geometryToTileCrs(crs, g),
  };
}

const MapProjectionContext = createContext<MapProjection>(makeProjection("WGS84"));

export function MapProjectionProvider({ crs, children }: { crs: MapTileCrs; children: ReactNode }) {
  const value = useMemo(() => makeProjection(crs), [crs]);
  return <MapProjectionContext.Provider value={value}>{children}</MapProjectionContext.Provider>;
}

export function useMapProjection(): MapProjection {
  return useContext(MapProjectionContext);
}
